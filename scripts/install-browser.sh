#!/usr/bin/env bash
# Installs Debian's headless Chromium for the browser tests, if it is missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium for the browser tests (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
else
  echo "note: chromium is not installed; browser tests will be skipped." >&2
  echo "      install it with: sudo apt-get install chromium chromium-driver" >&2
fi
