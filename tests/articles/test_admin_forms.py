"""Saving articles through the admin: owner, revisions, corrections on published articles."""

import pytest
from django.urls import reverse

from articles.models import Article, Correction
from articles.revisions import versions_of
from newsroom.models import AuditEntry
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def article_post(article, **changes):
    """The change form's fields for ``article``, with ``changes`` applied."""
    data = {
        "section": article.section_id, "kicker": article.kicker, "headline": article.headline,
        "lead": article.lead, "body": article.body, "byline": article.byline, "place": article.place,
        "slug": article.slug, "feature_photo": "", "photos": [],
    }
    data.update(changes)
    return data


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_every_save_keeps_a_revision(editor, writer, client):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)
    client.force_login(editor)

    client.post(change_url(article), article_post(article, headline="Versi Kedua"))
    client.post(change_url(article), article_post(article, headline="Versi Ketiga"))

    versions = list(versions_of(article))
    assert [v.field_dict["headline"] for v in versions] == ["Versi Ketiga", "Versi Kedua"]
    assert versions[0].revision.user == editor
    assert versions[0].revision.get_comment() == "Disunting: Judul"


def test_save_and_submit_submits_the_draft(writer, client):
    article = ArticleFactory(status=Article.Status.DRAFT, created_by=writer)
    client.force_login(writer)

    response = client.post(change_url(article), {**article_post(article, headline="Siap Diperiksa"), "_submit": "1"})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Siap Diperiksa"
    assert article.status == Article.Status.SUBMITTED


def test_correcting_a_published_article_needs_a_note(editor, client):
    article = ArticleFactory(status=Article.Status.PUBLISHED, headline="Anggaran Rp 15 Miliar")
    client.force_login(editor)

    response = client.post(change_url(article), article_post(article, headline="Anggaran Rp 1,5 Miliar"))

    assert response.status_code == 200
    assert "correction_note" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.headline == "Anggaran Rp 15 Miliar"


def test_correction_is_stored_dated_and_keeps_the_address(editor, client):
    article = ArticleFactory(status=Article.Status.PUBLISHED, headline="Anggaran Rp 15 Miliar")
    address = article.get_absolute_url()
    client.force_login(editor)

    client.post(change_url(article), article_post(
        article, headline="Anggaran Rp 1,5 Miliar",
        correction_note="Versi sebelumnya menyebut Rp 15 miliar; yang benar Rp 1,5 miliar.",
    ))

    article.refresh_from_db()
    assert article.headline == "Anggaran Rp 1,5 Miliar"
    assert article.get_absolute_url() == address
    correction = Correction.objects.get(article=article)
    assert correction.corrected_by == editor
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CORRECTED, object_id=str(article.pk)).exists()


def test_minor_fix_needs_no_note(editor, client):
    article = ArticleFactory(status=Article.Status.PUBLISHED, headline="Bupati Resmikan Jembtan")
    client.force_login(editor)

    client.post(change_url(article), article_post(article, headline="Bupati Resmikan Jembatan", minor_fix="on"))

    article.refresh_from_db()
    assert article.headline == "Bupati Resmikan Jembatan"
    assert not article.corrections.exists()


def test_public_page_shows_the_dated_correction(editor, client):
    article = ArticleFactory(status=Article.Status.PUBLISHED, headline="Anggaran Rp 15 Miliar")
    client.force_login(editor)
    client.post(change_url(article), article_post(
        article, headline="Anggaran Rp 1,5 Miliar", correction_note="Angka anggaran diperbaiki menjadi Rp 1,5 miliar.",
    ))
    client.logout()

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Angka anggaran diperbaiki menjadi Rp 1,5 miliar." in html
    assert 'class="article-corrections"' in html
    assert "<time" in html
