#!/usr/bin/env bash
# Installs the Debian packages the Python tests use when they are missing: Chromium and a
# Chinese font (WenQuanYi Micro Hei, 1.6 MB, one of the report's font stack) for the report's
# browser test (tests/python/test_report_browser.py) and a Java 17 runtime for the local Spark
# session (tests/python/test_spark.py). Needs root or password-less sudo and the
# Debian package archive; where either is missing it says so and those tests are skipped.
set -uo pipefail
missing=()
command -v chromium > /dev/null || missing+=(chromium)
command -v java > /dev/null || missing+=(openjdk-17-jre-headless)
# A Chinese font of the report's own font stack (report/html.rs): any other Chinese font
# (Droid Sans Fallback comes with many packages) is not one the page asks for.
stack='PingFang SC|Hiragino Sans GB|Microsoft YaHei|Noto Sans CJK SC|Source Han Sans SC|WenQuanYi Micro Hei'
fc-list :lang=zh family 2> /dev/null | grep -qE "$stack" || missing+=(fonts-wqy-microhei)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
    sudo="sudo -n"
  else
    echo "system-env: not root: ${missing[*]} not installed, the tests that need them will be skipped" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
install() { $sudo apt-get install -y -q "${missing[@]}" > /dev/null 2>&1; }
if ! install && ! { $sudo apt-get update -q > /dev/null 2>&1 && install; }; then
  echo "system-env: could not install ${missing[*]}, the tests that need them will be skipped" >&2
fi
exit 0
