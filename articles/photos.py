"""The photo pipeline: check an upload, normalise it, make renditions.

Every picture goes through ``inspect_upload`` before anything is stored,
then through ``normalise``. Normalising applies the EXIF orientation to the
pixels, converts colour to 8-bit sRGB (through the embedded ICC profile when
there is one) and flattens transparency on white. Re-encoding drops all
metadata, GPS included. Three kinds of file come out, all named by the product:

* the master: full resolution, oriented, sRGB, never served to readers;
* the working copy: at most WORKING_MAX_SIDE px, what layout and PDF use;
* renditions for the web (WebP and JPEG at RENDITION_WIDTHS) and print crops,
  both keyed by the master's checksum and the settings that made them, so an
  unchanged photo is never processed twice.
"""

import hashlib
import io
import logging
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

# Largest picture accepted, in pixels. It covers 45-megapixel cameras and
# keeps one decoded picture under about 200 MB of memory in a worker.
MAX_PIXELS = 50_000_000
# Largest upload accepted, in bytes; a 45-megapixel camera JPEG is about 25 MB.
MAX_UPLOAD_BYTES = 40 * 1024 * 1024
# Long side of the working copy. A photo across the full width of an A3 page
# (273 mm) needs about 1,600 px at 150 dpi, so this leaves room for crops.
WORKING_MAX_SIDE = 2400
RENDITION_WIDTHS = (320, 640, 960, 1280)
JPEG_QUALITY = 82
WEBP_QUALITY = 78
MASTER_QUALITY = 92
# Print crops are made for this resolution at their placed size.
PRINT_DPI = 150

ALLOWED_FORMATS = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "HEIF": "image/heic",
    "AVIF": "image/avif",
}

ORIENTATION_TAG = 0x0112
TRANSPOSE_FOR_ORIENTATION = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}

# The product checks the pixel count itself, before decoding, and explains a
# rejection in Indonesian. Pillow's own bomb check stays on as a second guard above it.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def register_heif() -> None:
    """Let Pillow open HEIC and HEIF photos from phones."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


class PhotoRejected(ValidationError):
    """An upload that is not a usable picture; the message explains what the editor can do."""


@dataclass(frozen=True)
class UploadInfo:
    format: str
    mime_type: str
    width: int
    height: int
    size: int
    checksum: str


def read_upload(upload) -> bytes:
    """Return the whole upload's bytes, leaving it rewound for the next reader."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _ends_whole(data: bytes, image_format: str) -> bool:
    """Return False when the file visibly stops before its format's end marker.

    Pillow fills a cut-off picture with grey when ImageFile.LOAD_TRUNCATED_IMAGES
    is on, and WeasyPrint turns it on when imported, so decoding alone cannot
    be trusted to notice a file cut off in transfer.
    """
    if image_format == "JPEG":
        return data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if image_format == "PNG":
        return b"IEND" in data[-32:]
    if image_format == "GIF":
        return data.rstrip(b"\x00").endswith(b"\x3b")
    if image_format == "WEBP":
        declared = int.from_bytes(data[4:8], "little") + 8
        return len(data) >= declared
    return True


def inspect_upload(upload, name: str = "") -> UploadInfo:
    """Check that ``upload`` is a whole picture of an allowed type and size.

    Raises PhotoRejected with an Indonesian message. The pixel count is read
    from the header and checked before any pixel is decoded.
    """
    label = name or getattr(upload, "name", "") or _("the file")
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise PhotoRejected(
            _("%(name)s is %(size)s MB; the limit is %(limit)s MB. Save the photo at a smaller size and upload it again.")
            % {"name": label, "size": round(size / 1_048_576, 1), "limit": MAX_UPLOAD_BYTES // 1_048_576},
            code="too_big",
        )
    data = read_upload(upload)
    if not data:
        raise PhotoRejected(_("%(name)s is empty. Choose the photo file again.") % {"name": label}, code="empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format
                width, height = image.size
    except Image.DecompressionBombError as error:
        # Pillow stops far beyond MAX_PIXELS before the size reaches us.
        found = re.search(r"\((\d+) pixels\)", str(error))
        pixels = int(found.group(1)) if found else 0
        raise PhotoRejected(
            _("%(name)s has %(megapixels)s megapixels; the limit is %(limit)s megapixels. "
              "Reduce the photo and upload it again.")
            % {"name": label, "megapixels": round(pixels / 1_000_000), "limit": MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise PhotoRejected(
            _("%(name)s is not a picture this site can read. Upload a JPEG, PNG, WebP or HEIC photo.")
            % {"name": label},
            code="not_image",
        ) from None
    if image_format not in ALLOWED_FORMATS:
        raise PhotoRejected(
            _("%(name)s is a %(format)s file. Upload a JPEG, PNG, WebP or HEIC photo.")
            % {"name": label, "format": image_format},
            code="format",
        )
    if width * height > MAX_PIXELS:
        raise PhotoRejected(
            _(
                "%(name)s measures %(width)s × %(height)s pixels (%(megapixels)s megapixels); "
                "the limit is %(limit)s megapixels. Reduce the photo and upload it again."
            )
            % {
                "name": label,
                "width": width,
                "height": height,
                "megapixels": round(width * height / 1_000_000),
                "limit": MAX_PIXELS // 1_000_000,
            },
            code="too_many_pixels",
        )
    try:
        if not _ends_whole(data, image_format):
            raise OSError("file ends before the format's end marker")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        logger.info("photo rejected as damaged name=%r error=%s", label, error)
        raise PhotoRejected(
            _("%(name)s is damaged or incomplete (the file may have been cut off while sending). "
              "Ask for the photo again and upload the new file.") % {"name": label},
            code="damaged",
        ) from None
    return UploadInfo(
        format=image_format,
        mime_type=ALLOWED_FORMATS[image_format],
        width=width,
        height=height,
        size=len(data),
        checksum=hashlib.sha256(data).hexdigest(),
    )


def _orientation(image: Image.Image) -> int:
    """Return the EXIF orientation (1 to 8), 1 when there is none."""
    value = int(image.getexif().get(ORIENTATION_TAG, 1))
    return value if value in range(1, 9) else 1


_SRGB = ImageCms.createProfile("sRGB")


def _to_srgb(image: Image.Image, label: str) -> Image.Image:
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L", "LA"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if image.mode in ("RGBA", "LA") else "RGB"
            if image.mode == "LA":
                image = image.convert("RGBA")
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError) as error:
            logger.warning("photo ICC profile unusable, converting without it name=%r error=%s", label, error)
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """Return an RGB image; transparent areas become white."""
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("LA", "PA"):
        image = image.convert("RGBA")
    if image.mode == "RGBA":
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    if image.mode in ("I;16", "I", "F"):
        image = ImageOps.autocontrast(image.convert("L"))
    return image.convert("RGB")


def normalise(data: bytes, label: str = "") -> Image.Image:
    """Return the picture upright, in 8-bit sRGB RGB, with no metadata."""
    # Pillow reports a broken EXIF block with a warning while opening; such a
    # photo is kept as stored, without rotation.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with Image.open(io.BytesIO(data)) as opened:
            opened.seek(0)
            orientation = 1
            try:
                orientation = _orientation(opened)
            except Exception as error:  # noqa: BLE001 - Pillow raises many kinds on broken EXIF
                caught.append(warnings.WarningMessage(f"EXIF unreadable: {error!r}", UserWarning, __file__, 0))
            image = opened.copy()
            image.info = dict(opened.info)
    exif_problems = [str(item.message) for item in caught if "exif" in str(item.message).lower()]
    if exif_problems:
        logger.warning("photo EXIF damaged, no rotation applied name=%r detail=%s", label, exif_problems[0])
        orientation = 1
    for transpose in TRANSPOSE_FOR_ORIENTATION.get(orientation, ()):
        image = image.transpose(transpose)
    image = _to_srgb(image, label)
    image = _flatten(image)
    image.info = {}
    return image


def fit_within(image: Image.Image, max_side: int) -> Image.Image:
    if max(image.size) <= max_side:
        return image
    copy = image.copy()
    copy.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return copy


def encode(image: Image.Image, image_format: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif image_format == "WEBP":
        image.save(buffer, "WEBP", quality=quality, method=4)
    else:
        raise ValueError(f"unsupported output format {image_format}")
    return buffer.getvalue()


def resize_to_width(image: Image.Image, width: int) -> Image.Image:
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def crop_to_aspect(image: Image.Image, aspect: float, focal_x: float = 0.5, focal_y: float = 0.5) -> Image.Image:
    """Cut ``image`` to width/height ``aspect``, keeping the focal point in view."""
    width, height = image.size
    if abs(width / height - aspect) < 0.005:
        return image
    if width / height > aspect:
        new_width = max(1, round(height * aspect))
        left = round(focal_x * width - new_width / 2)
        left = min(max(0, left), width - new_width)
        return image.crop((left, 0, left + new_width, height))
    new_height = max(1, round(width / aspect))
    top = round(focal_y * height - new_height / 2)
    top = min(max(0, top), height - new_height)
    return image.crop((0, top, width, top + new_height))


def print_size_px(width_mm: float, height_mm: float, dpi: int = PRINT_DPI) -> tuple[int, int]:
    return max(1, round(width_mm / 25.4 * dpi)), max(1, round(height_mm / 25.4 * dpi))


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
