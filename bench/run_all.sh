#!/bin/sh
# All benchmarks in one run, as recorded in bench/RESULTS.md (run on an otherwise idle machine).
set -e
cd "$(dirname "$0")/.."
PY=.venv/bin/python
$PY bench/poll_cost.py --delay 0.05 --polls 40
$PY bench/scale.py --delay 0.05 --sizes 100,1000,5000 --messages 10000 --repeat 15
# Pollers in 2 client processes (bench/load_client.py); one row each for 10 s (the page), 1 s and back to back.
$PY bench/load.py --delay 0.05 --pollers 50 --duration "${DURATION:-60}" --intervals 10,1,0 --procs 2 --write-every 1
# The chat-list poll with 10,000 dialogs loaded: unchanged (against the floor route) and one changed chat.
$PY bench/list_poll.py --sizes 100,10000 --polls 1000
