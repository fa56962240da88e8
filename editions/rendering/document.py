"""Render a laid-out edition to one HTML document and a PDF."""

import io
import logging
import re
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from layout.model import EditionLayout
from layout.templates import available_templates

from .resources import PrintResources

logger = logging.getLogger(__name__)

# Matches every URL an article body could make the renderer fetch.
URL_IN_HTML = re.compile(r"""(?:src|href|poster|data)\s*=\s*["']?([^"'\s>]+)|url\(\s*["']?([^"')]+)""", re.I)


def edition_context(plan) -> dict:
    return {
        "masthead": plan.masthead,
        "date_label": plan.date_label,
        "number": plan.number,
    }


def page_context() -> dict:
    host = settings.SITE_URL.split("://", 1)[-1]
    return {"publisher": settings.PUBLISHER_NAME, "site_host": host}


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
            "templates": templates,
            "photo_urls": photo_urls,
            "gutter": templates[0].gutter if templates else 4.5,
            "keywords": ", ".join(keywords),
            "created": (created or timezone.now()).isoformat(),
            **page_context(),
        },
    )


def render_pdf(html: str, resources: PrintResources) -> tuple[bytes, object]:
    """Return the PDF bytes and WeasyPrint's rendered document."""
    document = HTML(string=html, base_url=resources.base_url, url_fetcher=resources.fetcher).render(
        font_config=resources.font_config,
    )
    buffer = io.BytesIO()
    document.write_pdf(buffer, pdf_variant="pdf/ua-1")
    return buffer.getvalue(), document
