"""Sitemaps for search engines: every public page, and a news sitemap of the last two days."""

from datetime import timedelta
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from articles.models import Section

from .caching import cached_page
from .editions_view import EditionView
from .queries import published_editions, sections_with_articles, visible_articles

# Google News reads only articles published in the last two days.
NEWS_WINDOW = timedelta(days=2)
# A news sitemap holds at most 1,000 articles.
NEWS_LIMIT = 1000


class SiteSitemap(Sitemap):
    """Locations on SITE_URL rather than on whatever host the request came to."""

    i18n = False

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class StaticPages(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return ["reader:home", "reader:archive", "reader:sections"]

    def location(self, item):
        return reverse(item)


class Editions(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        return published_editions().order_by("-date")

    def lastmod(self, item):
        return item.updated_at


class EditionPages(SiteSitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        pages = []
        for edition in published_editions().order_by("-date")[:400]:
            pages += [page for page in EditionView(edition).pages if page.number > 1]
        return pages

    def location(self, item):
        return item.url


class Articles(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return visible_articles().order_by("-published_at")

    def lastmod(self, item):
        return item.updated_at


class Sections(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return sections_with_articles()

    def location(self, item: Section):
        return reverse("reader:section", kwargs={"slug": item.slug})


SITEMAPS = {
    "pages": StaticPages,
    "editions": Editions,
    "edition-pages": EditionPages,
    "articles": Articles,
    "sections": Sections,
}


def cached(view):
    """The contrib sitemap view, cached and cleared like reader pages."""
    return wraps(view)(cached_page(view))


@cached_page
def news_sitemap(request):
    since = timezone.now() - NEWS_WINDOW
    articles = visible_articles().filter(published_at__gte=since).order_by("-published_at")[:NEWS_LIMIT]
    return render(request, "reader/news_sitemap.xml", {
        "articles": articles,
        "publication_name": settings.SITE_NAME,
    }, content_type="application/xml; charset=utf-8")
