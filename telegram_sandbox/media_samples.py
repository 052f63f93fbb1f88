"""Real media files for sandbox messages, as `push_message` keyword arguments.

`server.push_message(bob, me, '', **media_samples.voice())`. The bytes are small synthetic
files in samples/ (samples/make.sh says how they were made) or generated here (the TGS
sticker's Lottie JSON); the attributes are the ones Telegram's apps attach.
"""
import gzip
import json
import math
import os

from telethon import utils
from telethon.tl import types

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'samples')


def sample(name: str) -> bytes:
    """The bytes of one file in samples/."""
    with open(os.path.join(FOLDER, name), 'rb') as fh:
        return fh.read()


def waveform(bars: int = 100) -> bytes:
    """A voice waveform as Telegram packs it: `bars` 5-bit levels (0–31)."""
    levels = bytes(int(15.5 + 15 * math.sin(i / 3) * math.sin(i / 17)) for i in range(bars))
    return utils.encode_waveform(levels)


def _sticker(emoji: str):
    return types.DocumentAttributeSticker(alt=emoji, stickerset=types.InputStickerSetEmpty())


def voice(seconds: int = 4) -> dict:
    """An OGG/Opus voice message with its duration and waveform."""
    return dict(document=sample('voice.ogg'), mime_type='audio/ogg', attributes=[
        types.DocumentAttributeAudio(duration=seconds, voice=True, waveform=waveform())])


def song(title: str = 'Sandbox Sine', performer: str = 'The Oscillators') -> dict:
    """An MP3 with title and performer."""
    return dict(document=sample('song.mp3'), mime_type='audio/mpeg', attributes=[
        types.DocumentAttributeAudio(duration=4, title=title, performer=performer),
        types.DocumentAttributeFilename('sine.mp3')])


def video() -> dict:
    """An MP4 video (320×180, 2 s) with a JPEG thumbnail."""
    return dict(document=sample('video.mp4'), mime_type='video/mp4', thumb=sample('video_thumb.jpg'), attributes=[
        types.DocumentAttributeVideo(duration=2, w=320, h=180, supports_streaming=True),
        types.DocumentAttributeFilename('pattern.mp4')])


def round_video() -> dict:
    """A round video message (240×240, 2 s)."""
    return dict(document=sample('round.mp4'), mime_type='video/mp4', thumb=sample('round_thumb.jpg'), attributes=[
        types.DocumentAttributeVideo(duration=2, w=240, h=240, round_message=True, supports_streaming=True)])


def gif() -> dict:
    """A GIF as Telegram sends them: a silent MPEG-4 animation."""
    return dict(document=sample('gif.mp4'), mime_type='video/mp4', thumb=sample('gif_thumb.jpg'), attributes=[
        types.DocumentAttributeVideo(duration=2, w=200, h=150, nosound=True), types.DocumentAttributeAnimated(),
        types.DocumentAttributeFilename('mandelbrot.mp4')])


def sticker(emoji: str = '🙂') -> dict:
    """A static WebP sticker."""
    return dict(document=sample('sticker.webp'), mime_type='image/webp', attributes=[
        _sticker(emoji), types.DocumentAttributeImageSize(w=256, h=256), types.DocumentAttributeFilename('sticker.webp')])


def video_sticker(emoji: str = '🫧') -> dict:
    """A WebM (VP9 with alpha) video sticker."""
    return dict(document=sample('sticker.webm'), mime_type='video/webm', attributes=[
        _sticker(emoji), types.DocumentAttributeVideo(duration=2, w=256, h=256),
        types.DocumentAttributeFilename('sticker.webm')])


def lottie(frames: int = 60) -> dict:
    """A Lottie animation: a yellow ball that grows and shrinks."""
    def key(t, scale):
        """One scale keyframe."""
        return {'t': t, 's': [scale, scale, 100], 'i': {'x': [0.5], 'y': [1]}, 'o': {'x': [0.5], 'y': [0]}}
    still = {'a': 0, 'k': 0}
    shape = {'ty': 'gr', 'nm': 'ball', 'it': [
        {'ty': 'el', 'nm': 'disc', 'p': {'a': 0, 'k': [0, 0]}, 's': {'a': 0, 'k': [400, 400]}},
        {'ty': 'fl', 'nm': 'fill', 'c': {'a': 0, 'k': [1, 0.78, 0.16, 1]}, 'o': {'a': 0, 'k': 100}, 'r': 1},
        {'ty': 'tr', 'p': {'a': 0, 'k': [0, 0]}, 'a': {'a': 0, 'k': [0, 0]}, 's': {'a': 0, 'k': [100, 100]},
         'r': still, 'o': {'a': 0, 'k': 100}}]}
    layer = {'ddd': 0, 'ind': 1, 'ty': 4, 'nm': 'ball', 'sr': 1, 'ao': 0, 'ip': 0, 'op': frames, 'st': 0, 'bm': 0,
             'ks': {'o': {'a': 0, 'k': 100}, 'r': still, 'p': {'a': 0, 'k': [256, 256, 0]},
                    'a': {'a': 0, 'k': [0, 0, 0]},
                    's': {'a': 1, 'k': [key(0, 60), key(frames // 2, 100), {'t': frames, 's': [60, 60, 100]}]}},
             'shapes': [shape]}
    return {'v': '5.5.2', 'fr': 30, 'ip': 0, 'op': frames, 'w': 512, 'h': 512, 'nm': 'ball', 'ddd': 0,
            'assets': [], 'layers': [layer]}


def animated_sticker(emoji: str = '🌕') -> dict:
    """A TGS (gzipped Lottie) sticker with Telegram's WebP thumbnail."""
    data = gzip.compress(json.dumps(lottie(), separators=(',', ':')).encode(), mtime=0)
    return dict(document=data, mime_type='application/x-tgsticker', thumb=sample('tgs_thumb.webp'), attributes=[
        _sticker(emoji), types.DocumentAttributeImageSize(w=512, h=512),
        types.DocumentAttributeFilename('AnimatedSticker.tgs')])
