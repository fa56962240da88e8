"""Public addresses: stable ASCII slugs that never break once published."""

import threading

import pytest
from django.db import connection, connections

from articles.models import SLUG_LENGTH, Article
from articles.slugs import ascii_slug
from tests.factories import ArticleFactory, SectionFactory


@pytest.mark.parametrize("headline,slug", [
    ("Bupati Paser Resmikan Jembatan — Tahap II", "bupati-paser-resmikan-jembatan-tahap-ii"),
    ("Rp 1,5 Miliar untuk Jalan Desa", "rp-1-5-miliar-untuk-jalan-desa"),
    ("Serapan 94,6 Persen", "serapan-94-6-persen"),
    ("Kafe “Café” di Tepi Sungai", "kafe-cafe-di-tepi-sungai"),
])
def test_headline_becomes_readable_ascii_slug(headline, slug):
    assert ascii_slug(headline, SLUG_LENGTH, fallback="artikel") == slug


@pytest.mark.parametrize("headline", ["!!!", "بسم الله الرحمن الرحيم", "   "])
def test_headline_without_latin_letters_gets_fallback(headline):
    assert ascii_slug(headline, SLUG_LENGTH, fallback="artikel") == "artikel"


def test_long_headline_is_cut_on_a_word_boundary():
    headline = " ".join(["Pembangunan"] * 15)

    slug = ascii_slug(headline, SLUG_LENGTH, fallback="artikel")

    assert len(slug) <= SLUG_LENGTH
    assert slug.endswith("pembangunan")
    assert not slug.endswith("-")


@pytest.mark.django_db
def test_same_headline_twice_gets_numbered_slug():
    first = ArticleFactory(headline="Banjir Surut di Tanah Grogot")
    second = ArticleFactory(headline="Banjir Surut di Tanah Grogot")

    assert first.slug == "banjir-surut-di-tanah-grogot"
    assert second.slug == "banjir-surut-di-tanah-grogot-2"


@pytest.mark.django_db
def test_160_character_headline_saves_within_field_length():
    headline = ("Pemerintah Kabupaten Paser Menyiapkan Anggaran Pembangunan Jembatan Penghubung Desa "
                "di Kecamatan Long Ikis dan Long Kali untuk Tahun Anggaran 2027 Mendatang")[:160]
    article = ArticleFactory(headline=headline)

    article.refresh_from_db()
    assert len(article.slug) <= SLUG_LENGTH
    assert article.slug.startswith("pemerintah-kabupaten-paser")


@pytest.mark.django_db
def test_editing_published_headline_keeps_url():
    article = ArticleFactory(headline="Jembatan Dibuka Senin")
    url = article.get_absolute_url()

    article.headline = "Jembatan Dibuka Selasa, Bukan Senin"
    article.save()

    assert article.get_absolute_url() == url


@pytest.mark.django_db
def test_draft_slug_follows_headline_until_published():
    article = ArticleFactory(headline="Judul Sementara", status=Article.Status.DRAFT, published_at=None)

    article.headline = "Judul Akhir"
    article.save()

    assert article.slug == "judul-akhir"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_same_headline_get_distinct_slugs():
    if connection.vendor != "postgresql":
        pytest.fail("this test needs PostgreSQL (run with CI=true or SERVICES=1)")
    section = SectionFactory()
    barrier = threading.Barrier(4)
    errors = []

    def save():
        try:
            barrier.wait()
            Article.objects.create(section=section, headline="Rapat Paripurna DPRD", body="<p>isi</p>")
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == ["rapat-paripurna-dprd", "rapat-paripurna-dprd-2", "rapat-paripurna-dprd-3", "rapat-paripurna-dprd-4"]
