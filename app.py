"""Entry point: `python app.py [--host H] [--port N]` serves on http://127.0.0.1:5000."""
import argparse
import os

from dotenv import load_dotenv

load_dotenv()  # a .env file beside app.py, when present

from telegram_web import create_app  # noqa: E402 - after .env, which may configure it
from telegram_web.config import parse_bool  # noqa: E402


def telegram_backend():
    """The offline sandbox when TELEGRAM_SANDBOX says so (demo mode), else None: real Telegram."""
    if not parse_bool(os.environ.get("TELEGRAM_SANDBOX", "")):
        return None
    from telegram_sandbox.demo_mode import demo_backend
    return demo_backend()


def serve() -> None:
    """`python app.py [--host H] [--port N]`: build the app for that address and serve it."""
    parser = argparse.ArgumentParser(description="telegram_web, an unofficial Telegram web client")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args()
    os.environ["HOST"], os.environ["PORT"] = args.host, str(args.port)  # the setup link printed at start
    served = create_app(telegram_backend=telegram_backend())
    # No reloader: it would run a second process on the same Telegram session.
    served.run(host=args.host, port=args.port, debug=False, use_reloader=False, threaded=True)


if __name__ == "__main__":
    serve()
else:  # `flask --app app …`, `waitress-serve app:app`
    app = create_app(telegram_backend=telegram_backend())
