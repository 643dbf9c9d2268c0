#!/usr/bin/env bash
# Builds and installs libcxkit under target/c-tests/prefix (scripts/install-c.sh), checks its
# SONAME, checks that the header compiles alone as C99 and as C++, and builds
# tests/c/test_cxkit.c with the system C compiler as an integrator would: through pkg-config
# and through CMake's find_package(cxkit) against the installed prefix (both run without
# LD_LIBRARY_PATH; the pkg-config build under valgrind: no leaks, no memory errors), against
# the static library, and against the static library with AddressSanitizer, LeakSanitizer
# and UndefinedBehaviorSanitizer (any report fails the run).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out="$root/target/c-tests"
rm -rf "$out/prefix"
scripts/install-c.sh --debug --prefix "$out/prefix" > /dev/null
lib="$out/prefix/lib"
mkdir -p "$out"
# The shared library carries the SONAME it is installed under.
if command -v readelf > /dev/null; then
  readelf -d "$lib/libcxkit.so" | grep -q 'SONAME.*\[libcxkit\.so\.0\]' || {
    echo "libcxkit.so has no SONAME libcxkit.so.0" >&2; exit 1; }
fi
cc=${CC:-gcc}
warn=(-std=c11 -Wall -Wextra -Werror -pedantic -g)
flags=("${warn[@]}" -I "$root/include")
# The header alone compiles cleanly as C99 and as C++ (its comments are /* */, old compilers
# included).
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only -x c include/cxkit.h
cxx=${CXX:-g++}
if command -v "$cxx" > /dev/null; then
  "$cxx" -std=c++11 -pedantic -Wall -Wextra -Werror -fsyntax-only -x c++ include/cxkit.h
else
  echo "$cxx not found: the header's C++ check skipped" >&2
fi
# Built as an integrator would: through pkg-config, and through CMake's find_package(cxkit),
# against the installed prefix; both programs run without LD_LIBRARY_PATH.
export PKG_CONFIG_PATH="$lib/pkgconfig"
# shellcheck disable=SC2046 # pkg-config's words are meant to split
"$cc" "${warn[@]}" tests/c/test_cxkit.c -o "$out/test_cxkit_shared" \
  $(pkg-config --cflags --libs cxkit) -Wl,-rpath,"$(pkg-config --variable=libdir cxkit)" -lm
cmake=$(command -v cmake || echo "$root/.venv/bin/cmake")
if [ ! -x "$cmake" ]; then
  echo "cmake not found (scripts/python-env.sh installs it into .venv)" >&2
  exit 1
fi
rm -rf "$out/cmake"
"$cmake" -S tests/c -B "$out/cmake" -DCMAKE_PREFIX_PATH="$out/prefix" -DCMAKE_C_COMPILER="$cc" > /dev/null
"$cmake" --build "$out/cmake" > /dev/null
env -u LD_LIBRARY_PATH "$out/cmake/test_cxkit" > /dev/null
"$out/cmake/test_cxkit_static" > /dev/null
"$cc" "${flags[@]}" tests/c/test_cxkit.c -o "$out/test_cxkit_static" \
  "$lib/libcxkit.a" -lm -lpthread -ldl
"$out/test_cxkit_static" > /dev/null
sanitize=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
if "$cc" "${sanitize[@]}" -x c - -o "$out/sanitizer_probe" <<< 'int main(void) { return 0; }' 2> /dev/null; then
  "$cc" "${flags[@]}" "${sanitize[@]}" tests/c/test_cxkit.c -o "$out/test_cxkit_sanitized" \
    "$lib/libcxkit.a" -lm -lpthread -ldl
  ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$out/test_cxkit_sanitized" > /dev/null
else
  echo "$cc cannot build with -fsanitize=address,undefined: sanitizer run skipped" >&2
fi
# The README's C example must compile and run as printed.
awk '/^```c$/{on=1; next} /^```$/{on=0} on' README.md > "$out/readme_example.c"
# shellcheck disable=SC2046
"$cc" "${warn[@]}" "$out/readme_example.c" -o "$out/readme_example" \
  $(pkg-config --cflags --libs cxkit) -Wl,-rpath,"$lib"
"$out/readme_example" | grep -q "^NPS 40.0 "
if command -v valgrind > /dev/null; then
  env -u LD_LIBRARY_PATH valgrind --quiet --suppressions="$root/tests/c/valgrind.supp" \
    --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
    "$out/test_cxkit_shared"
else
  echo "valgrind not found: running without it" >&2
  env -u LD_LIBRARY_PATH "$out/test_cxkit_shared"
fi
