"""Publishing from the newsroom: approved articles go public with the edition, never twice, never unreviewed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editions import publishing
from editions.models import Build, Edition, Placement
from newsroom.models import AuditEntry

from .newsroom_helpers import edition_of_approved, fake_done_build

pytestmark = pytest.mark.django_db


def queued_builds(callbacks) -> list:
    """The on-commit callbacks that queue a build task (the reader cache adds its own)."""
    return [callback for callback in callbacks if "request_build" in callback.__qualname__]


def finish_like_a_worker(build: Build, *, publish: bool) -> Edition:
    """Make ``build`` the live build the way building.py does at the end of a build."""
    Build.objects.filter(pk=build.pk).update(status=Build.Status.DONE, started_at=timezone.now(),
                                             finished_at=timezone.now())
    edition = Edition.objects.get(pk=build.edition_id)
    edition.live_build = build
    fields = ["live_build", "updated_at"]
    if publish:
        edition.status, edition.published_at = Edition.Status.PUBLISHED, timezone.now()
        fields += ["status", "published_at"]
    edition.save(update_fields=fields)
    edition.refresh_from_db()
    return edition


def test_fresh_build_publishes_at_once(chief, media_root):
    edition = edition_of_approved((2,))
    fake_done_build(edition, media_root)

    outcome = publishing.publish(edition, chief)

    edition.refresh_from_db()
    assert outcome.state == "published"
    assert edition.status == Edition.Status.PUBLISHED
    statuses = set(Article.objects.filter(placements__page__edition=edition).values_list("status", flat=True))
    assert statuses == {Article.Status.PUBLISHED}
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PUBLISHED, content_type__model="edition")
    assert entry.actor == chief


def test_stale_build_is_rebuilt_before_publication(chief, media_root, django_capture_on_commit_callbacks):
    edition = edition_of_approved((1,))
    fake_done_build(edition, media_root)
    article = Placement.objects.get(page__edition=edition).article
    article.lead = "Lead yang diperbarui setelah build."
    article.save()

    with django_capture_on_commit_callbacks(execute=False) as queued:
        outcome = publishing.publish(edition, chief)

    edition.refresh_from_db()
    assert outcome.state == "building"
    assert outcome.build.publish_when_done
    assert len(queued_builds(queued)) == 1
    assert edition.status == Edition.Status.DRAFT


def test_publishing_twice_makes_one_build(chief, django_capture_on_commit_callbacks):
    edition = edition_of_approved((1,))

    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = publishing.publish(edition, chief)
        second = publishing.publish(edition, chief)

    assert first.build == second.build
    assert edition.builds.count() == 1
    assert len(queued_builds(queued)) == 1


def test_publish_during_a_running_build_uses_that_build(chief, django_capture_on_commit_callbacks):
    edition = edition_of_approved((1,))
    running = Build.objects.create(edition=edition, status=Build.Status.BUILDING, started_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=False) as queued:
        outcome = publishing.publish(edition, chief)
    edition = finish_like_a_worker(running, publish=False)

    assert outcome.build == running
    assert not queued_builds(queued)
    assert edition.builds.count() == 1
    assert edition.status == Edition.Status.PUBLISHED
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PUBLISHED, content_type__model="edition").count() == 1


def test_build_that_publishes_also_publishes_the_articles(chief, django_capture_on_commit_callbacks):
    edition = edition_of_approved((2,))
    with django_capture_on_commit_callbacks(execute=False):
        outcome = publishing.publish(edition, chief)

    finish_like_a_worker(outcome.build, publish=True)

    assert not Article.objects.filter(placements__page__edition=edition).exclude(status="published").exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PUBLISHED, content_type__model="edition")
    assert entry.actor == chief
    assert entry.details["via"] == "build"


def test_article_sent_back_stops_publication(chief, editor, django_capture_on_commit_callbacks):
    from articles import workflow

    edition = edition_of_approved((2,))
    with django_capture_on_commit_callbacks(execute=False):
        outcome = publishing.publish(edition, chief)
    article = Placement.objects.filter(page__edition=edition).first().article
    workflow.apply(article, "send_back", editor, "Foto salah orang.")

    edition = finish_like_a_worker(outcome.build, publish=True)

    assert edition.status == Edition.Status.DRAFT
    assert article.headline in edition.publish_error
    assert not Article.objects.filter(placements__page__edition=edition, status="published").exists()


def test_unapproved_article_blocks_publication_with_a_message(chief, client):
    edition = edition_of_approved((2,))
    article = Placement.objects.filter(page__edition=edition).first().article
    article.status = Article.Status.SUBMITTED
    article.save()
    client.force_login(chief)

    response = client.post(reverse("admin:editions_edition_publish", args=[edition.pk]), follow=True)

    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT
    assert not edition.builds.exists()
    assert article.headline in response.content.decode()


def test_unpublish_is_recorded_with_its_reason(chief, client, media_root):
    edition = edition_of_approved((1,))
    fake_done_build(edition, media_root)
    publishing.publish(edition, chief)
    client.force_login(chief)

    client.post(reverse("admin:editions_edition_unpublish", args=[edition.pk]), {"reason": "Salah tanggal."})

    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT
    assert AuditEntry.objects.get(action=AuditEntry.Action.UNPUBLISHED).note == "Salah tanggal."


def test_rebuild_is_recorded_as_rebuilt(editor, client, media_root, django_capture_on_commit_callbacks):
    edition = edition_of_approved((1,))
    fake_done_build(edition, media_root)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("admin:editions_edition_build", args=[edition.pk]))

    assert AuditEntry.objects.filter(action=AuditEntry.Action.REBUILT, actor=editor).exists()


@pytest.mark.slow
def test_real_build_publishes_edition_and_articles(chief, client, media_root, django_capture_on_commit_callbacks):
    edition = edition_of_approved((2,))
    client.force_login(chief)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:editions_edition_publish", args=[edition.pk]))

    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED
    assert edition.live_build.status == Build.Status.DONE
    assert not Article.objects.filter(placements__page__edition=edition).exclude(status="published").exists()
    client.logout()
    assert client.get(edition.get_absolute_url()).status_code == 200
