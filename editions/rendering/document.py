"""Render a laid-out edition to one HTML document and a PDF."""

import io
import logging
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
import pikepdf
from weasyprint import HTML

from layout.model import EditionLayout
from layout.templates import available_templates

from .resources import PrintResources

logger = logging.getLogger(__name__)

MM_TO_PT = 72 / 25.4
# Height the edition's pages are set at before they are cropped to paper
# size; like the measurer's page, far more than any page's content.
TALL_PAGE_MM = 3000
# Matches every URL an article body could make the renderer fetch.
URL_IN_HTML = re.compile(r"""(?:src|href|poster|data)\s*=\s*["']?([^"'\s>]+)|url\(\s*["']?([^"')]+)""", re.I)


def edition_context(plan) -> dict:
    return {
        "masthead": plan.masthead,
        "date_label": plan.date_label,
        "number": plan.number,
    }


def page_context() -> dict:
    from django.templatetags.static import static

    host = settings.SITE_URL.split("://", 1)[-1]
    crest = static(settings.MASTHEAD_CREST) if settings.MASTHEAD_CREST else ""
    return {"publisher": settings.PUBLISHER_NAME, "site_host": host, "crest_url": crest}


def refused_references(layout: EditionLayout, resources: PrintResources) -> list[dict]:
    """List the URLs in story bodies the fetcher would refuse, with the story they sit in."""
    found = []
    for story in layout.plan.stories.values():
        for match in URL_IN_HTML.finditer(story.body_html):
            url = match.group(1) or match.group(2)
            if url.startswith("#") or url.lower().startswith(("mailto:", "tel:")):
                continue
            if re.match(r"(?i)^\s*https?://", url) and "href" in match.group(0).lower():
                # Plain links are annotations in the PDF; nothing is fetched.
                continue
            absolute = url if "://" in url or url.startswith("data:") else resources.base_url + url.lstrip("/")
            try:
                resources.fetcher.resolve(absolute)
            except ValueError:
                found.append({"code": "reference_refused", "story": story.id, "headline": story.headline, "url": url[:200]})
                logger.warning("article references a disallowed URL story=%s url=%r", story.id, url[:200])
    return found


@dataclass
class Row:
    """Modules that share a top edge; ``gap`` is the space above the row in mm."""

    top: float
    height: float
    gap: float
    modules: list


def rows_of(page) -> list[Row]:
    """Group a page's modules into rows, top to bottom.

    The edition places rows in normal flow and modules absolutely inside
    their row. WeasyPrint 70 balances a multi-column box wrongly when the box
    is absolutely positioned far down the page, but correctly inside a row
    that is itself in normal flow.
    """
    rows: list[Row] = []
    bottom = page.header_height
    for module in sorted(page.modules, key=lambda module: (round(module.y, 2), module.x)):
        if rows and abs(rows[-1].top - module.y) < 0.01:
            rows[-1].modules.append(module)
            continue
        rows.append(Row(top=module.y, height=module.height, gap=max(0.0, module.y - bottom), modules=[module]))
        bottom = module.y + module.height
    return rows


def render_html(layout: EditionLayout, photo_urls: dict[str, str], created: datetime | None = None) -> str:
    plan = layout.plan
    used = {page.template for page in layout.pages}
    templates = [template for name, template in available_templates().items() if name in used]
    keywords = sorted({story.section for story in plan.stories.values() if story.section})
    return render_to_string(
        "print/edition.html",
        {
            "edition": edition_context(plan),
            "pages": layout.pages,
            "sheets": [{"page": page, "rows": rows_of(page)} for page in layout.pages],
            "templates": templates,
            "photo_urls": photo_urls,
            "gutter": templates[0].gutter if templates else 4.5,
            "tall_page_mm": TALL_PAGE_MM,
            "keywords": ", ".join(keywords),
            "created": (created or timezone.now()).isoformat(),
            **page_context(),
        },
    )


def render_pdf(html: str, resources: PrintResources, page_heights_mm: list[float]) -> tuple[bytes, object]:
    """Return the PDF bytes and WeasyPrint's rendered document.

    The edition's pages are set TALL_PAGE_MM high; each page's MediaBox is
    then cut to its paper height (``page_heights_mm``), keeping the top.
    """
    document = HTML(string=html, base_url=resources.base_url, url_fetcher=resources.fetcher).render(
        font_config=resources.font_config,
    )
    buffer = io.BytesIO()
    document.write_pdf(buffer, pdf_variant="pdf/ua-1")
    return crop_to_paper(buffer.getvalue(), page_heights_mm), document


def crop_to_paper(pdf_bytes: bytes, page_heights_mm: list[float]) -> bytes:
    """Cut each tall page to the top ``height`` millimetres, the paper size."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for page, height_mm in zip(pdf.pages, page_heights_mm):
            left, bottom, right, top = (float(value) for value in page.MediaBox)
            paper = pikepdf.Array([left, top - height_mm * MM_TO_PT, right, top])
            page.MediaBox = paper
            page.CropBox = paper
            for box in ("/TrimBox", "/BleedBox", "/ArtBox"):
                if box in page.obj:
                    page.obj[box] = paper
        output = io.BytesIO()
        pdf.save(output)
        return output.getvalue()
