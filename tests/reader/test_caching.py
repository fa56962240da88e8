import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory

from .builds import published_edition

pytestmark = pytest.mark.django_db(transaction=True)


def test_second_visit_is_served_from_cache(client, media_root):
    edition = published_edition(pages=2)
    client.get(edition.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        response = client.get(edition.get_absolute_url())

    assert response.status_code == 200
    # ATOMIC_REQUESTS still opens and commits a transaction around the view.
    statements = [query["sql"] for query in queries.captured_queries if query["sql"] not in ("BEGIN", "COMMIT")]
    assert statements == []


def test_saving_an_article_clears_cached_pages(client, media_root):
    article = ArticleFactory(headline="Judul Lama")
    assert "Judul Lama" in client.get(article.get_absolute_url()).content.decode()

    article.headline = "Judul Baru"
    article.save()

    assert "Judul Baru" in client.get(article.get_absolute_url()).content.decode()


def test_etag_answers_304(client, media_root):
    edition = published_edition(pages=2)
    first = client.get(edition.get_absolute_url())

    again = client.get(edition.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert "public" in first["Cache-Control"]


def test_languages_are_cached_apart(client, media_root):
    edition = published_edition(pages=2)
    url = edition.get_absolute_url()
    client.get(url)

    english = client.get("/en" + url).content.decode()

    assert "Stories on this page" in english
