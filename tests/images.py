"""Pictures made with Pillow for tests: arrows that show which way is up, colour cases, broken files."""

import io

from PIL import Image, ImageDraw

RED = (220, 20, 20)
WHITE = (255, 255, 255)
ORIENTATION = 0x0112


def upright_arrow(width: int = 600, height: int = 800) -> Image.Image:
    """A white picture with a red arrow pointing up, its head touching the top edge."""
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    middle = width // 2
    draw.polygon([(middle, 0), (middle - width // 4, height // 3), (middle + width // 4, height // 3)], fill=RED)
    draw.rectangle([middle - width // 12, height // 3, middle + width // 12, height - 1], fill=RED)
    return image


# How the camera stored the pixels for each EXIF orientation: applying the
# orientation to these stored pixels gives the upright picture back.
STORED_FOR_ORIENTATION = {
    1: lambda image: image,
    3: lambda image: image.rotate(180, expand=True),
    6: lambda image: image.rotate(90, expand=True),
    8: lambda image: image.rotate(-90, expand=True),
}


def jpeg_with_orientation(orientation: int, width: int = 600, height: int = 800, **save) -> bytes:
    stored = STORED_FOR_ORIENTATION[orientation](upright_arrow(width, height))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=90, exif=exif, **save)
    return buffer.getvalue()


def arrow_points_up(image: Image.Image) -> bool:
    """True when the red arrowhead is at the top centre and the bottom corners are white."""
    image = image.convert("RGB")
    width, height = image.size
    top = image.getpixel((width // 2, height // 20))
    left_top = image.getpixel((width // 20, height // 20))
    bottom_middle = image.getpixel((width // 2, height - height // 20))
    return _is_red(top) and _is_white(left_top) and _is_red(bottom_middle) and _is_white(image.getpixel((width // 20, height - height // 20)))


def _is_red(pixel) -> bool:
    r, g, b = pixel[:3]
    return r > 150 and g < 90 and b < 90


def _is_white(pixel) -> bool:
    return all(channel > 200 for channel in pixel[:3])


def encoded(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def red_white_cmyk_jpeg(width: int = 400, height: int = 200) -> bytes:
    """A CMYK JPEG whose left half is red and right half white, like a print designer's file."""
    image = Image.new("CMYK", (width, height), (0, 0, 0, 0))
    image.paste((0, 255, 255, 0), (0, 0, width // 2, height))
    return encoded(image, "JPEG", quality=95)


def transparent_logo_png(size: int = 300) -> bytes:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse([size // 4, size // 4, 3 * size // 4, 3 * size // 4], fill=(20, 60, 160, 255))
    return encoded(image, "PNG")


def palette_gif_with_transparency(size: int = 120) -> bytes:
    image = Image.new("P", (size, size), 0)
    image.putpalette([0, 0, 0, 200, 0, 0] + [0] * (254 * 3))
    ImageDraw.Draw(image).rectangle([size // 3, size // 3, 2 * size // 3, 2 * size // 3], fill=1)
    return encoded(image, "GIF", transparency=0)


def huge_png_header(width: int = 30000, height: int = 30000) -> bytes:
    """A small PNG file that declares an enormous size (a decompression bomb)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + b"\x00" * 3 * 16
    data = zlib.compress(row * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def truncated_jpeg(fraction: float = 0.6) -> bytes:
    data = encoded(upright_arrow(1200, 900), "JPEG", quality=92)
    return data[: int(len(data) * fraction)]


def jpeg_with_broken_exif() -> bytes:
    """A JPEG whose APP1 Exif segment is garbage."""
    data = encoded(upright_arrow(400, 300), "JPEG", quality=90)
    garbage = b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\xff\xff\x01\x12\x00\x03"
    segment = b"\xff\xe1" + (len(garbage) + 2).to_bytes(2, "big") + garbage
    return data[:2] + segment + data[2:]
