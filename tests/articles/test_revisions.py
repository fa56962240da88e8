"""Revisions: compare two saves word by word, restore one as a new revision."""

import pytest
from django.urls import reverse

from articles import revisions, workflow
from articles.models import Article
from newsroom import locks
from newsroom.models import AuditEntry
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def saved(article, user, **changes):
    for name, value in changes.items():
        setattr(article, name, value)
    revisions.save_with_revision(article, user, "test")
    return revisions.versions_of(article).first()


def test_compare_marks_removed_and_added_words(editor):
    article = ArticleFactory(status=Article.Status.SUBMITTED, headline="Jembatan Selesai Maret",
                             body="<p>Jembatan dibangun dengan dana Rp 15 miliar.</p><p>Paragraf tetap.</p>")
    first = saved(article, editor)
    second = saved(article, editor, headline="Jembatan Selesai April",
                   body="<p>Jembatan dibangun dengan dana Rp 1,5 miliar.</p><p>Paragraf tetap.</p>")

    diffs = {diff.label: str(diff.html) for diff in revisions.compare(first, second)}

    assert set(diffs) == {"Judul", "Isi berita"}
    headline = diffs["Judul"]
    body = diffs["Isi berita"]
    assert "<del>Maret</del>" in headline
    assert "<ins>April</ins>" in headline
    assert "<del>15</del>" in body
    assert "<ins>1,5</ins>" in body
    assert '<p class="diff-same">Paragraf tetap.</p>' in body


def test_compare_escapes_markup_typed_as_text(editor):
    article = ArticleFactory(headline="Judul")
    first = saved(article, editor)
    second = saved(article, editor, headline="Judul <script>alert(1)</script>")

    html = str(revisions.compare(first, second)[0].html)

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_restore_brings_back_content_but_not_status(editor, chief, writer):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer, headline="Versi Asli")
    original = saved(article, writer)
    saved(article, editor, headline="Versi Keliru")
    workflow.apply(article, "approve", editor)

    revisions.restore(article, original, chief)

    article.refresh_from_db()
    assert article.headline == "Versi Asli"
    assert article.status == Article.Status.APPROVED
    assert revisions.versions_of(article).count() == 4
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RESTORED, actor=chief).exists()


def test_revisions_page_compares_and_restores(editor, writer, client):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer, headline="Versi Asli")
    original = saved(article, writer)
    latest = saved(article, writer, headline="Versi Kedua")
    client.force_login(editor)
    url = reverse("admin:articles_article_revisions", args=[article.pk])

    page = client.get(url, {"from": original.pk, "to": latest.pk})
    response = client.post(reverse("admin:articles_article_restore", args=[article.pk, original.pk]))

    html = page.content.decode()
    assert "<del>Asli</del>" in html
    assert "<ins>Kedua</ins>" in html
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Versi Asli"


def test_writer_cannot_restore(writer, client):
    article = ArticleFactory(status=Article.Status.DRAFT, created_by=writer, headline="Versi Asli")
    original = saved(article, writer)
    saved(article, writer, headline="Versi Kedua")
    client.force_login(writer)

    response = client.post(reverse("admin:articles_article_restore", args=[article.pk, original.pk]))

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Versi Kedua"


def test_restore_waits_for_the_person_editing(editor, chief, writer, client):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer, headline="Versi Asli")
    original = saved(article, writer)
    saved(article, writer, headline="Versi Kedua")
    locks.acquire(article, chief)
    client.force_login(editor)

    response = client.post(reverse("admin:articles_article_restore", args=[article.pk, original.pk]), follow=True)

    assert "Siti Rahmawati" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Versi Kedua"


def test_restoring_a_published_article_needs_a_correction_note(editor, client):
    article = ArticleFactory(status=Article.Status.PUBLISHED, headline="Versi Asli")
    original = saved(article, editor)
    saved(article, editor, headline="Versi Keliru")
    client.force_login(editor)
    url = reverse("admin:articles_article_restore", args=[article.pk, original.pk])

    refused = client.post(url)
    article.refresh_from_db()
    headline_after_refusal = article.headline
    client.post(url, {"correction_note": "Judul dikembalikan ke versi yang benar."})

    article.refresh_from_db()
    assert headline_after_refusal == "Versi Keliru"
    assert refused.status_code == 302
    assert article.headline == "Versi Asli"
    assert article.corrections.get().note == "Judul dikembalikan ke versi yang benar."


def test_revision_of_another_article_is_not_found(editor, client):
    article = ArticleFactory()
    other = ArticleFactory()
    version = saved(other, editor)
    client.force_login(editor)

    response = client.post(reverse("admin:articles_article_restore", args=[article.pk, version.pk]))

    assert response.status_code == 404
