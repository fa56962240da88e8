import re
from datetime import date

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory

from .builds import published_edition

pytestmark = pytest.mark.django_db


def test_home_opens_latest_edition_on_front_page(client, media_root):
    published_edition(date=date(2026, 12, 6))
    latest = published_edition(date=date(2026, 12, 7))

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["edition"] == latest
    assert response.context["page"].number == 1
    assert f"/media/editions/2026-12-07/build-{latest.live_build_id}/pages/image-01.jpg" in html
    assert 'data-offline-files="/luring/edisi-terbaru.json"' in html


def test_front_page_links_each_article_area(client, media_root):
    edition = published_edition(pages=2)
    first_page_articles = [item["id"] for item in edition.live_build.layout["pages"][0]["articles"]]

    html = client.get(edition.get_absolute_url()).content.decode()

    for article in Article.objects.filter(pk__in=first_page_articles):
        assert re.search(rf'<a href="{article.get_absolute_url()}" tabindex="-1" data-article="{article.slug}"><rect x="[\d.]+" y="[\d.]+"', html)


def test_page_view_shows_its_stories_and_pdf(client, media_root):
    edition = published_edition(pages=3)

    response = client.get(reverse("reader:page", kwargs={"date": edition.date, "number": 2}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Halaman 2 · Pemerintahan" in html
    assert f"koran-digital-paser-{edition.date.isoformat()}-hal-02.pdf" in html
    assert 'rel="prev"' in html
    assert 'rel="next"' in html


def test_page_one_address_redirects_to_edition(client, media_root):
    edition = published_edition(pages=2)

    response = client.get(reverse("reader:page", kwargs={"date": edition.date, "number": 1}))

    assert response.status_code == 301
    assert response["Location"] == edition.get_absolute_url()


def test_missing_page_is_404(client, media_root):
    edition = published_edition(pages=2)

    response = client.get(reverse("reader:page", kwargs={"date": edition.date, "number": 9}))

    assert response.status_code == 404
    assert "tidak ditemukan" in response.content.decode()


def test_download_buttons_show_file_sizes(client, media_root):
    edition = published_edition(pages=2)

    html = client.get(edition.get_absolute_url()).content.decode()

    assert re.search(r"PDF edisi \(\d+ KB\)", html)
    assert re.search(r"PDF halaman 1 \(\d+ KB\)", html)


def test_english_under_en_prefix(client, media_root):
    edition = published_edition(pages=2)

    url = edition.get_absolute_url()
    indonesian = client.get(url).content.decode()
    english = client.get("/en" + url).content.decode()

    assert '<html lang="id">' in indonesian
    assert "Berita di halaman ini" in indonesian
    assert '<html lang="en">' in english
    assert "Stories on this page" in english
    assert f'hreflang="en" href="http://testserver/en{url}"' in indonesian


@pytest.mark.parametrize("path", ["/", "/arsip/", "/rubrik/", "/cari/?q=jalan", "/luring/"])
def test_public_pages_have_no_inline_script_or_style(client, media_root, path):
    edition = published_edition(pages=2)
    ArticleFactory()

    response = client.get(path)
    html = response.content.decode()

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert " style=" not in html
    assert "<style" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/ld+json"' in tag, tag
    assert edition


def test_article_share_and_print_links(client, media_root):
    edition = published_edition(pages=2)
    article = Article.objects.get(pk=edition.live_build.layout["pages"][1]["articles"][0]["id"])

    html = client.get(article.get_absolute_url()).content.decode()

    assert "https://wa.me/?text=" in html
    assert "https://t.me/share/url?url=http%3A//testserver" in html
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A//testserver" in html
    assert "https://x.com/intent/post?url=" in html
    assert "data-copy-url" in html
    assert f"{reverse('reader:page', kwargs={'date': edition.date, 'number': 2})}" in html


def test_unpublished_article_is_not_found(client, media_root):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_article_with_photo_renders_eager_picture(client, media_root, upload):
    from articles.renditions import store_photo
    from tests.images import encoded, upright_arrow

    photo = store_photo(upload(encoded(upright_arrow(1000, 700), "JPEG"), "foto.jpg"), alt_text="Panah merah ke atas")
    article = ArticleFactory(feature_photo=photo)

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'alt="Panah merah ke atas"' in html
    assert 'fetchpriority="high"' in html
    assert 'type="image/webp"' in html
