"""Share images: the 1200x630 picture WhatsApp, Facebook, Telegram and X show for a link.

An article's card is its feature photo cropped around the photo's focal
point with a brand strip, or a text card with kicker and headline when the
article has no photo. An edition's card shows its front page beside the
masthead and date. Each card is keyed by a hash of everything drawn on it,
so an edited headline or a replaced photo gives a new file and an unchanged
article is never drawn twice. Every file is a JPEG of at most
MAX_SHARE_BYTES, the size platforms accept without recompressing.
"""

import hashlib
import io
import json
import logging
import time
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageDraw, ImageFont

from articles.models import Article
from articles.photos import crop_to_aspect, write_atomically
from editions.models import Edition

from .models import DerivedImage

logger = logging.getLogger(__name__)

SHARE_WIDTH, SHARE_HEIGHT = 1200, 630
# Facebook and WhatsApp show larger files, but slow previews; 300 KB keeps a
# card quick to fetch on a phone and well inside every platform's limit.
MAX_SHARE_BYTES = 300 * 1024
JPEG_QUALITIES = (86, 80, 74, 68, 60, 52, 44)
# Change when the drawing changes, so every card is drawn again.
DESIGN_VERSION = "2"

INK = (26, 26, 26)
PAPER = (251, 250, 247)
ACCENT = (155, 28, 28)
ACCENT_DARK = (122, 20, 20)
WHITE = (255, 255, 255)
MUTED_ON_DARK = (220, 214, 206)
BRAND_STRIP = 76
MARGIN = 56

FONTS = {
    "serif-bold": "source-serif-4-latin-700-normal.woff2",
    "sans-bold": "source-sans-3-latin-700-normal.woff2",
    "sans": "source-sans-3-latin-400-normal.woff2",
}


@lru_cache(maxsize=32)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(Path(settings.FONTS_DIR) / FONTS[name]), size)


def _hash(inputs: dict) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def article_inputs(article: Article) -> dict:
    photo = article.feature_photo
    return {
        "design": DESIGN_VERSION,
        "kind": "article",
        "site": settings.SITE_NAME,
        "headline": article.headline,
        "kicker": article.kicker,
        "section": article.section.name if article.section_id else "",
        "photo": [photo.pk, photo.checksum, round(photo.focal_x, 2), round(photo.focal_y, 2)] if photo else None,
    }


def edition_inputs(edition: Edition) -> dict:
    build = edition.live_build
    return {
        "design": DESIGN_VERSION,
        "kind": "edition",
        "site": settings.SITE_NAME,
        "masthead": edition.masthead_text,
        "date": edition.date.isoformat(),
        "number": edition.number,
        "build": build.pk if build else None,
        "pages": build.page_count if build else 0,
    }


def article_key(article: Article) -> str:
    return _hash(article_inputs(article))


def edition_key(edition: Edition) -> str:
    return _hash(edition_inputs(edition))


def article_share_image(article: Article) -> DerivedImage:
    """Return the share image of ``article``, drawing it if it does not exist yet."""
    return _get_or_make(article_key(article), lambda: draw_article_card(article), f"article={article.pk}")


def edition_share_image(edition: Edition) -> DerivedImage:
    """Return the share image of ``edition``, drawing it if it does not exist yet."""
    return _get_or_make(edition_key(edition), lambda: draw_edition_card(edition), f"edition={edition.pk}")


def _get_or_make(key: str, draw, label: str) -> DerivedImage:
    existing = DerivedImage.objects.filter(kind=DerivedImage.Kind.SHARE, key=key).first()
    if existing is not None and (Path(settings.MEDIA_ROOT) / existing.file.name).is_file():
        return existing
    started = time.monotonic()
    data = encode_within_budget(draw())
    path = f"reader/share/{key[:2]}/{key[:32]}.jpg"
    write_atomically(Path(settings.MEDIA_ROOT) / path, data)
    fields = {"file": path, "image_format": "JPEG", "width": SHARE_WIDTH, "height": SHARE_HEIGHT, "size": len(data)}
    try:
        with transaction.atomic():
            image, _created = DerivedImage.objects.update_or_create(kind=DerivedImage.Kind.SHARE, key=key, defaults=fields)
    except IntegrityError:
        # Another request drew the same card at the same moment.
        image = DerivedImage.objects.get(kind=DerivedImage.Kind.SHARE, key=key)
    logger.info("share image made %s bytes=%s duration_ms=%d", label, len(data), (time.monotonic() - started) * 1000)
    return image


def encode_within_budget(image: Image.Image) -> bytes:
    """Encode ``image`` as a progressive JPEG no larger than MAX_SHARE_BYTES."""
    image = image.convert("RGB")
    data = b""
    for quality in JPEG_QUALITIES:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        data = buffer.getvalue()
        if len(data) <= MAX_SHARE_BYTES:
            return data
    # Even the lowest quality was too large (a picture full of fine noise):
    # halve the detail and try once more, which always fits.
    smaller = image.resize((SHARE_WIDTH // 2, SHARE_HEIGHT // 2), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    smaller.resize((SHARE_WIDTH, SHARE_HEIGHT), Image.Resampling.BILINEAR).save(
        buffer, "JPEG", quality=JPEG_QUALITIES[-1], optimize=True, progressive=True
    )
    return buffer.getvalue()


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if not current or font.getlength(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _fit_text(text: str, font_name: str, width: int, max_lines: int, sizes: tuple[int, ...]):
    """Return (font, lines) for the largest size at which ``text`` fits, cutting it with … if none does."""
    for size in sizes:
        font = _font(font_name, size)
        lines = _wrap(text, font, width)
        if len(lines) <= max_lines and all(font.getlength(line) <= width for line in lines):
            return font, lines
    font = _font(font_name, sizes[-1])
    lines = _wrap(text, font, width)[:max_lines]
    while lines and font.getlength(lines[-1] + " …") > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    if lines:
        lines[-1] += " …"
    return font, lines


def _brand_strip(image: Image.Image, right_text: str = "") -> None:
    draw = ImageDraw.Draw(image)
    top = SHARE_HEIGHT - BRAND_STRIP
    draw.rectangle([0, top, SHARE_WIDTH, SHARE_HEIGHT], fill=ACCENT_DARK)
    font = _font("sans-bold", 30)
    middle = top + BRAND_STRIP // 2
    draw.text((MARGIN, middle), settings.SITE_NAME.upper(), font=font, fill=WHITE, anchor="lm")
    if right_text:
        small = _font("sans", 28)
        draw.text((SHARE_WIDTH - MARGIN, middle), right_text, font=small, fill=MUTED_ON_DARK, anchor="rm")


def _open_photo(article: Article) -> Image.Image | None:
    photo = article.feature_photo
    if photo is None:
        return None
    try:
        with photo.working.open("rb") as handle:
            image = Image.open(io.BytesIO(handle.read()))
            image.load()
    except (OSError, ValueError) as error:
        logger.warning("share image without photo article=%s photo=%s error=%s", article.pk, photo.pk, error)
        return None
    return image.convert("RGB")


def draw_article_card(article: Article) -> Image.Image:
    photo = _open_photo(article)
    section = article.section.name if article.section_id else ""
    if photo is None:
        return _text_card(article, section)
    area_height = SHARE_HEIGHT - BRAND_STRIP
    cropped = crop_to_aspect(photo, SHARE_WIDTH / area_height, article.feature_photo.focal_x, article.feature_photo.focal_y)
    card = Image.new("RGB", (SHARE_WIDTH, SHARE_HEIGHT), INK)
    card.paste(cropped.resize((SHARE_WIDTH, area_height), Image.Resampling.LANCZOS), (0, 0))
    _brand_strip(card, section)
    return card


def _text_card(article: Article, section: str) -> Image.Image:
    card = Image.new("RGB", (SHARE_WIDTH, SHARE_HEIGHT), PAPER)
    draw = ImageDraw.Draw(card)
    draw.rectangle([0, 0, SHARE_WIDTH, 14], fill=ACCENT)
    top = 70
    kicker = (article.kicker or section).upper()
    if kicker:
        draw.text((MARGIN, top), kicker, font=_font("sans-bold", 32), fill=ACCENT)
        top += 62
    text_width = SHARE_WIDTH - 2 * MARGIN
    available = SHARE_HEIGHT - BRAND_STRIP - top - 40
    font, lines = _fit_text(article.headline, "serif-bold", text_width, 4, (76, 68, 60, 54, 48))
    line_height = round(font.size * 1.18)
    lines = lines[: max(1, available // line_height)]
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * line_height), line, font=font, fill=INK)
    _brand_strip(card, section if article.kicker else "")
    return card


def draw_edition_card(edition: Edition) -> Image.Image:
    card = Image.new("RGB", (SHARE_WIDTH, SHARE_HEIGHT), INK)
    draw = ImageDraw.Draw(card)
    text_left = MARGIN
    front = _front_page_image(edition)
    if front is not None:
        page_height = SHARE_HEIGHT - BRAND_STRIP - 2 * 36
        page_width = round(front.width * page_height / front.height)
        card.paste(front.resize((page_width, page_height), Image.Resampling.LANCZOS), (MARGIN, 36))
        text_left = MARGIN + page_width + 48
    text_width = SHARE_WIDTH - text_left - MARGIN

    with translation.override(settings.LANGUAGE_CODE):
        day = formats.date_format(edition.date, "l, j F Y")
        pages = edition.live_build.page_count if edition.live_build else 0
        meta = _("Edition %(number)s") % {"number": edition.number}
        if pages:
            meta += " · " + ngettext("%(count)s page", "%(count)s pages", pages) % {"count": pages}
    top = 90
    draw.text((text_left, top), day, font=_font("sans-bold", 34), fill=MUTED_ON_DARK)
    top += 70
    font, lines = _fit_text(edition.masthead_text, "serif-bold", text_width, 3, (72, 64, 56, 48))
    line_height = round(font.size * 1.15)
    for index, line in enumerate(lines):
        draw.text((text_left, top + index * line_height), line, font=font, fill=WHITE)
    top += len(lines) * line_height + 30
    draw.text((text_left, top), meta, font=_font("sans", 34), fill=MUTED_ON_DARK)
    _brand_strip(card)
    return card


def _front_page_image(edition: Edition) -> Image.Image | None:
    build = edition.live_build
    if build is None or not build.layout.get("pages"):
        return None
    front = build.layout["pages"][0]
    name = front.get("image_webp") or front.get("image_jpg")
    if not name:
        return None
    try:
        with Image.open(Path(settings.MEDIA_ROOT) / build.files_dir / name) as image:
            return image.convert("RGB")
    except OSError as error:
        logger.warning("share image without front page edition=%s error=%s", edition.pk, error)
        return None
