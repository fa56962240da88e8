"""Feeds, sitemaps, robots.txt and structured data, read back with strict XML and JSON parsers."""

import json
import re
from xml.etree import ElementTree

import pytest

from tests.factories import ArticleFactory

from .builds import published_edition

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def content(media_root, settings):
    settings.SITE_URL = "https://koran.paserkab.go.id"
    edition = published_edition(pages=2)
    extra = ArticleFactory(headline="Festival Seni & Budaya <Paser> Digelar", lead="Tari “Ronggeng” tampil.")
    return edition, extra


def parse(response) -> ElementTree.Element:
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def test_article_rss_parses_with_absolute_links(client, content):
    _edition, extra = content

    channel = parse(client.get("/feed/berita/")).find("channel")

    items = channel.findall("item")
    assert len(items) == 5
    titles = [item.findtext("title") for item in items]
    assert extra.headline in titles
    assert all(item.findtext("link").startswith("https://koran.paserkab.go.id/berita/") for item in items)
    assert channel.findtext("language") == "id"


def test_article_atom_parses(client, content):
    feed = parse(client.get("/feed/berita/atom/"))

    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    assert all(entry.find(f"{ATOM}link").get("href").startswith("https://koran.paserkab.go.id/") for entry in entries)


def test_edition_feeds_carry_the_pdf(client, content):
    edition, _extra = content

    rss = parse(client.get("/feed/edisi/")).find("channel")
    atom = parse(client.get("/feed/edisi/atom/"))

    enclosure = rss.find("item/enclosure")
    assert enclosure.get("type") == "application/pdf"
    assert enclosure.get("url").endswith(edition.live_build.pdf_name)
    assert int(enclosure.get("length")) == edition.live_build.pdf_size
    assert len(atom.findall(f"{ATOM}entry")) == 1


def test_sitemap_lists_editions_pages_and_articles(client, content):
    edition, extra = content

    root = parse(client.get("/sitemap.xml"))

    locations = [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]
    assert f"https://koran.paserkab.go.id/edisi/{edition.date.isoformat()}/" in locations
    assert f"https://koran.paserkab.go.id/edisi/{edition.date.isoformat()}/halaman/2/" in locations
    assert f"https://koran.paserkab.go.id{extra.get_absolute_url()}" in locations
    assert "https://koran.paserkab.go.id/" in locations


def test_news_sitemap_has_recent_articles(client, content):
    _edition, extra = content

    root = parse(client.get("/sitemap-berita.xml"))

    titles = [news.findtext(f"{NEWS}title") for news in root.iter(f"{NEWS}news")]
    assert extra.headline in titles
    assert {language.text for language in root.iter(f"{NEWS}language")} == {"id"}


def test_robots_points_to_sitemaps(client, content):
    text = client.get("/robots.txt").content.decode()

    assert "Sitemap: https://koran.paserkab.go.id/sitemap.xml" in text
    assert "Sitemap: https://koran.paserkab.go.id/sitemap-berita.xml" in text
    assert "Disallow: /admin/" in text


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_article_has_news_article_data_and_share_tags(client, content):
    _edition, extra = content

    html = client.get(extra.get_absolute_url()).content.decode()

    data = json_ld(html)[0]
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == extra.headline
    assert data["mainEntityOfPage"]["@id"] == f"https://koran.paserkab.go.id{extra.get_absolute_url()}"
    assert data["image"][0].startswith(f"https://koran.paserkab.go.id/bagikan/berita/{extra.slug}.jpg?v=")
    assert "<Paser>" not in html.split("application/ld+json")[1].split("</script>")[0]
    assert f'<link rel="canonical" href="https://koran.paserkab.go.id{extra.get_absolute_url()}">' in html
    assert f'<meta property="og:url" content="https://koran.paserkab.go.id{extra.get_absolute_url()}">' in html
    assert '<meta property="og:image" content="https://koran.paserkab.go.id/bagikan/berita/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_edition_has_publication_issue_data_and_share_tags(client, content):
    edition, _extra = content

    html = client.get(edition.get_absolute_url()).content.decode()

    data = json_ld(html)[0]
    assert data["@type"] == "PublicationIssue"
    assert data["issueNumber"] == str(edition.number)
    assert len(data["hasPart"]) == 4
    assert f'<meta property="og:image" content="https://koran.paserkab.go.id/bagikan/edisi/{edition.date.isoformat()}.jpg?v=' in html
