"""Smaller copies of an edition's page images, for phones.

A build rasterises each page at 1400 px (editions/rendering/page_images.py).
A phone 360 px wide at a device pixel ratio of 2 needs about 720 px, so the
reader site offers narrower WebP copies in the page's srcset and keeps the
1400 px image for pinch zoom. The copies belong to one build and are made
once, after the build goes live, and again on demand if missing.
"""

import io
import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from PIL import Image

from articles.photos import write_atomically

from .models import DerivedImage

logger = logging.getLogger(__name__)

# Widths offered besides the build's own 1400 px image: a 360 px phone at
# DPR 1.3, 2 and 2.75.
PAGE_WIDTHS = (480, 720, 1000)
# Page images are mostly text on white, which WebP keeps legible at this quality.
WEBP_QUALITY = 64


def page_image_key(build_id: int, number: int, width: int) -> str:
    return f"build-{build_id}-page-{number:02d}-w{width}-webp"


def key_prefix(build_id: int) -> str:
    return f"build-{build_id}-"


def renditions_by_page(build) -> dict[int, list[tuple[int, str]]]:
    """Return {page number: [(width, url), ...]} for the copies that exist, narrowest first."""
    rows = DerivedImage.objects.filter(kind=DerivedImage.Kind.PAGE, key__startswith=key_prefix(build.pk))
    found: dict[int, list[tuple[int, str]]] = {}
    for row in rows:
        number = int(row.key.split("-page-")[1].split("-")[0])
        found.setdefault(number, []).append((row.width, row.url))
    for items in found.values():
        items.sort()
    return found


def make_page_images(build) -> int:
    """Make the missing narrow copies of every page of ``build``; return how many were made."""
    if not build or not build.files_dir:
        return 0
    started = time.monotonic()
    existing = set(
        DerivedImage.objects.filter(kind=DerivedImage.Kind.PAGE, key__startswith=key_prefix(build.pk))
        .values_list("key", flat=True)
    )
    made = 0
    for page in build.layout.get("pages", []):
        source_name = page.get("image_webp") or page.get("image_jpg")
        if not source_name:
            continue
        wanted = [width for width in PAGE_WIDTHS if page_image_key(build.pk, page["number"], width) not in existing]
        if not wanted:
            continue
        source_path = Path(settings.MEDIA_ROOT) / build.files_dir / source_name
        try:
            with Image.open(source_path) as opened:
                source = opened.convert("RGB")
        except OSError as error:
            logger.warning("page image unreadable build=%s page=%s error=%s", build.pk, page["number"], error)
            continue
        for width in wanted:
            if width >= source.width:
                continue
            _store(build, page["number"], source, width)
            made += 1
    if made:
        logger.info("page images made build=%s count=%s duration_ms=%d", build.pk, made, (time.monotonic() - started) * 1000)
    return made


def _store(build, number: int, source: Image.Image, width: int) -> None:
    height = round(source.height * width / source.width)
    resized = source.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    resized.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    data = buffer.getvalue()
    # Inside the build's own folder, so pruning an old build removes these too.
    path = f"{build.files_dir}/reader/page-{number:02d}-w{width}.webp"
    write_atomically(Path(settings.MEDIA_ROOT) / path, data)
    try:
        with transaction.atomic():
            DerivedImage.objects.get_or_create(
                kind=DerivedImage.Kind.PAGE,
                key=page_image_key(build.pk, number, width),
                defaults={"file": path, "image_format": "WEBP", "width": width, "height": height, "size": len(data)},
            )
    except IntegrityError:
        # Another process stored the same copy at the same moment; its row is as good as ours.
        pass
