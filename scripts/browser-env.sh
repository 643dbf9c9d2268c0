#!/usr/bin/env bash
# Installs Debian's Chromium, for the report's browser test (tests/python/test_report_browser.py),
# when it is missing. Needs root or password-less sudo and the Debian package archive; where
# either is missing it says so and the browser test is skipped (the report's structural
# checks still run).
set -uo pipefail
command -v chromium > /dev/null && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
    sudo="sudo -n"
  else
    echo "browser-env: not root: Chromium not installed, the browser test will be skipped" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
install() { $sudo apt-get install -y -q chromium > /dev/null 2>&1; }
if ! install && ! { $sudo apt-get update -q > /dev/null 2>&1 && install; }; then
  echo "browser-env: could not install Chromium, the browser test will be skipped" >&2
fi
exit 0
