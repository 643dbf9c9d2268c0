#!/usr/bin/env bash
# Builds the C library and installs it under a prefix:
#   lib/libcxkit.so.<version> (SONAME libcxkit.so.<major>) with the links libcxkit.so.<major>
#   and libcxkit.so, lib/libcxkit.a, include/cxkit.h, the pkg-config file
#   lib/pkgconfig/cxkit.pc and the CMake package lib/cmake/cxkit (find_package(cxkit) gives
#   cxkit::cxkit and cxkit::cxkit_static). Linux (ELF shared libraries).
# Usage: scripts/install-c.sh [--prefix DIR] [--debug]   (default: /usr/local, a release build)
# The Cargo library is named cxkit_ffi so that its rlib (used by the Miri and fuzz tests) does
# not collide with the core crate's; the installed library is libcxkit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=/usr/local
profile=release
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --debug) profile=debug; shift ;;
    *) echo "usage: $0 [--prefix DIR] [--debug]" >&2; exit 2 ;;
  esac
done
cd "$root"
if [ "$profile" = release ]; then
  cargo build --quiet --release -p cxkit-c
else
  cargo build --quiet -p cxkit-c
fi
version=$(cargo pkgid -p cxkit-c | sed 's/.*[#@]//')
major=${version%%.*}
minor=${version#*.}
minor=${minor%%.*}
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
built="$root/target/$profile"
mkdir -p "$prefix/lib" "$prefix/include"
install -m 0755 "$built/libcxkit_ffi.so" "$prefix/lib/libcxkit.so.$version"
ln -sf "libcxkit.so.$version" "$prefix/lib/libcxkit.so.$major"
ln -sf "libcxkit.so.$major" "$prefix/lib/libcxkit.so"
install -m 0644 "$built/libcxkit_ffi.a" "$prefix/lib/libcxkit.a"
install -m 0644 include/cxkit.h "$prefix/include/cxkit.h"
fill() { sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" -e "s|@MAJOR@|$major|g" -e "s|@MINOR@|$minor|g" "$1"; }
mkdir -p "$prefix/lib/pkgconfig" "$prefix/lib/cmake/cxkit"
fill bindings/c/install/cxkit.pc.in > "$prefix/lib/pkgconfig/cxkit.pc"
fill bindings/c/install/cxkitConfig.cmake.in > "$prefix/lib/cmake/cxkit/cxkitConfig.cmake"
fill bindings/c/install/cxkitConfigVersion.cmake.in > "$prefix/lib/cmake/cxkit/cxkitConfigVersion.cmake"
echo "installed libcxkit $version under $prefix"
