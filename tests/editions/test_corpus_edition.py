"""The real corpus goes through the product: import, compose by plan, build, publish, read."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from editions.models import Build, Edition

from .helpers import flat, pdf_path, pdf_text, pdfium_text


@pytest.fixture(scope="module")
def corpus_edition(django_db_setup, django_db_blocker, tmp_path_factory):
    """The corpus edition, imported, composed and built once for the tests of this module."""
    from django.test import override_settings

    from tests.conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}; these tests read its articles and photos")
    media = tmp_path_factory.mktemp("corpus-media")
    with override_settings(MEDIA_ROOT=str(media)), django_db_blocker.unblock():
        out = StringIO()
        call_command("import_ninjs", *map(str, sorted((CORPUS / "articles").glob("*.json"))), stdout=out)
        call_command("compose_edition", "2026-12-07", "--plan", str(CORPUS / "edition-plan.json"), stdout=out)
        call_command("build_edition", "2026-12-07", "--publish", stdout=out)
        edition = Edition.objects.get(date="2026-12-07")
        yield edition, json.loads((CORPUS / "edition-plan.json").read_text())
        _delete_rows_made_by_the_fixture()


def _delete_rows_made_by_the_fixture():
    """Empty every table the import, composition and build wrote to, so later tests start clean."""
    from django.apps import apps
    from django.db.models import ProtectedError, RestrictedError

    kept = {"contenttypes", "auth", "sessions", "admin"}
    pending = [model for model in apps.get_models()
               if model._meta.app_label not in kept and not model._meta.proxy and model._meta.managed]
    # Protected foreign keys decide the order; retry what could not go yet.
    for _ in range(len(pending)):
        blocked = []
        for model in pending:
            try:
                model.objects.all().delete()
            except (ProtectedError, RestrictedError):
                blocked.append(model)
        if not blocked:
            return
        pending = blocked
    raise RuntimeError(f"could not empty {pending}")


@pytest.mark.slow
@pytest.mark.django_db
def test_corpus_edition_pdf_matches_the_plan(corpus_edition, corpus):
    edition, plan = corpus_edition
    build = edition.live_build

    assert build.status == Build.Status.DONE
    assert edition.status == Edition.Status.PUBLISHED
    assert build.page_count == plan["edition"]["page_count"] == 8
    pages = [flat(text) for text in pdfium_text(pdf_path(build))]
    headlines = {}
    for path in (corpus / "articles").glob("*.json"):
        data = json.loads(path.read_text())
        headlines[data["uri"]] = " ".join(data["headline"].split())
    for page in plan["pages"]:
        text = pages[page["number"] - 1]
        if page["number"] > 1:
            # The front page carries the masthead instead of a page title.
            assert page["title"] in text, page["number"]
        for placement in page["placements"]:
            if placement.get("role") != "continuation":
                assert headlines[placement["uri"]] in text, (page["number"], placement["uri"])
    whole = flat(pdf_text(pdf_path(build)))
    assert "Bersambung ke halaman 7" in pages[5]
    assert "Sambungan dari halaman 6" in pages[6]
    assert "Senin, 7 Desember 2026" in pages[0]


@pytest.mark.slow
@pytest.mark.django_db
def test_corpus_edition_is_readable_on_the_site(corpus_edition, client):
    edition, plan = corpus_edition

    home = client.get("/")
    page = client.get(f"/edisi/2026-12-07/halaman/6/")
    pdf = client.get(f"/edisi/2026-12-07/unduh/koran-digital-paser-2026-12-07.pdf")

    assert home.status_code == 200
    assert "Senin, 7 Desember 2026" in home.content.decode()
    assert page.status_code == 200
    assert "Membaca Bintang" in page.content.decode()
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="koran-digital-paser-2026-12-07.pdf"' in pdf["Content-Disposition"]


@pytest.mark.slow
@pytest.mark.django_db
def test_every_corpus_article_is_in_the_pdf_word_for_word(corpus_edition):
    from articles.models import Article

    from .pdfcheck import article_tokens, build_files, check_words

    edition, _ = corpus_edition
    pdf, layout = build_files(edition.live_build)
    placed = {item["id"] for page in layout["pages"] for item in page["articles"]}
    problems = {}
    for article in Article.objects.filter(pk__in=placed).select_related("feature_photo"):
        photo = article.feature_photo
        furniture = " ".join([
            article.kicker, article.headline, article.lead, article.byline, article.place, "Oleh", "By", "·",
            photo.caption if photo else "", photo.credit if photo else "", "Foto:", "Photo:",
            "Bersambung ke halaman Sambungan dari halaman Continued on from page 6 7", " ".join(article.kicker),
        ])
        problem = check_words(article_tokens(pdf, layout, article.pk), article.body, furniture)
        if problem:
            problems[article.headline] = problem

    assert problems == {}
