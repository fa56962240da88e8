"""Each role may do its own work, sees only its own buttons, and is refused (403, logged) for the rest."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article
from editions.models import Edition
from newsroom import roles
from newsroom.models import AuditEntry
from tests.factories import ArticleFactory, edition_with_stories

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def transition_url(article, name):
    return reverse("admin:articles_article_transition", args=[article.pk, name])


def article_post(article, **changes):
    data = {
        "section": article.section_id, "kicker": article.kicker, "headline": article.headline,
        "lead": article.lead, "body": article.body, "byline": article.byline, "place": article.place,
        "slug": article.slug, "feature_photo": "", "photos": [],
    }
    data.update(changes)
    return data


def test_roles_exist_with_their_permissions():
    writer = set(Group.objects.get(name=roles.WRITER).permissions.values_list("codename", flat=True))
    editor = set(Group.objects.get(name=roles.EDITOR).permissions.values_list("codename", flat=True))
    chief = set(Group.objects.get(name=roles.CHIEF_EDITOR).permissions.values_list("codename", flat=True))

    assert {"add_article", "change_article", "submit_article"} <= writer
    assert not writer & {"review_article", "publish_article", "edit_any_article", "compose_edition"}
    assert {"edit_any_article", "review_article", "compose_edition", "build_edition", "take_over_article"} <= editor
    assert not editor & {"publish_edition", "publish_article", "view_auditentry", "change_user"}
    assert {"publish_edition", "publish_article", "view_auditentry", "change_user"} <= chief
    assert writer <= editor <= chief


def test_no_role_needs_superuser(writer, editor, chief):
    assert not any(user.is_superuser for user in (writer, editor, chief))


class TestWriter:
    def test_creates_article_as_its_owner(self, writer, as_user):
        section = ArticleFactory.build().section
        section.save()
        client = as_user(writer)

        response = client.post(reverse("admin:articles_article_add"), {
            "section": section.pk, "headline": "Posyandu Baru di Desa Songka", "body": "<p>Isi berita.</p>",
            "kicker": "", "lead": "", "byline": "", "place": "", "slug": "", "photos": [],
        })

        assert response.status_code == 302
        article = Article.objects.get(headline="Posyandu Baru di Desa Songka")
        assert article.created_by == writer
        assert article.status == Article.Status.DRAFT

    def test_submits_own_draft(self, writer, as_user):
        article = ArticleFactory(status=Article.Status.DRAFT, created_by=writer)

        response = as_user(writer).post(transition_url(article, "submit"))

        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == Article.Status.SUBMITTED

    def test_forged_approve_is_refused_and_logged(self, writer, as_user, caplog):
        article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)

        with caplog.at_level(logging.WARNING, logger="newsroom.middleware"):
            response = as_user(writer).post(transition_url(article, "approve"))

        assert response.status_code == 403
        article.refresh_from_db()
        assert article.status == Article.Status.SUBMITTED
        denied = AuditEntry.objects.get(action=AuditEntry.Action.DENIED)
        assert denied.actor == writer
        assert transition_url(article, "approve") in denied.details["path"]
        assert any("forbidden request refused" in record.getMessage() for record in caplog.records)

    def test_forged_publish_of_article_is_refused(self, writer, as_user):
        article = ArticleFactory(status=Article.Status.APPROVED, created_by=writer)

        response = as_user(writer).post(transition_url(article, "publish"))

        assert response.status_code == 403
        article.refresh_from_db()
        assert article.status == Article.Status.APPROVED

    def test_cannot_change_another_writers_draft(self, writer, other_writer, as_user):
        article = ArticleFactory(status=Article.Status.DRAFT, created_by=other_writer, headline="Asli")

        response = as_user(writer).post(change_url(article), article_post(article, headline="Diubah diam-diam"))

        assert response.status_code == 403
        article.refresh_from_db()
        assert article.headline == "Asli"
        assert AuditEntry.objects.filter(action=AuditEntry.Action.DENIED, actor=writer).exists()

    def test_cannot_change_own_article_once_submitted(self, writer, as_user):
        article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer, headline="Asli")

        page = as_user(writer).get(change_url(article))
        response = as_user(writer).post(change_url(article), article_post(article, headline="Diubah"))

        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.headline == "Asli"

    def test_cannot_delete_another_writers_article(self, writer, other_writer, as_user):
        article = ArticleFactory(status=Article.Status.DRAFT, created_by=other_writer)

        response = as_user(writer).post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})

        assert response.status_code == 403
        assert Article.objects.filter(pk=article.pk).exists()

    def test_bulk_delete_action_is_not_offered(self, writer, other_writer, as_user):
        article = ArticleFactory(status=Article.Status.DRAFT, created_by=other_writer)

        response = as_user(writer).post(reverse("admin:articles_article_changelist"), {
            "action": "delete_selected", "_selected_action": [article.pk], "post": "yes",
        })

        assert response.status_code in (200, 302)
        assert Article.objects.filter(pk=article.pk).exists()

    def test_sees_submit_but_not_review_buttons(self, writer, as_user):
        article = ArticleFactory(status=Article.Status.DRAFT, created_by=writer)

        html = as_user(writer).get(change_url(article)).content.decode()

        assert transition_url(article, "submit") in html
        assert 'name="_submit"' in html
        assert transition_url(article, "approve") not in html
        assert transition_url(article, "publish") not in html

    def test_has_no_access_to_editions(self, writer, as_user):
        edition = edition_with_stories()
        client = as_user(writer)

        assert client.get(reverse("admin:editions_edition_changelist")).status_code == 403
        assert client.post(reverse("admin:editions_edition_publish", args=[edition.pk])).status_code == 403
        assert client.post(reverse("admin:editions_edition_compose", args=[edition.pk]), {}).status_code == 403
        edition.refresh_from_db()
        assert edition.status == Edition.Status.DRAFT


class TestEditor:
    def test_edits_any_writers_article(self, editor, writer, as_user):
        article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)

        response = as_user(editor).post(change_url(article), article_post(article, headline="Judul Diperbaiki Redaktur"))

        assert response.status_code == 302
        article.refresh_from_db()
        assert article.headline == "Judul Diperbaiki Redaktur"
        assert article.status == Article.Status.SUBMITTED

    def test_sends_back_with_a_comment(self, editor, writer, as_user):
        article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)

        response = as_user(editor).post(transition_url(article, "send_back"), {"note": "Tambahkan kutipan camat."})

        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT
        assert article.transitions.get().note == "Tambahkan kutipan camat."

    def test_approves(self, editor, writer, as_user):
        article = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)

        as_user(editor).post(transition_url(article, "approve"))

        article.refresh_from_db()
        assert article.status == Article.Status.APPROVED

    def test_forged_edition_publish_is_refused(self, editor, as_user):
        edition = edition_with_stories()

        response = as_user(editor).post(reverse("admin:editions_edition_publish", args=[edition.pk]))

        assert response.status_code == 403
        edition.refresh_from_db()
        assert edition.status == Edition.Status.DRAFT
        assert not edition.builds.exists()
        assert AuditEntry.objects.filter(action=AuditEntry.Action.DENIED, actor=editor).exists()

    def test_forged_unpublish_is_refused(self, editor, as_user):
        edition = edition_with_stories(status=Edition.Status.PUBLISHED)

        response = as_user(editor).post(reverse("admin:editions_edition_unpublish", args=[edition.pk]))

        assert response.status_code == 403
        edition.refresh_from_db()
        assert edition.status == Edition.Status.PUBLISHED

    def test_publish_action_is_not_offered_in_the_edition_list(self, editor, as_user):
        edition_with_stories()

        html = as_user(editor).get(reverse("admin:editions_edition_changelist")).content.decode()

        assert 'value="build_editions"' in html
        assert 'value="publish_editions"' not in html

    def test_edition_page_shows_build_but_not_publish(self, editor, as_user):
        edition = edition_with_stories()

        html = as_user(editor).get(reverse("admin:editions_edition_change", args=[edition.pk])).content.decode()

        assert reverse("admin:editions_edition_build", args=[edition.pk]) in html
        assert reverse("admin:editions_edition_publish", args=[edition.pk]) not in html

    def test_cannot_read_the_activity_log(self, editor, as_user):
        assert as_user(editor).get(reverse("admin:newsroom_auditentry_changelist")).status_code == 403


class TestChiefEditor:
    def test_edition_page_shows_publish(self, chief, as_user):
        edition = edition_with_stories()

        html = as_user(chief).get(reverse("admin:editions_edition_change", args=[edition.pk])).content.decode()

        assert reverse("admin:editions_edition_publish", args=[edition.pk]) in html

    def test_changes_a_role_and_it_is_logged(self, chief, writer, as_user):
        response = as_user(chief).post(reverse("admin:auth_user_change", args=[writer.pk]), {
            "role": roles.EDITOR, "first_name": "Rina", "last_name": "Lestari", "email": "", "is_active": "on",
        })

        assert response.status_code == 302
        assert roles.role_of(writer) == roles.EDITOR
        entry = AuditEntry.objects.get(action=AuditEntry.Action.ROLE_CHANGED)
        assert entry.actor == chief
        assert entry.details == {"before": roles.WRITER, "after": roles.EDITOR}

    def test_cannot_make_anyone_superuser(self, chief, writer, as_user):
        as_user(chief).post(reverse("admin:auth_user_change", args=[writer.pk]), {
            "role": roles.WRITER, "first_name": "", "last_name": "", "email": "", "is_active": "on",
            "is_superuser": "on", "is_staff": "on",
        })

        writer.refresh_from_db()
        assert not writer.is_superuser

    def test_cannot_open_a_superuser(self, chief, as_user, django_user_model):
        root = django_user_model.objects.create_superuser("root", password="x-very-long-password")

        response = as_user(chief).get(reverse("admin:auth_user_change", args=[root.pk]))

        assert response.status_code == 302  # the admin's "not found" redirect to the list
        assert root.username not in as_user(chief).get(reverse("admin:auth_user_changelist")).content.decode()
