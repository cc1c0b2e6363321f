#!/usr/bin/env sh
# Installs Debian's Chromium for the tests that load the HTML report in a real browser
# (test/report/htmlInBrowser.test.ts). Without it those tests are skipped, except under CI.
set -eu
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: not installed and apt-get is not available; the browser tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "chromium: not installed; run 'apt-get install chromium' as root to enable the browser tests" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends chromium >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends chromium >/dev/null; }
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
