"""Importing IPTC ninjs: the corpus goes in, bad files are reported by name and reason."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.importers.ninjs import import_file
from articles.models import Article, Photo, Section

GOOD = {
    "uri": "urn:test:paser:1",
    "type": "text",
    "versioncreated": "2026-12-05T09:00:00+08:00",
    "firstcreated": "2026-12-05T08:00:00+08:00",
    "pubstatus": "usable",
    "slugline": "JALAN DESA",
    "headline": "Jalan Desa Selesai Dibangun",
    "description_text": "Warga kini bisa ke pasar.",
    "byline": "Tim Redaksi",
    "located": "Tana Paser",
    "subject": [{"scheme": "section", "code": "infrastruktur", "name": "Infrastruktur"}],
    "body_html": "<p>Isi berita.</p><script>alert(1)</script>",
}


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_import_maps_ninjs_fields(tmp_path, media_root):
    result = import_file(write(tmp_path, "a.json", GOOD))

    article = result.article
    assert result.outcome == "created"
    assert (article.kicker, article.headline, article.lead, article.byline, article.place) == (
        "JALAN DESA", "Jalan Desa Selesai Dibangun", "Warga kini bisa ke pasar.", "Tim Redaksi", "Tana Paser")
    assert article.section.slug == "infrastruktur"
    assert article.status == Article.Status.PUBLISHED
    article.refresh_from_db()
    assert article.published_at.isoformat() == "2026-12-05T00:00:00+00:00"
    assert "<script" not in article.body


@pytest.mark.django_db
def test_import_is_idempotent_by_uri(tmp_path, media_root):
    path = write(tmp_path, "a.json", GOOD)
    import_file(path)

    again = import_file(path)
    changed = import_file(write(tmp_path, "b.json", {**GOOD, "headline": "Judul Baru", "versioncreated": "2026-12-06T09:00:00+08:00"}))

    assert again.outcome == "unchanged"
    assert changed.outcome == "updated"
    assert Article.objects.count() == 1
    assert Article.objects.get().headline == "Judul Baru"


@pytest.mark.django_db
@pytest.mark.parametrize("content,reason", [
    ("{not json", "JSON"),
    ("[1, 2]", "ninjs"),
    ({**GOOD, "uri": ""}, "uri"),
    ({**GOOD, "headline": ""}, "headline"),
    ({**GOOD, "body_html": ""}, "body_html"),
    ({**GOOD, "subject": []}, "section"),
    ({**GOOD, "versioncreated": "kemarin"}, "versioncreated"),
    ({**GOOD, "type": "picture"}, "picture"),
    ({**GOOD, "headline": "x" * 300}, "300"),
])
def test_bad_file_is_reported_with_reason(tmp_path, media_root, content, reason):
    result = import_file(write(tmp_path, "rusak.json", content))

    assert result.outcome == "failed"
    assert reason in result.message
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_command_imports_good_files_and_names_bad_ones(tmp_path, media_root):
    good = write(tmp_path, "baik.json", GOOD)
    bad = write(tmp_path, "rusak.json", "{")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError):
        call_command("import_ninjs", str(bad), str(good), stdout=out, stderr=err)

    assert Article.objects.filter(source_uri="urn:test:paser:1").exists()
    assert "rusak.json" in err.getvalue()
    assert "JSON" in err.getvalue()


@pytest.mark.django_db
def test_feature_image_outside_allowed_folder_is_not_read(tmp_path, media_root):
    data = {**GOOD, "associations": {"featureimage": {"uri": "urn:test:img", "renditions": {"original": {"href": "/etc/passwd"}}}}}

    result = import_file(write(tmp_path, "a.json", data), photo_root=tmp_path)

    assert result.outcome == "created"
    assert result.article.feature_photo is None
    assert result.warnings


@pytest.mark.django_db
def test_remote_feature_image_is_not_downloaded(tmp_path, media_root):
    data = {**GOOD, "associations": {"featureimage": {"renditions": {"original": {"href": "http://169.254.169.254/x.jpg"}}}}}

    result = import_file(write(tmp_path, "a.json", data), photo_root=tmp_path)

    assert result.article.feature_photo is None
    assert "169.254.169.254" in result.warnings[0]


@pytest.mark.django_db
def test_corpus_imports_every_article_with_its_photo(corpus, media_root):
    paths = sorted((corpus / "articles").glob("*.json"))
    out = StringIO()

    call_command("import_ninjs", *map(str, paths), stdout=out)

    assert Article.objects.count() == 16
    assert Photo.objects.count() == 10
    assert Section.objects.count() == 9
    lead = Article.objects.get(source_uri="urn:corpus:paser:2026:001")
    assert (lead.feature_photo.width, lead.feature_photo.height) == (4000, 2661)
    assert lead.feature_photo.credit == "Stefan van der Walt (CC0)"
    word = Article.objects.get(source_uri="urn:corpus:paser:2026:006")
    assert "mso-" not in word.body and "<o:p" not in word.body
    call_command("import_ninjs", *map(str, paths), stdout=out)
    assert Article.objects.count() == 16
    assert Photo.objects.count() == 10
