"""Addresses that are the same in every language: machine-read files and the service worker."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import feeds, pwa, share_views, sitemaps
from .urls import IsoDateConverter  # noqa: F401  (registers the isodate converter)

app_name = "site"
urlpatterns = [
    path("robots.txt", pwa.robots_txt, name="robots"),
    path("favicon.ico", pwa.favicon, name="favicon"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service-worker"),
    path("luring/", pwa.offline, name="offline"),
    path("luring/edisi-terbaru.json", pwa.latest_edition_files, name="offline-files"),
    path("sitemap.xml", sitemaps.cached(sitemap), {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("sitemap-berita.xml", sitemaps.news_sitemap, name="news-sitemap"),
    path("feed/berita/", feeds.ArticleRssFeed(), name="article-feed"),
    path("feed/berita/atom/", feeds.ArticleAtomFeed(), name="article-atom-feed"),
    path("feed/edisi/", feeds.EditionRssFeed(), name="edition-feed"),
    path("feed/edisi/atom/", feeds.EditionAtomFeed(), name="edition-atom-feed"),
    path("bagikan/berita/<slug:slug>.jpg", share_views.article_share_image, name="article-share-image"),
    path("bagikan/edisi/<isodate:date>.jpg", share_views.edition_share_image, name="edition-share-image"),
]
