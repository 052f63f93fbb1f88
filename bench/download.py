"""Download speed: one big document at an injected latency per Telegram request, Telethon's own download (one
part at a time) against this app's media route (several parts in flight, telegram/parallel.py), MB/s side by
side in one run. Both go through the same long-lived client of the app; the app's disk cache is emptied before
each of its runs.

    .venv/bin/python bench/download.py [--delay 0.05] [--mb 20] [--repeat 3]
"""
import argparse
import os
import shutil
import time

from common import make_app, p50, signed_in, table
from telegram_sandbox import SandboxServer
from telegram_web.telegram.service import get_service
from telegram_web.telegram.updates import ensure


def run(delay=0.05, mb=20, repeat=3):
    server = SandboxServer()
    me = server.create_account("447700900555", "Ada", "Lovelace")
    bob = server.create_account("447700900001", "Bob", "Builder")
    data = os.urandom(mb * 1024 * 1024)
    mine = server.push_message(bob, me, "", document=data, mime_type="application/octet-stream",
                               file_name="big.bin").id_for(me)
    app = make_app(server)
    client, _ = signed_in(app)
    client.get(f"/telegram/chats/{bob}/")  # the chat's window (and the file's media) in the cache
    session_id = app.config["BENCH_SESSION_ID"]
    server.inject_delay("*", delay)

    async def sequential(telethon):
        cache = await ensure(telethon)
        return await telethon.download_media(cache.chats[bob].media[mine], file=bytes)

    def count_parts(mark):
        return sum(1 for e in server.request_log(me, since=mark) if e.name == "upload.GetFileRequest")

    results = {"a: Telethon, one part at a time": [], "b: this app": []}
    parts = {}
    with app.app_context():
        service = get_service()
        folder = service.media.folder("media", session_id)
        for _ in range(repeat):
            mark = server.request_count()
            started = time.perf_counter()
            assert service.call(session_id, sequential, timeout=600) == data
            results["a: Telethon, one part at a time"].append(time.perf_counter() - started)
            parts["a: Telethon, one part at a time"] = count_parts(mark)
            shutil.rmtree(folder, ignore_errors=True)
            mark = server.request_count()
            started = time.perf_counter()
            response = client.get(f"/telegram/media/{bob}/{mine}/")
            body = response.get_data()
            results["b: this app"].append(time.perf_counter() - started)
            parts["b: this app"] = count_parts(mark)
            assert response.status_code == 200 and body == data, response.status_code
    rows = []
    speeds = {}
    for name, seconds in results.items():
        speeds[name] = mb / p50(seconds)
        rows.append([name, f"{p50(seconds):.2f}", f"{speeds[name]:.1f}", parts[name]])
    ratio = speeds["b: this app"] / speeds["a: Telethon, one part at a time"]
    rows.append(["ratio b/a", "", f"{ratio:.1f}×", ""])
    table(f"Download of a {mb} MB document (injected latency {delay * 1000:.0f} ms per Telegram request, "
          f"median of {repeat})", ["download", "seconds", "MB/s", "getFile requests"], rows)
    print(f"\nSUMMARY download: {speeds['b: this app']:.1f} MB/s against "
          f"{speeds['a: Telethon, one part at a time']:.1f} MB/s, {ratio:.1f}x")
    app.extensions["telegram"].shutdown()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run(args.delay, args.mb, args.repeat)
