#!/usr/bin/env bash
# Builds conf-set (conf-set.c: the C menuconfig's edit path without the dialog) twice, into
# .cache/conf-set/: `linux` against Linux 6.1's scripts/kconfig (the tree build-oracle.sh extracts
# into .cache/linux-6.1), `unikraft` against Unikraft's support/kconfig (v5.2 with Unikraft's patches,
# from the core tarball in ../shared/unikraft, objects made by its own Makefile.br as
# build-unikraft-oracle.sh does). Idempotent, locked; rebuilds when a source or this script changes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
linux="$root/.cache/linux-6.1/scripts/kconfig"
tarball="${UNIKRAFT_CORE_TARBALL:-$(ls "$root"/../shared/unikraft/unikraft-*.tar.xz 2>/dev/null | head -n1)}"
out="$root/.cache/conf-set"

die() { echo "build-conf-set: $*" >&2; exit 1; }
[ -f "$linux/conf.c" ] || die "no $linux (run test/oracle/build-oracle.sh first)"
[ -n "$tarball" ] && [ -f "$tarball" ] || die "no Unikraft core tarball in ../shared/unikraft (set UNIKRAFT_CORE_TARBALL)"
for tool in tar xz make gcc flex bison; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (apt-get install make gcc flex bison xz-utils)"
done

mkdir -p "$root/.cache"
exec 9>"$root/.cache/.conf-set.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

want="$( { cat "$here/build-conf-set.sh" "$here/conf-set.c" "$linux/confdata.c" "$linux/symbol.c"; echo "$tarball $(stat -c '%s %Y' "$tarball")"; gcc --version | head -n1; } | sha256sum | cut -d' ' -f1 )"
[ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$want" ] && [ -x "$out/linux" ] && [ -x "$out/unikraft" ] && exit 0

tmp="$(mktemp -d "$root/.cache/.conf-set-build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
echo "build-conf-set: building .cache/conf-set/{linux,unikraft} ..." >&2

# Linux 6.1: the objects of conf without conf.o, as build-oracle.sh compiles them
mkdir -p "$tmp/linux"
cp "$linux"/*.c "$linux"/*.h "$linux"/parser.y "$linux"/lexer.l "$here/conf-set.c" "$tmp/linux/"
rm -f "$tmp/linux/parser.tab.c" "$tmp/linux/parser.tab.h" "$tmp/linux/lexer.lex.c"
(
  cd "$tmp/linux"
  bison -t -l -o parser.tab.c --defines=parser.tab.h parser.y
  flex -o lexer.lex.c lexer.l
  objs=""
  for f in confdata expr symbol preprocess parser.tab lexer.lex menu util conf-set; do
    gcc -O2 -std=gnu11 -w -I. -c "$f.c" -o "$f.o"
    objs="$objs $f.o"
  done
  gcc -o conf-set $objs
) || die "the Linux build failed"

# Unikraft: its Makefile.br builds conf; conf-set is linked with the same objects but conf.o
top="$(tar -tJf "$tarball" 2>/dev/null | head -n1 | cut -d/ -f1 || true)"
[ -n "$top" ] || die "cannot list $tarball"
tar -xJf "$tarball" -C "$tmp" "$top/support/kconfig"
ksrc="$tmp/$top/support/kconfig"
obj="$tmp/uobj"
mkdir -p "$obj/lxdialog"
make --no-print-directory CC=gcc HOSTCC=gcc YACC=bison LEX=flex obj="$obj" -C "$ksrc" -f Makefile.br "$obj/conf" >"$tmp/build.log" 2>&1 \
  || { cat "$tmp/build.log" >&2; die "Unikraft's make failed"; }
gcc -I"$ksrc" -I"$obj" -DCONFIG_=\"\" -c "$here/conf-set.c" -o "$obj/conf-set.o"
( cd "$obj" && gcc -o conf-set conf-set.o $(ls *.o | grep -v -e '^conf\.o$' -e '^conf-set\.o$' -e '^fixdep\.o$') -ldl ) || die "linking Unikraft's conf-set failed"

rm -rf "$out"
mkdir -p "$out"
cp "$tmp/linux/conf-set" "$out/linux"
cp "$obj/conf-set" "$out/unikraft"
echo "$want" > "$out/stamp"
echo "build-conf-set: ready" >&2
