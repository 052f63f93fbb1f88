#!/usr/bin/env bash
# Sets up (virtualenv + pinned packages) and starts the app on http://127.0.0.1:5000.
# Extra arguments go to app.py, e.g. `bash scripts/run.sh --port 8000`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
exec .venv/bin/python app.py "$@"
