"""The PDF renderer reads only the product's own media, static and font files."""

import socket
from pathlib import Path

import pikepdf
import pytest

from articles.models import Article
from editions.models import Build
from editions.rendering.fetcher import RefusedURL, RestrictedFetcher
from tests.factories import edition_with_stories

from .helpers import build_now, flat, pdf_path, pdf_text


@pytest.fixture
def roots(tmp_path):
    media = tmp_path / "media"
    static = tmp_path / "static"
    (media / "photos").mkdir(parents=True)
    static.mkdir()
    (media / "photos" / "a.jpg").write_bytes(b"jpeg")
    (static / "site.css").write_text("p{}")
    (tmp_path / "secret.txt").write_text("rahasia")
    return {"media": media, "static": static, "outside": tmp_path / "secret.txt"}


@pytest.fixture
def fetcher(roots):
    return RestrictedFetcher("http://testserver", {"/media/": [roots["media"]], "/static/": [roots["static"]]})


def test_own_media_and_static_files_are_served(fetcher, roots):
    assert fetcher.resolve("http://testserver/media/photos/a.jpg") == (roots["media"] / "photos" / "a.jpg").resolve()
    assert fetcher.resolve("http://testserver/static/site.css") == (roots["static"] / "site.css").resolve()
    assert fetcher.resolve((roots["media"] / "photos" / "a.jpg").as_uri()).name == "a.jpg"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:6379/",
    "http://testserver:6379/media/photos/a.jpg",
    "https://example.org/media/photos/a.jpg",
    "http://testserver/media/../../secret.txt",
    "http://testserver/media/%2e%2e/%2e%2e/secret.txt",
    "http://testserver/settings.py",
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
    "ftp://testserver/media/photos/a.jpg",
    "file://otherhost/etc/passwd",
])
def test_everything_else_is_refused(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.resolve(url)


def test_symlink_out_of_media_is_refused(fetcher, roots):
    (roots["media"] / "link.txt").symlink_to(roots["outside"])

    with pytest.raises(RefusedURL):
        fetcher.resolve("http://testserver/media/link.txt")


def test_refused_fetch_is_logged_and_recorded(fetcher, caplog):
    with pytest.raises(RefusedURL):
        fetcher.fetch("file:///etc/passwd")

    assert fetcher.refused == ["file:///etc/passwd"]
    assert "file:///etc/passwd" in caplog.text


HOSTILE_BODY = """
<p>Isi berita yang aman tetap tampil di PDF.</p>
<img src="file:///etc/passwd" alt="passwd">
<img src="http://169.254.169.254/latest/meta-data/" alt="metadata">
<img src="http://127.0.0.1:6379/" alt="redis">
<img src="/media/../../settings.py" alt="settings">
<p style="background: url('file:///etc/hostname')">latar</p>
<div style="background-image: url(http://127.0.0.1:6379/)">redis lagi</div>
<a rel="attachment" href="file:///etc/passwd">lampiran</a>
<link rel="stylesheet" href="http://127.0.0.1:6379/evil.css">
"""


@pytest.mark.slow
@pytest.mark.django_db
def test_build_with_hostile_references_finishes_and_leaks_nothing(media_root, monkeypatch):
    edition = edition_with_stories(((1,),))
    article = Article.objects.get(placements__page__edition=edition)
    # Straight into the database, past the sanitiser, as a damaged or older row could be.
    Article.objects.filter(pk=article.pk).update(body=HOSTILE_BODY)
    connections = []

    def refuse_connect(self, address):
        connections.append(address)
        raise OSError("tests forbid network connections")

    monkeypatch.setattr(socket.socket, "connect", refuse_connect)

    build = build_now(edition)

    assert build.status == Build.Status.DONE, build.error_detail
    assert connections == []
    text = flat(pdf_text(pdf_path(build)))
    assert "Isi berita yang aman tetap tampil di PDF." in text
    assert "root:x:0" not in text
    assert Path("/etc/hostname").read_text().strip() not in text
    with pikepdf.open(pdf_path(build)) as pdf:
        assert len(pdf.attachments) == 0
    refused = [warning for warning in build.warnings if warning["code"] == "reference_refused"]
    assert {warning["url"] for warning in refused} >= {"file:///etc/passwd", "http://169.254.169.254/latest/meta-data/",
                                                        "http://127.0.0.1:6379/", "/media/../../settings.py"}
    assert all(warning["headline"] == article.headline for warning in refused)
