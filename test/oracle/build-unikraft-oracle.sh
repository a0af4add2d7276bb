#!/usr/bin/env bash
# Builds Unikraft's own C conf (its vendored Linux v5.2 kconfig with Unikraft's patches, built with
# an empty CONFIG_ prefix) from the real core snapshot in ../shared/unikraft, as the core's Makefile
# builds it (make -f Makefile.br obj=... conf). Idempotent: a second run only checks a stamp.
#
#   .cache/unikraft-conf/conf    the program
#
# Environment: UNIKRAFT_CORE_TARBALL (default: the one unikraft-*.tar.xz in ../shared/unikraft).
# Needs: tar, xz, make, gcc, flex, bison.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tarball="${UNIKRAFT_CORE_TARBALL:-$(ls "$root"/../shared/unikraft/unikraft-*.tar.xz 2>/dev/null | head -n1)}"
out="$root/.cache/unikraft-conf"

die() { echo "build-unikraft-oracle: $*" >&2; exit 1; }

[ -n "$tarball" ] && [ -f "$tarball" ] || die "no Unikraft core tarball in ../shared/unikraft (set UNIKRAFT_CORE_TARBALL)"
for tool in tar xz make gcc flex bison; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (apt-get install make gcc flex bison xz-utils)"
done

mkdir -p "$root/.cache"
exec 9>"$root/.cache/.unikraft-conf.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

want="$( { echo "$tarball $(stat -c '%s %Y' "$tarball")"; cat "$here/build-unikraft-oracle.sh"; gcc --version | head -n1; } | sha256sum | cut -d' ' -f1 )"
[ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$want" ] && [ -x "$out/conf" ] && exit 0

tmp="$(mktemp -d "$root/.cache/.unikraft-conf-build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
echo "build-unikraft-oracle: building Unikraft's conf from $(basename "$tarball") ..." >&2
top="$(tar -tJf "$tarball" 2>/dev/null | head -n1 | cut -d/ -f1 || true)"
[ -n "$top" ] || die "cannot list $tarball"
tar -xJf "$tarball" -C "$tmp" "$top/support/kconfig"
mkdir -p "$tmp/obj/lxdialog"
make --no-print-directory CC=gcc HOSTCC=gcc YACC=bison LEX=flex obj="$tmp/obj" \
  -C "$tmp/$top/support/kconfig" -f Makefile.br "$tmp/obj/conf" >"$tmp/build.log" 2>&1 \
  || { cat "$tmp/build.log" >&2; die "make failed"; }
rm -rf "$out"
mkdir -p "$out"
cp "$tmp/obj/conf" "$out/conf"
echo "$want" > "$out/stamp"
echo "build-unikraft-oracle: ready: .cache/unikraft-conf/conf" >&2
