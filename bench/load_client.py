"""Load generator for bench/load.py: pollers in this separate process (standard library only, asyncio).

Started by load.py as `python bench/load_client.py --base http://127.0.0.1:PORT --chat ID ...`; not meant to be
run by hand. Each poller is one browser tab of the owner: its own cookie jar, it signs in (login form with its
CSRF token), opens the chat page and then polls the URL in `#chat-poll` exactly as htmx does (GET with
`HX-Request: true`, `HX-Target: messages`; after a 200 the next URL is the one in the returned `#chat-poll`).
One keep-alive HTTP/1.1 connection per poller, as a browser tab keeps. Loopback only.

Protocol on stdin/stdout: after every poller is signed in and has opened the chat the process prints
`READY`; it then waits for a line `GO` on stdin, polls for `--duration` s and prints one JSON line with the
samples. It stops by itself: every step has a timeout and the whole process gives up after
`--duration + --setup-timeout + 30` s.
"""
import argparse
import asyncio
import json
import random
import re
import resource
import sys
import time
import urllib.parse

CSRF_FORM = re.compile(r'name="csrf_token" value="([^"]+)"')
POLL = re.compile(r'id="chat-poll"[^>]*hx-get="([^"]+)"', re.S)
TIMEOUT = 10.0  # seconds for one request (a slower answer counts as an error)


class Tab:
    """One signed-in browser tab: a keep-alive connection and a cookie jar."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.cookies = {}
        self.reader = self.writer = None

    async def connect(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
            self.writer = None

    async def request(self, method, path, *, form=None, headers=None):
        """One request on the kept-alive connection (reconnecting once if the server closed it)."""
        for attempt in (1, 2):
            if self.writer is None:
                await self.connect()
            try:
                return await asyncio.wait_for(self._exchange(method, path, form, headers), TIMEOUT)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise

    async def _exchange(self, method, path, form, headers):
        body = urllib.parse.urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: keep-alive",
                 "Accept: text/html,*/*"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await self.writer.drain()
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        length, chunked, close = None, False, False
        while True:
            line = (await self.reader.readuntil(b"\r\n")).decode("latin-1").rstrip("\r\n")
            if not line:
                break
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
            elif name == "connection" and value.lower() == "close":
                close = True
            elif name == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                if val and "max-age=0" not in value.lower():
                    self.cookies[key.strip()] = val.strip()
                else:
                    self.cookies.pop(key.strip(), None)
        if status in (204, 304) or method == "HEAD":
            data = b""
        elif chunked:
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readuntil(b"\r\n")
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            data = b"".join(parts)
        elif length is not None:
            data = await self.reader.readexactly(length)
        else:
            data = await self.reader.read()
            close = True
        if close:
            await self.close()
        return status, data.decode("utf-8", "replace")


async def open_tab(host, port, chat, username, password):
    """Sign in like the login form does and open the chat; returns (tab, first poll URL)."""
    tab = Tab(host, port)
    status, html = await tab.request("GET", "/login")
    token = CSRF_FORM.search(html).group(1)
    status, _ = await tab.request("POST", "/login", form={"username": username, "password": password,
                                                          "csrf_token": token})
    if status not in (302, 303):
        raise RuntimeError(f"login answered {status}")
    status, html = await tab.request("GET", f"/telegram/chats/{chat}/")
    found = POLL.search(html)
    if status != 200 or not found:
        raise RuntimeError(f"the chat page answered {status} without #chat-poll")
    return tab, found.group(1).replace("&amp;", "&")


async def poll(tab, url, interval, offset, stop_at, out):
    """Poll like htmx's `every Ns` with hx-sync drop: on a fixed clock from `offset`; a tick that comes
    while a poll is still in flight is dropped. interval 0: back to back."""
    headers = {"HX-Request": "true", "HX-Target": "messages", "HX-Trigger": "chat-poll"}
    start = time.monotonic()
    tick = start + offset
    while True:
        now = time.monotonic()
        if interval > 0:
            if tick < now:  # dropped ticks (a slow answer), as hx-sync="#chat:drop" would
                tick += interval * ((now - tick) // interval + 1)
            if tick >= stop_at:
                return
            await asyncio.sleep(tick - now)
            tick += interval
        elif now >= stop_at:
            return
        begin = time.perf_counter()
        try:
            status, body = await tab.request("GET", url, headers=headers)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError):
            status, body = 599, ""
            await tab.close()
        out.append((round((time.perf_counter() - begin) * 1000, 3), status, len(body.encode())))
        if status == 200:
            found = POLL.search(body)
            if found:
                url = found.group(1).replace("&amp;", "&")


async def main(args):
    host, port = urllib.parse.urlsplit(args.base).hostname, urllib.parse.urlsplit(args.base).port
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only")
    tabs = []
    for _ in range(args.pollers):  # one after another, as tabs are opened
        tabs.append(await asyncio.wait_for(open_tab(host, port, args.chat, args.username, args.password),
                                           args.setup_timeout))
    print("READY", flush=True)
    line = await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline),
                                  args.setup_timeout)
    if line.strip() != "GO":
        raise SystemExit("no GO")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    began = time.monotonic()
    stop_at = began + args.duration
    rng = random.Random(args.seed)
    results = [[] for _ in tabs]
    # Staggered starts: a tab's first poll comes at a random point of its first interval.
    await asyncio.gather(*(poll(tab, url, args.interval, rng.uniform(0, args.interval), stop_at, out)
                           for (tab, url), out in zip(tabs, results)))
    elapsed = time.monotonic() - began
    after = resource.getrusage(resource.RUSAGE_SELF)
    for tab, _ in tabs:
        await tab.close()
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    print(json.dumps({"elapsed": elapsed, "cpu_seconds": cpu, "samples": [x for out in results for x in out]}),
          flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--chat", type=int, required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--pollers", type=int, required=True)
    parser.add_argument("--interval", type=float, required=True)
    parser.add_argument("--duration", type=float, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--setup-timeout", type=float, default=120)
    arguments = parser.parse_args()
    import signal
    signal.alarm(int(arguments.duration + arguments.setup_timeout + 30))  # stops by itself, whatever happens
    asyncio.run(main(arguments))
