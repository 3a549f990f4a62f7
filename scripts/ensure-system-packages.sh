#!/bin/sh
# Install the system tools some tests use, from Debian's packages: headless Chromium and
# ChromeDriver (the HTML report in a real browser), age (interoperability of encrypted
# files) and restic (backups and restore drills). Without root or apt-get, say so: those
# tests then skip with a message, unless SECPLAN_REQUIRE_TOOLS=1 (set by CI), which turns
# the skips into failures.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
command -v age >/dev/null 2>&1 || missing="$missing age"
command -v restic >/dev/null 2>&1 || missing="$missing restic"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing$missing from Debian's packages..."
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  exit 0
fi
echo "note:$missing not found and cannot be installed here; the tests that need them will skip" >&2
