#!/bin/sh
# All benchmarks in one run, as recorded in bench/RESULTS.md.
set -e
cd "$(dirname "$0")/.."
PY=.venv/bin/python
$PY bench/poll_cost.py --delay 0.05 --polls 40
$PY bench/scale.py --delay 0.05 --sizes 100,1000,5000 --messages 10000 --repeat 15
$PY bench/load.py --delay 0.05 --pollers 50 --duration "${DURATION:-60}" --interval 1
$PY bench/load.py --delay 0.05 --pollers 50 --duration "${DURATION:-60}" --interval 0
