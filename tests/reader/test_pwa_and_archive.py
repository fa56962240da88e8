import json
from datetime import date

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory

from .builds import published_edition

pytestmark = pytest.mark.django_db


def test_manifest_is_installable(client):
    response = client.get("/manifest.webmanifest")

    data = json.loads(response.content)
    assert response["Content-Type"].startswith("application/manifest+json")
    assert data["start_url"] == "/"
    assert data["display"] == "standalone"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon["purpose"] == "maskable" for icon in data["icons"])


def test_service_worker_headers_and_shell(client):
    response = client.get("/sw.js")

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert "/static/css/reader.css" in body
    assert '"/luring/"' in body


def test_offline_list_covers_latest_edition(client, media_root):
    edition = published_edition(pages=2)

    data = json.loads(client.get("/luring/edisi-terbaru.json").content)

    assert data["edition"] == edition.date.isoformat()
    assert edition.get_absolute_url() in data["pages"]
    assert len([url for url in data["pages"] if url.startswith("/berita/")]) == 4
    assert any(url.endswith("image-02.webp") or "page-02" in url for url in data["images"])


def test_month_calendar_links_days(client, media_root):
    day = timezone.localdate() - timezone.timedelta(days=1)
    edition = published_edition(pages=2, date=day)

    html = client.get(f"/arsip/{day.year}/{day.month}/").content.decode()

    assert f'href="/arsip/{day.year}/{day.month}/{day.day}/"' in html
    assert 'class="has-edition"' in html
    assert edition


def test_day_page_shows_edition_and_articles(client, media_root):
    published_at = timezone.now() - timezone.timedelta(days=3)
    article = ArticleFactory(headline="Berita Tiga Hari Lalu", published_at=published_at)
    day = timezone.localtime(published_at).date()

    html = client.get(f"/arsip/{day.year}/{day.month}/{day.day}/").content.decode()

    assert article.headline in html


def test_empty_month_is_404(client):
    assert client.get("/arsip/2001/1/").status_code == 404


def test_impossible_day_is_404(client):
    assert client.get("/arsip/2026/2/30/").status_code == 404


def test_section_page_paginates(client, media_root):
    for _ in range(14):
        ArticleFactory()

    first = client.get("/rubrik/pemerintahan/")
    second = client.get("/rubrik/pemerintahan/?halaman=2")

    assert first.status_code == 200
    assert second.status_code == 200
    assert 'rel="next"' in first.content.decode()
    assert '<link rel="canonical" href="http://testserver/rubrik/pemerintahan/?halaman=2">' in second.content.decode()


def test_page_images_made_for_phones(media_root):
    from reader.page_images import make_page_images, renditions_by_page

    edition = published_edition(pages=2)

    made = make_page_images(edition.live_build)

    assert made == 2  # only 480 px is narrower than the 700 px test pages
    assert [width for width, _url in renditions_by_page(edition.live_build)[1]] == [480]
    assert date.today()


def test_day_page_lists_an_edition_story_once(client, media_root):
    day = timezone.localdate() - timezone.timedelta(days=2)
    edition = published_edition(pages=1, stories_per_page=1, date=day)
    article = edition.pages.get().placements.get().article
    article.published_at = timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 9))
    article.save()

    html = client.get(f"/arsip/{day.year}/{day.month}/{day.day}/").content.decode()

    assert html.count(f">{article.headline}<") == 1
