"""Animated (TGS, Lottie) stickers rendered once to an animated WebP beside the downloaded file.

Browsers cannot draw Lottie without script, so the server renders it with rlottie
(`rlottie-python`, which ships the renderer in its wheel). A TGS is gzipped JSON from any
sender: it is inflated with a cap, and the frames rendered are capped too. When rendering
fails the caller serves the sticker's thumbnail instead.
"""
import gzip
import logging
import os

log = logging.getLogger("telegram_web")

EDGE = 256  # pixels: stickers are shown at 160 px, sharp on dense screens
FPS = 15
MAX_FRAMES = 3 * FPS  # Telegram's animated stickers last at most 3 s
MAX_JSON = 4 * 1024 * 1024  # bytes of Lottie JSON inflated at most (Telegram's TGS are under 64 KB gzipped)


class NotRendered(Exception):
    """The animation could not be rendered (not a TGS, too large, or rlottie is missing)."""


def _lottie_json(path: str) -> str:
    """The TGS file's Lottie JSON; :raise NotRendered: if it is not gzip or inflates past MAX_JSON."""
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(MAX_JSON + 1)
    except (OSError, EOFError) as exc:
        raise NotRendered(f"not a TGS file: {exc}") from exc
    if len(data) > MAX_JSON:
        raise NotRendered("the animation is larger than a sticker may be")
    return data.decode("utf-8", errors="replace")


def render_webp(path: str) -> str:
    """Path of the animated WebP rendered from the TGS at `path` (rendered once, then read from disk);
    :raise NotRendered:."""
    target = path + "_animated.webp"
    if os.path.exists(target):
        return target
    try:
        from rlottie_python import LottieAnimation
    except ImportError as exc:  # the wheel is pinned in requirements.txt; a platform without it falls back
        raise NotRendered("rlottie-python is not installed") from exc
    text = _lottie_json(path)
    partial = target + ".part"
    try:
        with LottieAnimation.from_data(text) as animation:
            frames = min(int(animation.lottie_animation_get_duration() * FPS), MAX_FRAMES)
            if frames < 1:
                raise NotRendered("the animation has no frames")
            # rlottie spreads `frames` over the whole animation: a longer one plays faster, never costs more
            animation.save_animation(partial, fps=FPS, frame_num_end=frames, width=EDGE, height=EDGE, format="WEBP")
    except NotRendered:
        raise
    except Exception as exc:  # noqa: BLE001 - rlottie and Pillow raise many kinds on hostile files
        log.warning("could not render an animated sticker: %s", exc)
        raise NotRendered(str(exc)) from exc
    os.replace(partial, target)
    return target
