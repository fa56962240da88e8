"""One person edits an article at a time; others see who, and an editor can take over."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom import locks
from newsroom.models import AuditEntry
from tests.factories import ArticleFactory

from .test_admin_forms import article_post

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_opening_the_form_takes_the_lock(editor, writer, client):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)
    client.force_login(editor)

    client.get(change_url(article))

    assert locks.current_lock(article).user == editor


def test_second_editor_sees_who_is_editing_read_only(editor, chief, writer, client):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)
    locks.acquire(article, editor)
    client.force_login(chief)

    html = client.get(change_url(article)).content.decode()

    assert "Budi Santoso" in html
    assert 'id="lock-banner"' in html
    assert 'name="_save"' not in html
    assert reverse("admin:articles_article_take_over", args=[article.pk]) in html
    assert locks.current_lock(article).user == editor


def test_writer_sees_the_lock_but_cannot_take_over(editor, writer, client):
    article = ArticleFactory(status=Article.Status.DRAFT, created_by=writer)
    locks.acquire(article, editor)
    client.force_login(writer)

    html = client.get(change_url(article)).content.decode()
    forged = client.post(reverse("admin:articles_article_take_over", args=[article.pk]))

    assert "Budi Santoso" in html
    assert reverse("admin:articles_article_take_over", args=[article.pk]) not in html
    assert forged.status_code == 403
    assert locks.current_lock(article).user == editor


def test_take_over_moves_the_lock_and_is_logged(editor, chief, writer, client):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)
    locks.acquire(article, editor)
    client.force_login(chief)

    response = client.post(reverse("admin:articles_article_take_over", args=[article.pk]))

    assert response.status_code == 302
    assert locks.current_lock(article).user == chief
    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOCK_TAKEN_OVER)
    assert entry.actor == chief
    assert entry.note == "Budi Santoso"


def test_save_after_take_over_is_refused_and_keeps_the_typed_text(editor, chief, writer, client):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer, headline="Judul Lama")
    client.force_login(editor)
    client.get(change_url(article))
    locks.take_over(article, chief)

    response = client.post(change_url(article), article_post(article, headline="Judul Baru dari Budi"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Siti Rahmawati" in html
    assert "Judul Baru dari Budi" in html
    article.refresh_from_db()
    assert article.headline == "Judul Lama"


def test_heartbeat_reports_a_take_over(editor, chief, writer, client):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)
    locks.acquire(article, editor)
    locks.take_over(article, chief)
    client.force_login(editor)

    state = client.post(reverse("admin:articles_article_lock", args=[article.pk]), {"action": "heartbeat"}).json()

    assert state == {"mine": False, "holder": "Siti Rahmawati", "since": state["since"]}


def test_leaving_the_page_releases_the_lock(editor, writer, client):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)
    locks.acquire(article, editor)
    client.force_login(editor)

    client.post(reverse("admin:articles_article_lock", args=[article.pk]), {"action": "release"})

    assert locks.current_lock(article) is None


def test_lock_without_heartbeat_expires(editor, chief, writer):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)
    locks.acquire(article, editor)

    with time_machine.travel(timezone.now() + locks.LOCK_TIMEOUT + timedelta(seconds=1)):
        assert locks.current_lock(article) is None
        assert locks.acquire(article, chief).user == chief


def test_list_shows_who_is_editing(editor, chief, writer, client):
    article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)
    locks.acquire(article, editor)
    client.force_login(chief)

    html = client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "budi" in html
