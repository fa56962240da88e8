"""What search engines and link previews read: absolute URLs, Open Graph, structured data."""

import json
from urllib.parse import quote

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from articles.models import Article
from editions.models import Edition

from . import share_images

# schema.org asks for headlines of at most 110 characters.
MAX_HEADLINE = 110


def absolute(path: str) -> str:
    """Return ``path`` on the public site address (SITE_URL), whatever host the request used."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def article_share_image_url(article: Article) -> str:
    version = share_images.article_key(article)[:12]
    return absolute(reverse("site:article-share-image", kwargs={"slug": article.slug})) + f"?v={version}"


def edition_share_image_url(edition: Edition) -> str:
    version = share_images.edition_key(edition)[:12]
    return absolute(reverse("site:edition-share-image", kwargs={"date": edition.date})) + f"?v={version}"


def share_links(url: str, title: str) -> list[dict]:
    """Plain share links: no script or tracker of the platforms is loaded."""
    text = quote(f"{title} {url}")
    return [
        {"name": "WhatsApp", "slug": "whatsapp", "href": f"https://wa.me/?text={text}"},
        {"name": "Telegram", "slug": "telegram", "href": f"https://t.me/share/url?url={quote(url)}&text={quote(title)}"},
        {"name": "Facebook", "slug": "facebook", "href": f"https://www.facebook.com/sharer/sharer.php?u={quote(url)}"},
        {"name": "X", "slug": "x", "href": f"https://x.com/intent/post?url={quote(url)}&text={quote(title)}"},
    ]


def json_ld(data: dict) -> SafeString:
    """Return a JSON-LD data block. Browsers never run it, so the no-inline-script policy allows it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Escape what could close the element or start a comment inside it.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def publisher() -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.PUBLISHER_NAME,
        "url": settings.SITE_URL + "/",
        "logo": {"@type": "ImageObject", "url": absolute(static("reader/icons/icon-512.png")), "width": 512, "height": 512},
    }


def article_data(article: Article, placements=()) -> dict:
    photo_urls = [article_share_image_url(article)]
    if article.feature_photo:
        widest = max(article.feature_photo.renditions_by_format("JPEG"), key=lambda r: r.width, default=None)
        if widest is not None:
            photo_urls.append(absolute(widest.url))
    published = article.published_at or article.created_at
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": absolute(article.get_absolute_url())},
        "headline": article.headline[:MAX_HEADLINE],
        "description": article.lead or article.plain_body[:300],
        "image": photo_urls,
        "datePublished": timezone.localtime(published).isoformat(),
        "dateModified": timezone.localtime(max(published, article.updated_at)).isoformat(),
        "inLanguage": "id",
        "articleSection": article.section.name,
        "wordCount": article.word_count,
        "isAccessibleForFree": True,
        "author": [{"@type": "Person", "name": article.byline}] if article.byline else [publisher()],
        "publisher": publisher(),
    }
    if article.place:
        data["contentLocation"] = {"@type": "Place", "name": article.place}
    printed = [placement.page.edition for placement in placements]
    if printed:
        edition = printed[0]
        data["isPartOf"] = {
            "@type": "PublicationIssue",
            "issueNumber": str(edition.number),
            "datePublished": edition.date.isoformat(),
            "url": absolute(edition.get_absolute_url()),
        }
    return data


def edition_data(edition: Edition, view) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "PublicationIssue",
        "@id": absolute(edition.get_absolute_url()),
        "url": absolute(edition.get_absolute_url()),
        "name": _("Edition of %(date)s") % {"date": edition.date.isoformat()},
        "issueNumber": str(edition.number),
        "datePublished": edition.date.isoformat(),
        "image": edition_share_image_url(edition),
        "inLanguage": "id",
        "isAccessibleForFree": True,
        "pageStart": 1,
        "pageEnd": len(view.pages),
        "isPartOf": {"@type": "Periodical", "name": settings.SITE_NAME, "publisher": publisher()},
        "hasPart": [
            {"@type": "NewsArticle", "headline": article.headline[:MAX_HEADLINE], "url": absolute(article.get_absolute_url())}
            for article in view.articles()[:30]
        ],
    }


def website_data() -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": settings.SITE_URL + "/",
        "inLanguage": "id",
        "publisher": publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": absolute(reverse("reader:search")) + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def meta_description(text: str, limit: int = 200) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
