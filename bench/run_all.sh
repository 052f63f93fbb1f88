#!/bin/sh
# All benchmarks in one run, as recorded in bench/RESULTS.md. The machine's load is printed every 30 s
# ("# load ..." lines, from /proc/loadavg): other work on the same CPUs changes absolute times, not the ratios.
set -e
cd "$(dirname "$0")/.."
PY=.venv/bin/python
echo "# run_all: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), commit $(git rev-parse --short HEAD), $(nproc) CPUs"
(while :; do echo "# load $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 30; done) &
SAMPLER=$!
trap 'kill $SAMPLER' EXIT
$PY bench/poll_cost.py --delay 0.05 --polls 40
$PY bench/download.py --delay 0.05 --mb 20 --repeat 3
$PY bench/scale.py --delay 0.05 --sizes 100,1000,5000 --messages 10000 --repeat 15
# Pollers in 2 client processes (bench/load_client.py); one row each for 10 s (the page), 1 s and back to back.
$PY bench/load.py --delay 0.05 --pollers 50 --duration "${DURATION:-60}" --intervals 10,1,0 --procs 2 --write-every 1
# Issue 12: goal 1 (an unchanged poll without the loop hop), goal 3 (first loads) and goal 4 (200 open tabs at the
# page's 10 s, waitress with app.py's connection limit; static files).
$PY bench/hop_free.py --delay 0.05 --polls 2000 --threads 8 --seconds 15 --rate 25
$PY bench/first_loads.py --delay 0.05 --repeat 5
$PY bench/load.py --delay 0.05 --pollers 200 --duration "${DURATION:-60}" --intervals 10 --procs 2 --write-every 1 --connection-limit 1000
# Goal 2: the chat-list poll with 10,000 dialogs loaded: unchanged (against the floor route) and one changed chat.
$PY bench/list_poll.py --sizes 100,10000 --polls 1000
echo "# run_all done: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
