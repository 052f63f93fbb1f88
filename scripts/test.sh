#!/usr/bin/env bash
# Installs everything the tests need (virtualenv, pinned packages, Debian's chromium for the
# browser tests, Debian's postgresql for the PostgreSQL pass) and runs the whole suite.
# Extra arguments go to pytest (`-m postgresql`: the PostgreSQL pass alone).
set -euo pipefail
cd "$(dirname "$0")/.."
# The emoji font only makes the browser tests' screenshots (docs/screenshots) show emoji, not boxes.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo "sudo")
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
# The tests start their own throw-away PostgreSQL (tests/postgres.py); here it must start, or
# those tests fail rather than skip. TEST_POSTGRES=skip turns the pass off on purpose.
export TEST_POSTGRES="${TEST_POSTGRES:-require}"
exec .venv/bin/python -m pytest "$@"
