"""Small real images made by hand (the project has no Pillow): PNG encoder and size sniffing."""
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


def make_png(width: int, height: int, pixel) -> bytes:
    """Encode an RGB PNG; `pixel(x, y)` returns an (r, g, b) tuple."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type 0 (none) for each scanline
        for x in range(width):
            rows.extend(pixel(x, y))
    header = struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)
    return (b'\x89PNG\r\n\x1a\n' + _chunk(b'IHDR', header)
            + _chunk(b'IDAT', zlib.compress(bytes(rows), 9)) + _chunk(b'IEND', b''))


def _hue_rgb(seed: int) -> tuple:
    palette = [(229, 115, 115), (186, 104, 200), (100, 181, 246), (77, 182, 172),
               (255, 183, 77), (161, 136, 127), (240, 98, 146), (121, 134, 203)]
    return palette[seed % len(palette)]


def avatar_png(seed: int, size: int = 64) -> bytes:
    """A round avatar: a coloured disc on white, with a lighter ring, chosen by `seed`."""
    base = _hue_rgb(seed)
    light = tuple(min(255, c + 50) for c in base)
    r = size / 2

    def pixel(x, y):
        """Colour at (x, y)."""
        d = ((x - r + .5) ** 2 + (y - r + .5) ** 2) ** .5
        if d > r:
            return (255, 255, 255)
        return light if r * .55 < d < r * .7 else base
    return make_png(size, size, pixel)


def picture_png(seed: int, width: int = 96, height: int = 64) -> bytes:
    """A landscape-like picture (sky gradient, sun, hills) for photo messages."""
    sky = _hue_rgb(seed + 2)
    sun_x, sun_y = width * (0.25 + (seed % 3) * 0.2), height * 0.3

    def pixel(x, y):
        """Colour at (x, y)."""
        if (x - sun_x) ** 2 + (y - sun_y) ** 2 < (height * 0.12) ** 2:
            return (255, 224, 102)
        hill = height * (0.65 + 0.12 * ((x * 7 + seed * 13) % width) / width)
        if y > hill:
            return (76, 140 + (x % 16), 80)
        t = y / height
        return tuple(int(c * (1 - t) + 255 * t) for c in sky)
    return make_png(width, height, pixel)


def image_size(data: bytes) -> tuple[int, int] | None:
    """Return (width, height) of a PNG, GIF, WebP or JPEG, or None when it is not one."""
    if data[:8] == b'\x89PNG\r\n\x1a\n' and len(data) >= 24:
        return struct.unpack('>II', data[16:24])
    if data[:6] in (b'GIF87a', b'GIF89a') and len(data) >= 10:
        return struct.unpack('<HH', data[6:10])
    if data[:4] == b'RIFF' and data[8:12] == b'WEBP' and len(data) >= 30:
        return _webp_size(data)
    if data[:2] == b'\xff\xd8':
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xff:
                return None
            marker = data[i + 1]
            length = struct.unpack('>H', data[i + 2:i + 4])[0]
            if 0xc0 <= marker <= 0xcf and marker not in (0xc4, 0xc8, 0xcc):
                h, w = struct.unpack('>HH', data[i + 5:i + 9])
                return w, h
            i += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b'VP8X':
        return 1 + int.from_bytes(data[24:27], 'little'), 1 + int.from_bytes(data[27:30], 'little')
    if chunk == b'VP8L':
        bits = int.from_bytes(data[21:25], 'little')
        return 1 + (bits & 0x3fff), 1 + ((bits >> 14) & 0x3fff)
    if chunk == b'VP8 ':
        return struct.unpack('<H', data[26:28])[0] & 0x3fff, struct.unpack('<H', data[28:30])[0] & 0x3fff
    return None


def mime_of(data: bytes) -> str:
    """Sniff an image mime type (used for upload.File's storage type)."""
    if data[:8] == b'\x89PNG\r\n\x1a\n':
        return 'image/png'
    if data[:2] == b'\xff\xd8':
        return 'image/jpeg'
    if data[:6] in (b'GIF87a', b'GIF89a'):
        return 'image/gif'
    return 'application/octet-stream'
