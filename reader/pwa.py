"""The installable web app and the files crawlers ask for at the site root.

The service worker is served from /sw.js so its scope is the whole site.
It is rendered from a template because it lists the hashed names of the
static files it keeps, and it changes (so browsers update it) whenever they do.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .caching import cached_page
from .editions_view import EditionView
from .queries import latest_edition
from .seo import absolute

THEME_COLOR = "#7a1414"
BACKGROUND_COLOR = "#fbfaf7"
# Static files every page needs; the service worker keeps them for offline use.
SHELL_FILES = ("css/reader.css", "reader/reader.js", "reader/icons/icon.svg", "reader/icons/icon-192.png")


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /articles/",
        "Disallow: /luring/",
        "",
        f"Sitemap: {absolute(reverse('site:sitemap'))}",
        f"Sitemap: {absolute(reverse('site:news-sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=86400 * 7)
def favicon(request):
    path = finders.find("reader/icons/favicon.ico")
    if not path:
        raise Http404("favicon missing")
    return FileResponse(open(path, "rb"), content_type="image/x-icon")


@require_GET
@cache_control(public=True, max_age=86400)
def manifest(request):
    data = {
        "name": settings.SITE_NAME,
        "short_name": "Koran Paser",
        "description": _("The daily digital newspaper of Kabupaten Paser."),
        "lang": "id",
        "dir": "ltr",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "background_color": BACKGROUND_COLOR,
        "theme_color": THEME_COLOR,
        "categories": ["news"],
        "icons": [
            {"src": static("reader/icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": static("reader/icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": static("reader/icons/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
            {"src": static("reader/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
        ],
        "shortcuts": [
            {"name": _("Search"), "url": reverse("reader:search")},
            {"name": _("Archive"), "url": reverse("reader:archive")},
        ],
    }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json; charset=utf-8")


@require_GET
def service_worker(request):
    shell = [static(name) for name in SHELL_FILES]
    offline_url = reverse("site:offline")
    version = hashlib.sha256(json.dumps([shell, offline_url]).encode()).hexdigest()[:12]
    body = render_to_string("reader/sw.js", {
        "version": version,
        "shell_json": json.dumps(shell + [offline_url]),
        "offline_url_json": json.dumps(offline_url),
        "media_prefix_json": json.dumps(settings.MEDIA_URL),
        "static_prefix_json": json.dumps(settings.STATIC_URL),
    })
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # Browsers check for a new worker on every visit; it must not sit in an HTTP cache.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@cached_page
def offline(request):
    return render(request, "reader/offline.html")


@require_GET
@cached_page
def latest_edition_files(request):
    """Return the addresses the service worker saves so the latest edition reads offline."""
    edition = latest_edition()
    if edition is None:
        return JsonResponse({"edition": None, "pages": [], "images": []})
    view = EditionView(edition)
    pages = [reverse("reader:home")] + [page.url for page in view.pages]
    pages += [article.get_absolute_url() for article in view.articles()]
    images = [page.offline_image for page in view.pages if page.offline_image]
    images += [page.thumb_webp for page in view.pages if page.thumb_webp]
    return JsonResponse({"edition": edition.date.isoformat(), "pages": pages, "images": images})
