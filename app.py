"""Entry point: `python app.py [--host H] [--port N]` serves on http://127.0.0.1:5000."""
import argparse
import os

from dotenv import load_dotenv

load_dotenv()  # a .env file beside app.py, when present

from telegram_web import create_app  # noqa: E402 - after .env, which may configure it

app = create_app()

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="telegram_web, an unofficial Telegram web client")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args()
    # No reloader: it would run a second process on the same Telegram session.
    app.run(host=args.host, port=args.port, debug=False, use_reloader=False, threaded=True)
