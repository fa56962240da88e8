from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Section
from reader.search import Filters, indonesian_stems, search
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def at(day: int) -> datetime:
    """Nine in the morning, ``day`` days into the ten days that ended yesterday."""
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=11)
    return start + timedelta(days=day)


@pytest.fixture
def articles():
    economy = SectionFactory(name="Ekonomi", slug="ekonomi", position=2)
    return {
        "bridge": ArticleFactory(
            headline="Pembangunan Jembatan Telaga Biru Selesai",
            lead="Jembatan baja sepanjang 120 meter kini dibuka.",
            body="<p>Warga menyambut <b>pembangunan</b> jembatan itu dengan syukuran.</p>",
            published_at=at(4),
        ),
        "market": ArticleFactory(
            section=economy,
            headline="Pasar Tani Digelar Dua Hari",
            lead="Petani kopi menjual hasil panen langsung.",
            body="<p>Dinas berencana membangun los pasar baru tahun depan.</p>",
            published_at=at(6),
        ),
        "vaccine": ArticleFactory(
            headline="Vaksinasi Rabies Dimulai Senin",
            lead="Tim vaksinator mendatangi desa.",
            body="<p>Warga diminta mengikat hewan peliharaan.</p>",
            published_at=at(7),
        ),
    }


@pytest.mark.parametrize("word, root", [
    ("membangun", "bangun"), ("pembangunan", "bangun"), ("dibangun", "bangun"),
    ("menyapu", "sapu"), ("menulis", "tulis"), ("kebersihan", "bersih"),
])
def test_affix_stripping_finds_root(word, root):
    assert root in indonesian_stems(word)


def test_stemmed_word_finds_other_form(articles):
    results = search(Filters(text="membangun"))

    found = [hit.article for hit in results.hits]
    assert articles["bridge"] in found
    assert articles["market"] in found
    assert articles["vaccine"] not in found


def test_headline_match_ranks_first(articles):
    results = search(Filters(text="pembangunan"))

    assert results.hits[0].article == articles["bridge"]


def test_snippet_highlights_and_escapes(articles):
    ArticleFactory(headline="Catatan", lead="", body="<p>Rencana &lt;script&gt; membangun taman kota.</p>", published_at=at(5))

    results = search(Filters(text="taman"))

    snippet = str(results.hits[0].snippet)
    assert "<mark>taman</mark>" in snippet
    assert "<script>" not in snippet


def test_section_filter(articles):
    economy = Section.objects.get(slug="ekonomi")

    results = search(Filters(text="membangun", section=economy))

    assert [hit.article for hit in results.hits] == [articles["market"]]


def test_date_filter(articles):
    results = search(Filters(text="membangun", date_from=at(5).date(), date_to=at(7).date()))

    assert [hit.article for hit in results.hits] == [articles["market"]]


def test_future_articles_are_not_found(articles):
    ArticleFactory(headline="Pembangunan Pasar Baru", published_at=timezone.now() + timedelta(days=2))

    results = search(Filters(text="pembangunan"))

    assert all(hit.article.published_at <= timezone.now() for hit in results.hits)


def test_search_page_lists_results_with_marks(client, articles):
    response = client.get("/cari/", {"q": "membangun"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 berita ditemukan" in html
    assert "<mark>" in html
    assert 'name="robots" content="noindex, follow"' in html


def test_search_page_reports_swapped_dates(client, articles):
    response = client.get("/cari/", {"q": "jembatan", "dari": "2026-12-07", "sampai": "2026-12-01"})

    assert "Tanggal awal jatuh setelah tanggal akhir" in response.content.decode()


@pytest.mark.services
def test_postgres_indonesian_stemming(articles):
    from django.db import connection

    assert connection.vendor == "postgresql"

    results = search(Filters(text="membangun"))

    assert results.engine == "postgresql"
    found = [hit.article for hit in results.hits]
    assert articles["bridge"] in found
    assert articles["market"] in found
    assert articles["vaccine"] not in found
    bridge = next(hit for hit in results.hits if hit.article == articles["bridge"])
    assert "<mark>Pembangunan</mark>" in str(bridge.headline)
    assert "<mark>" in str(bridge.snippet)
    assert "<b>" not in str(bridge.snippet)


def test_fallback_matches_whole_words_by_root_only():
    from reader.search import _matching_words, indonesian_stems

    stems = indonesian_stems("mengemas")
    found = [match.group(0) for match in _matching_words("Warga mengemas kopi, memasukkan nota, pemasangan papan; kemasan baru.", stems)]

    assert found == ["mengemas", "kemasan"]
