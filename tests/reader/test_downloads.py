"""PDF downloads: whole edition and single pages, with ranges and caching headers."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from .builds import published_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(media_root):
    return published_edition(pages=2)


def edition_pdf(edition) -> tuple[str, bytes]:
    build = edition.live_build
    url = reverse("reader:download", kwargs={"date": edition.date, "filename": build.pdf_name})
    return url, (Path(settings.MEDIA_ROOT) / build.pdf_path).read_bytes()


def test_first_kilobyte_range(client, edition):
    url, data = edition_pdf(edition)

    response = client.get(url, HTTP_RANGE="bytes=0-1023")

    assert response.status_code == 206
    assert b"".join(response.streaming_content) == data[:1024]
    assert response["Content-Range"] == f"bytes 0-1023/{len(data)}"
    assert response["Content-Length"] == "1024"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "application/pdf"
    assert response["ETag"]
    assert response["Last-Modified"]
    assert response["Content-Disposition"] == f'attachment; filename="{edition.live_build.pdf_name}"'


def test_suffix_range(client, edition):
    url, data = edition_pdf(edition)

    response = client.get(url, HTTP_RANGE="bytes=-500")

    assert response.status_code == 206
    assert b"".join(response.streaming_content) == data[-500:]
    assert response["Content-Range"] == f"bytes {len(data) - 500}-{len(data) - 1}/{len(data)}"
    assert response["Content-Length"] == "500"


def test_range_past_end_is_416(client, edition):
    url, data = edition_pdf(edition)

    response = client.get(url, HTTP_RANGE=f"bytes={len(data) + 10}-")

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(data)}"


def test_whole_file_with_cache_headers(client, edition):
    url, data = edition_pdf(edition)

    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Length"] == str(len(data))
    assert "max-age" in response["Cache-Control"]


def test_matching_etag_is_304(client, edition):
    url, _data = edition_pdf(edition)
    etag = client.get(url)["ETag"]

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_stale_if_range_sends_whole_file(client, edition):
    url, data = edition_pdf(edition)

    response = client.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"old-version"')

    assert response.status_code == 200
    assert response["Content-Length"] == str(len(data))


def test_page_pdf_has_readable_name(client, edition):
    name = f"koran-digital-paser-{edition.date.isoformat()}-hal-02.pdf"
    url = reverse("reader:download-page", kwargs={"date": edition.date, "number": 2, "filename": name})

    response = client.get(url, HTTP_RANGE="bytes=0-99")

    assert response.status_code == 206
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


def test_wrong_file_name_redirects_to_current_one(client, edition):
    url = reverse("reader:download", kwargs={"date": edition.date, "filename": "lama.pdf"})

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].endswith(edition.live_build.pdf_name)
