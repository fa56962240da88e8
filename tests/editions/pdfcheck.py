"""Read an edition's PDF back the way a person checks it: each article's words across its pages."""

import json
from pathlib import Path

import pypdfium2 as pdfium
from django.conf import settings

from articles.sanitizer import plain_text
from editions.rendering.verify import compare_words, words


def build_files(build):
    folder = Path(settings.MEDIA_ROOT) / build.files_dir
    return folder / build.pdf_name, json.loads((folder / "layout.json").read_text())


def rect_text(page, rect) -> str:
    """The text inside ``rect`` (fractions of the page) of a pypdfium2 page."""
    left, bottom, right, top = page.get_mediabox()
    width, height = right - left, top - bottom
    x, y, w, h = rect
    return page.get_textpage().get_text_bounded(left + x * width, top - (y + h) * height, left + (x + w) * width, top - y * height)


def article_tokens(pdf_path: Path, layout: dict, article_id) -> list[str]:
    """The words inside an article's rectangles from layout.json, page after page, in drawing order."""
    document = pdfium.PdfDocument(str(pdf_path))
    tokens = []
    try:
        for index, page in enumerate(layout["pages"]):
            for item in page["articles"]:
                if item["id"] != article_id:
                    continue
                tokens += words(rect_text(document[index], item["rect"]))
    finally:
        document.close()
    return tokens


def check_words(tokens: list[str], body_html: str, allowed_extra: str) -> str | None:
    """Return None when the whole body is in ``tokens`` in order, once; otherwise the first difference."""
    return compare_words(tokens, words(plain_text(body_html)), set(words(allowed_extra)))
