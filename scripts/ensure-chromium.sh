#!/bin/sh
# Install headless Chromium and ChromeDriver from Debian's packages for the browser tests.
# Without root or apt-get, say so: the browser tests then skip with a message
# (unless SECPLAN_REQUIRE_BROWSER=1, which turns the skip into a failure).
set -eu
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium and chromium-driver from Debian's packages..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  exit 0
fi
echo "note: chromium/chromedriver not found and cannot be installed here; browser tests will skip" >&2
