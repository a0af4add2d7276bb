#!/usr/bin/env bash
# Builds the C `conf` oracle from Debian's linux-source package (Linux 6.1) and extracts the part of
# the Linux tree that the Kconfig tests need. Idempotent: a second run only checks a stamp.
#
#   .cache/linux-6.1/      scripts/, every Kconfig* file, arch/*/configs/*, Makefile
#   .cache/oracle/conf     scripts/kconfig/conf, built exactly as the kernel builds it
#   .cache/oracle/conf-batch  the same objects with conf's main() renamed, driven by batch.c:
#                          runs many conf invocations (one fork each, no exec) from a job file
#   .cache/oracle/linux-env.txt  KERNELVERSION and CC_VERSION_TEXT as the kernel Makefile computes them
#
# Environment: LINUX_SOURCE_TARBALL (default /usr/src/linux-source-6.1.tar.xz).
# Needs: tar, xz, flex, bison, gcc (CI installs linux-source flex bison gcc xz-utils).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tarball="${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}"
cache="$root/.cache"
tree="$cache/linux-6.1"
out="$cache/oracle"

die() { echo "build-oracle: $*" >&2; exit 1; }

[ -f "$tarball" ] || die "$tarball not found (apt-get install linux-source; or set LINUX_SOURCE_TARBALL)"
for tool in tar xz flex bison gcc; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (apt-get install flex bison gcc xz-utils)"
done

mkdir -p "$cache"
# One builder at a time (vitest workers, the CLI, a second shell).
exec 9>"$cache/.oracle.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

# Two stamps: the extracted tree depends on the tarball only; the binaries also on this script,
# batch.c and the compiler.
tar_id="tarball=$tarball $(stat -c '%s %Y' "$tarball")"
tree_want="$(printf '%s\n' "$tar_id" "extract-v1" | sha256sum | cut -d' ' -f1)"
bin_want="$( { echo "$tar_id"; cat "$here/build-oracle.sh" "$here/batch.c"; gcc --version | head -n1; } | sha256sum | cut -d' ' -f1 )"
tree_ok=false; bin_ok=false
[ -f "$tree/.stamp" ] && [ "$(cat "$tree/.stamp")" = "$tree_want" ] && [ -f "$tree/Kconfig" ] && tree_ok=true
[ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$bin_want" ] && [ -x "$out/conf" ] && [ -x "$out/conf-batch" ] \
  && [ -f "$out/linux-env.txt" ] && bin_ok=true
if $tree_ok && $bin_ok; then exit 0; fi

tmp="$(mktemp -d "$cache/.oracle-build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

if ! $tree_ok; then
  echo "build-oracle: extracting the Kconfig part of $(basename "$tarball") into .cache/linux-6.1 ..." >&2
  top="$(tar -tJf "$tarball" 2>/dev/null | head -n1 | cut -d/ -f1 || true)"
  [ -n "$top" ] || die "cannot list $tarball"
  mkdir -p "$tmp/tree"
  tar -xJf "$tarball" -C "$tmp/tree" --strip-components=1 --wildcards \
    "$top/Makefile" "$top/scripts/*" "*/Kconfig*" "$top/arch/*/configs/*"
  [ -f "$tmp/tree/Kconfig" ] && [ -f "$tmp/tree/scripts/kconfig/conf.c" ] || die "extraction incomplete"
  echo "$tree_want" > "$tmp/tree/.stamp"
  rm -rf "$tree.old"
  [ -d "$tree" ] && mv "$tree" "$tree.old"
  mv "$tmp/tree" "$tree"
  rm -rf "$tree.old"
fi

echo "build-oracle: building conf ..." >&2
src="$tree/scripts/kconfig"
b="$tmp/build"
mkdir -p "$b"
cp "$src"/*.c "$src"/*.h "$src"/parser.y "$src"/lexer.l "$b/"
rm -f "$b/parser.tab.c" "$b/parser.tab.h" "$b/lexer.lex.c"
cp "$here/batch.c" "$b/"
(
  cd "$b"
  bison -t -l -o parser.tab.c --defines=parser.tab.h parser.y
  flex -o lexer.lex.c lexer.l
  cflags="-O2 -std=gnu11 -fomit-frame-pointer -w"
  objs=""
  for f in confdata expr symbol preprocess parser.tab lexer.lex menu util; do
    gcc $cflags -I. -c "$f.c" -o "$f.o"
    objs="$objs $f.o"
  done
  gcc $cflags -I. -c conf.c -o conf.o
  # conf-batch -p: conf_main's conf_parse call goes through batch.c (the tree parsed once)
  gcc $cflags -I. -Dmain=conf_main -Dconf_parse=conf_parse_shared -c conf.c -o conf_main.o
  gcc $cflags -I. -c batch.c -o batch.o
  gcc -o conf conf.o $objs
  gcc -o conf-batch batch.o conf_main.o $objs
)

# The values the kernel's Makefile exports to conf that Kconfig files read (see oracle.ts linuxEnv).
mk="$tree/Makefile"
ver="$(sed -n 's/^VERSION = //p' "$mk")"
pl="$(sed -n 's/^PATCHLEVEL = //p' "$mk")"
sl="$(sed -n 's/^SUBLEVEL = //p' "$mk")"
ev="$(sed -n 's/^EXTRAVERSION = *//p' "$mk")"
kv="$ver${pl:+.$pl}${sl:+.$sl}$ev"   # Makefile: KERNELVERSION = $(VERSION)$(if $(PATCHLEVEL),.$(PATCHLEVEL)$(if $(SUBLEVEL),.$(SUBLEVEL)))$(EXTRAVERSION)
ccv="$(LC_ALL=C gcc --version 2>/dev/null | head -n 1)"  # Makefile: CC_VERSION_TEXT = $(subst $(pound),,$(shell LC_ALL=C $(CC) --version 2>/dev/null | head -n 1))
ccv="${ccv//#/}"
{
  printf 'KERNELVERSION=%s\n' "$kv"
  printf 'CC_VERSION_TEXT=%s\n' "$ccv"
} > "$b/linux-env.txt"

rm -rf "$out.old"
[ -d "$out" ] && mv "$out" "$out.old"
mkdir -p "$out"
cp "$b/conf" "$b/conf-batch" "$b/linux-env.txt" "$out/"
rm -rf "$out.old"
echo "$bin_want" > "$out/stamp"
echo "build-oracle: ready: .cache/oracle/conf (Linux $kv)" >&2
