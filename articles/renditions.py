"""Storing photos and their derived files.

``store_photo`` is the one way a picture enters the product, whether it
comes from the admin form, the editor's image button, a ninjs import or a
Word document. Derived files are named by the master's checksum and the
settings that produced them and are made once.
"""

import io
import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from PIL import Image

from . import photos
from .models import Photo, PhotoRendition
from .uploads import clean_original_name, stored_name

logger = logging.getLogger(__name__)


def store_photo(upload, *, original_name: str = "", uploaded_by=None, **fields) -> Photo:
    """Check, normalise and store an uploaded picture; return the new Photo.

    Raises photos.PhotoRejected, with nothing stored, when the file is not a
    usable picture. ``fields`` sets caption, credit, alt_text, source_uri.
    """
    started = time.monotonic()
    name = original_name or getattr(upload, "name", "") or ""
    info = photos.inspect_upload(upload, name=clean_original_name(name))
    data = photos.read_upload(upload)
    image = photos.normalise(data, label=name)

    month = timezone.localdate().strftime("%Y/%m")
    file_name = stored_name(name, "jpg")
    master_name = default_storage.save(
        f"photos/masters/{month}/{file_name}", ContentFile(photos.encode(image, "JPEG", photos.MASTER_QUALITY))
    )
    working = photos.fit_within(image, photos.WORKING_MAX_SIDE)
    working_name = default_storage.save(
        f"photos/working/{month}/{file_name}", ContentFile(photos.encode(working, "JPEG", photos.MASTER_QUALITY))
    )
    photo = Photo.objects.create(
        master=master_name,
        working=working_name,
        width=image.width,
        height=image.height,
        original_name=clean_original_name(name),
        mime_type=info.mime_type,
        file_size=info.size,
        checksum=info.checksum,
        uploaded_by=uploaded_by,
        **fields,
    )
    make_renditions(photo, working)
    logger.info(
        "photo stored photo=%s name=%r size=%sx%s duration_ms=%d",
        photo.pk, photo.original_name, photo.width, photo.height, (time.monotonic() - started) * 1000,
    )
    return photo


def _open_working(photo: Photo) -> Image.Image:
    with photo.working.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def _rendition_path(photo: Photo, spec: str, extension: str) -> str:
    return f"photos/web/{photo.checksum[:2]}/{photo.checksum[:16]}-{photo.pk}-{spec}.{extension}"


def rendition_for(photo: Photo, width: int, image_format: str = "WEBP", image: Image.Image | None = None) -> PhotoRendition:
    """Return the web rendition of ``photo`` at ``width`` px, making it if missing."""
    spec = f"w{width}-{image_format.lower()}"
    existing = PhotoRendition.objects.filter(photo=photo, spec=spec).first()
    if existing is not None:
        return existing
    source = image if image is not None else _open_working(photo)
    resized = photos.resize_to_width(source, width)
    quality = photos.WEBP_QUALITY if image_format == "WEBP" else photos.JPEG_QUALITY
    data = photos.encode(resized, image_format, quality)
    extension = "webp" if image_format == "WEBP" else "jpg"
    path = _rendition_path(photo, spec, extension)
    photos.write_atomically(Path(settings.MEDIA_ROOT) / path, data)
    try:
        with transaction.atomic():
            rendition, _ = PhotoRendition.objects.get_or_create(
                photo=photo,
                spec=spec,
                defaults={
                    "image_format": image_format,
                    "file": path,
                    "width": resized.width,
                    "height": resized.height,
                    "size": len(data),
                },
            )
    except IntegrityError:
        # A second worker made the same rendition at the same moment.
        rendition = PhotoRendition.objects.get(photo=photo, spec=spec)
    return rendition


def make_renditions(photo: Photo, image: Image.Image | None = None) -> list[PhotoRendition]:
    source = image if image is not None else _open_working(photo)
    made = []
    for width in photos.RENDITION_WIDTHS:
        if width > source.width and width != photos.RENDITION_WIDTHS[0]:
            continue
        for image_format in ("WEBP", "JPEG"):
            made.append(rendition_for(photo, width, image_format, image=source))
    return made


def print_crop_path(photo: Photo, width_mm: float, height_mm: float) -> str:
    """Return the media path of a print crop of ``photo`` for a box of this size, making it if missing.

    The crop keeps the photo's focal point, is sized for PRINT_DPI at its
    placed size (never enlarged beyond the working copy) and is reused by
    every build that places the photo at the same size.
    """
    target_width, target_height = photos.print_size_px(width_mm, height_mm)
    focal = f"{round(photo.focal_x * 100):02d}{round(photo.focal_y * 100):02d}"
    path = f"photos/print/{photo.checksum[:2]}/{photo.checksum[:16]}-{photo.pk}-{target_width}x{target_height}-{focal}.jpg"
    full_path = Path(settings.MEDIA_ROOT) / path
    if full_path.exists():
        return path
    source = _open_working(photo)
    cropped = photos.crop_to_aspect(source, width_mm / height_mm, photo.focal_x, photo.focal_y)
    if cropped.width > target_width:
        cropped = cropped.resize((target_width, target_height), Image.Resampling.LANCZOS)
    photos.write_atomically(full_path, photos.encode(cropped, "JPEG", photos.JPEG_QUALITY))
    return path


def replace_photo_file(photo: Photo, upload, *, original_name: str = "") -> Photo:
    """Swap the picture of an existing Photo, keeping its caption, credit and uses."""
    replacement = store_photo(upload, original_name=original_name, uploaded_by=photo.uploaded_by)
    for name in ("master", "working", "width", "height", "original_name", "mime_type", "file_size", "checksum"):
        setattr(photo, name, getattr(replacement, name))
    photo.save()
    photo.renditions.all().delete()
    PhotoRendition.objects.filter(photo=replacement).update(photo=photo)
    replacement.delete()
    logger.info("photo file replaced photo=%s name=%r", photo.pk, photo.original_name)
    return photo
