#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a bounded time under AddressSanitizer (libFuzzer,
# nightly Rust), starting from the committed seeds in fuzz/corpus/<target>. New inputs go to
# fuzz/work/<target> (not committed); a crash stops the run with its input in
# fuzz/artifacts/<target> — fix the bug, then commit that input to fuzz/corpus/<target> under a
# name that says what it found, where the stable corpus replay (`cargo test` in fuzz/, run by
# scripts/test.sh) keeps it as a test.
# Usage: scripts/fuzz.sh [seconds per target, default 60] [target ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: cargo fuzz needs a nightly toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked --quiet
cd "$root/fuzz"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
for target in "${targets[@]}"; do
  mkdir -p "work/$target"
  printf '\n== fuzz %s for %s s\n' "$target" "$seconds"
  set +e
  cargo +nightly fuzz run "$target" "work/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
    > "work/$target.log" 2>&1
  status=$?
  set -e
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY)' "work/$target.log" || true
  if [ "$status" -ne 0 ]; then
    grep -E 'panicked|ERROR|artifacts/' "work/$target.log" | head -5 >&2
    echo "fuzz: $target failed (log: fuzz/work/$target.log)" >&2
    exit 1
  fi
done
