"""Entry point: `python app.py [--host H] [--port N] [--debug]` serves on http://127.0.0.1:5000 with waitress."""
import argparse
import logging
import os

from dotenv import load_dotenv

load_dotenv()  # a .env file beside app.py, when present

from telegram_web import create_app  # noqa: E402 - after .env, which may configure it
from telegram_web.config import parse_bool  # noqa: E402
from telegram_web.serving import freeze_startup_objects  # noqa: E402

THREADS = 8  # one process (Telegram sessions must not be shared between processes), several threads
CONNECTION_LIMIT = 1000  # open connections waitress keeps (its default, 100, is fewer than 200 open tabs)


def telegram_backend():
    """The offline sandbox when TELEGRAM_SANDBOX says so (demo mode), else None: real Telegram."""
    if not parse_bool(os.environ.get("TELEGRAM_SANDBOX", "")):
        return None
    from telegram_sandbox.demo_mode import demo_backend
    return demo_backend()


def serve() -> None:
    """`python app.py [--host H] [--port N] [--debug]`: build the app for that address and serve it."""
    parser = argparse.ArgumentParser(description="telegram_web, an unofficial Telegram web client")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    parser.add_argument("--debug", action="store_true",
                        help="Flask's development server, logging each request (for developers)")
    args = parser.parse_args()
    os.environ["HOST"], os.environ["PORT"] = args.host, str(args.port)  # the setup link printed at start
    served = create_app(telegram_backend=telegram_backend())
    freeze_startup_objects()
    if args.debug:
        from telegram_web import quiet_polls
        quiet_polls.install()
        # No reloader: it would run a second process on the same Telegram session.
        served.run(host=args.host, port=args.port, debug=False, use_reloader=False, threaded=True)
        return
    import waitress
    logging.getLogger("telegram_web").info("Serving on http://%s:%d (waitress, %d threads)",
                                           args.host, args.port, THREADS)
    waitress.serve(served, host=args.host, port=args.port, threads=THREADS, connection_limit=CONNECTION_LIMIT)


if __name__ == "__main__":
    serve()
else:  # `flask --app app …`, `waitress-serve app:app`
    app = create_app(telegram_backend=telegram_backend())
    freeze_startup_objects()
