import io

import pytest
from PIL import Image

from articles.renditions import store_photo
from reader.models import DerivedImage
from reader.share_images import MAX_SHARE_BYTES, article_share_image, edition_share_image
from tests.factories import ArticleFactory
from tests.images import encoded, upright_arrow

from .builds import published_edition

pytestmark = pytest.mark.django_db


def opened(derived: DerivedImage) -> tuple[Image.Image, int]:
    data = derived.file.read()
    derived.file.close()
    return Image.open(io.BytesIO(data)), len(data)


def test_text_card_without_photo(media_root):
    article = ArticleFactory(headline="Rp 1,5 Miliar untuk Jalan Desa — Warga Sambut Gembira " * 3)

    image, size = opened(article_share_image(article))

    assert image.size == (1200, 630)
    assert image.format == "JPEG"
    assert size <= MAX_SHARE_BYTES


def test_photo_card_from_noisy_photo_stays_in_budget(media_root, upload):
    noisy = Image.effect_noise((2400, 1600), 120).convert("RGB")
    photo = store_photo(upload(encoded(noisy, "JPEG", quality=95), "noise.jpg"), alt_text="Uji derau")
    article = ArticleFactory(feature_photo=photo)

    image, size = opened(article_share_image(article))

    assert image.size == (1200, 630)
    assert size <= MAX_SHARE_BYTES


def test_portrait_photo_keeps_the_top_in_view(media_root, upload):
    photo = store_photo(upload(encoded(upright_arrow(600, 800), "JPEG"), "panah.jpg"))
    photo.focal_y = 0.0
    photo.save()
    article = ArticleFactory(feature_photo=photo)

    image, _size = opened(article_share_image(article))

    red, green, blue = image.convert("RGB").getpixel((600, 20))
    assert red > 150 and green < 100
    assert blue < 100


def test_card_is_reused_until_the_headline_changes(media_root):
    article = ArticleFactory()
    first = article_share_image(article)

    assert article_share_image(article).pk == first.pk

    article.headline = "Judul Baru Setelah Disunting"
    article.save()
    assert article_share_image(article).pk != first.pk


def test_edition_card_shows_front_page(media_root):
    edition = published_edition(pages=2)

    image, size = opened(edition_share_image(edition))

    assert image.size == (1200, 630)
    assert size <= MAX_SHARE_BYTES


def test_share_image_address_serves_jpeg(client, media_root):
    article = ArticleFactory()

    response = client.get(f"/bagikan/berita/{article.slug}.jpg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")


@pytest.mark.slow
def test_every_corpus_article_share_image_within_budget(media_root, corpus):
    from articles.importers.ninjs import import_file

    for path in sorted((corpus / "articles").glob("*.json")):
        import_file(path, photo_root=corpus)
    from articles.models import Article

    articles = list(Article.objects.select_related("section", "feature_photo"))
    assert len(articles) >= 16
    for article in articles:
        image, size = opened(article_share_image(article))
        assert image.size == (1200, 630), article.headline
        assert size <= MAX_SHARE_BYTES, (article.headline, size)
