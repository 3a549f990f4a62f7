#!/bin/sh
# Install the system tools some tests use, from Debian's packages: headless Chromium and
# ChromeDriver (the HTML report in a real browser), age (interoperability of encrypted
# files), restic (backups and restore drills) and Pango (WeasyPrint's PDF export of
# framework reports). Without root or apt-get, say so: those
# tests then skip with a message, unless SECPLAN_REQUIRE_TOOLS=1 (set by CI), which turns
# the skips into failures.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
command -v age >/dev/null 2>&1 || missing="$missing age"
command -v restic >/dev/null 2>&1 || missing="$missing restic"
# libraries, not commands: look for the shared objects WeasyPrint opens
has_lib() {
  for f in /usr/lib/*/"$1" /usr/lib/"$1" /usr/lib64/"$1"; do [ -e "$f" ] && return 0; done
  return 1
}
has_lib libpango-1.0.so.0 || missing="$missing libpango-1.0-0"
has_lib libpangoft2-1.0.so.0 || missing="$missing libpangoft2-1.0-0"
has_lib libharfbuzz-subset.so.0 || missing="$missing libharfbuzz-subset0"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing$missing from Debian's packages..."
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  exit 0
fi
echo "note:$missing not found and cannot be installed here; the tests that need them will skip" >&2
