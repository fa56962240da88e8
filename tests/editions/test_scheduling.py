"""Scheduled publication: a time on the edition, a periodic check, exactly one publication."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editions import scheduling
from editions.models import Build, Edition, Placement
from newsroom.models import AuditEntry

from .newsroom_helpers import edition_of_approved, fake_done_build

WITA = ZoneInfo("Asia/Makassar")
FIVE_AM = datetime(2026, 12, 7, 5, 0, tzinfo=WITA)


def edition_form(edition, **changes):
    data = {"date": edition.date.isoformat(), "number": edition.number, "masthead": edition.masthead,
            "scheduled_at_0": "", "scheduled_at_1": ""}
    data.update(changes)
    return data


def test_beat_schedule_runs_the_check_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["publish-scheduled-editions"]

    assert entry["task"] == "editions.tasks.publish_scheduled_editions"
    assert entry["schedule"].minute == set(range(60))


@pytest.mark.django_db
def test_chief_schedules_from_the_edition_form(chief, client):
    edition = edition_of_approved((1,), date=FIVE_AM.date())
    client.force_login(chief)

    with time_machine.travel(datetime(2026, 12, 6, 21, 0, tzinfo=WITA)):
        response = client.post(reverse("admin:editions_edition_change", args=[edition.pk]),
                               edition_form(edition, scheduled_at_0="2026-12-07", scheduled_at_1="05:00"))

    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.scheduled_at == FIVE_AM
    assert edition.scheduled_by == chief
    assert AuditEntry.objects.get(action=AuditEntry.Action.SCHEDULED).actor == chief


@pytest.mark.django_db
def test_past_time_is_rejected(chief, client):
    edition = edition_of_approved((1,))
    client.force_login(chief)

    with time_machine.travel(datetime(2026, 12, 7, 6, 0, tzinfo=WITA)):
        response = client.post(reverse("admin:editions_edition_change", args=[edition.pk]),
                               edition_form(edition, scheduled_at_0="2026-12-07", scheduled_at_1="05:00"))

    assert response.status_code == 200
    assert "scheduled_at" in response.context["adminform"].form.errors
    edition.refresh_from_db()
    assert edition.scheduled_at is None


@pytest.mark.django_db
def test_editor_cannot_set_the_time(editor, client):
    edition = edition_of_approved((1,))
    client.force_login(editor)

    with time_machine.travel(datetime(2026, 12, 6, 21, 0, tzinfo=WITA)):
        client.post(reverse("admin:editions_edition_change", args=[edition.pk]),
                    edition_form(edition, scheduled_at_0="2026-12-07", scheduled_at_1="05:00"))

    edition.refresh_from_db()
    assert edition.scheduled_at is None


@pytest.mark.django_db
def test_due_edition_is_published_once(chief, media_root):
    edition = edition_of_approved((2,))
    fake_done_build(edition, media_root)
    with time_machine.travel(FIVE_AM - timedelta(hours=8)):
        scheduling.schedule(edition, FIVE_AM, chief)

    with time_machine.travel(FIVE_AM - timedelta(minutes=1)):
        early = scheduling.publish_due_editions()
    with time_machine.travel(FIVE_AM + timedelta(seconds=20)):
        first = scheduling.publish_due_editions()
        second = scheduling.publish_due_editions()

    edition.refresh_from_db()
    assert (early, first, second) == ([], [edition.pk], [])
    assert edition.status == Edition.Status.PUBLISHED
    assert edition.scheduled_at is None
    published = AuditEntry.objects.filter(action=AuditEntry.Action.PUBLISHED, content_type__model="edition")
    assert published.count() == 1
    assert published.get().actor is None
    assert published.get().details["via"] == "schedule"
    assert not Article.objects.filter(placements__page__edition=edition).exclude(status="published").exists()


@pytest.mark.django_db
def test_due_edition_without_build_is_built_first(chief, django_capture_on_commit_callbacks):
    edition = edition_of_approved((1,))
    with time_machine.travel(FIVE_AM - timedelta(hours=1)):
        scheduling.schedule(edition, FIVE_AM, chief)

    with time_machine.travel(FIVE_AM), django_capture_on_commit_callbacks(execute=False):
        scheduling.publish_due_editions()
        scheduling.publish_due_editions()

    build = edition.builds.get()
    assert build.publish_when_done
    assert build.status == Build.Status.QUEUED


@pytest.mark.django_db
def test_schedule_with_unapproved_article_stops_and_says_why(chief, media_root):
    edition = edition_of_approved((2,))
    fake_done_build(edition, media_root)
    with time_machine.travel(FIVE_AM - timedelta(hours=1)):
        scheduling.schedule(edition, FIVE_AM, chief)
    article = Placement.objects.filter(page__edition=edition).first().article
    Article.objects.filter(pk=article.pk).update(status=Article.Status.SUBMITTED)

    with time_machine.travel(FIVE_AM):
        scheduling.publish_due_editions()

    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT
    assert edition.scheduled_at is None
    assert article.headline in edition.publish_error
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SCHEDULE_FAILED).exists()


@pytest.mark.django_db
def test_cancelling_a_schedule_is_recorded(chief):
    edition = edition_of_approved((1,))
    with time_machine.travel(FIVE_AM - timedelta(hours=1)):
        scheduling.schedule(edition, FIVE_AM, chief)
        scheduling.unschedule(edition, chief)

    assert edition.scheduled_at is None
    assert AuditEntry.objects.filter(action=AuditEntry.Action.UNSCHEDULED, actor=chief).exists()


@pytest.mark.django_db
def test_task_publishes_due_editions(chief, media_root):
    from editions.tasks import publish_scheduled_editions

    edition = edition_of_approved((1,))
    fake_done_build(edition, media_root)
    Edition.objects.filter(pk=edition.pk).update(scheduled_at=timezone.now() - timedelta(seconds=5))

    assert publish_scheduled_editions.apply().get() == [edition.pk]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("built", [True, False], ids=["built", "needs-build"])
def test_two_workers_publish_exactly_once(built, chief, media_root, monkeypatch):
    """Two beat ticks race on PostgreSQL: one publication, one build at most."""
    assert connection.vendor == "postgresql"
    queued = []
    monkeypatch.setattr("editions.tasks.build_edition_task.delay", lambda build_id: queued.append(build_id))
    edition = edition_of_approved((2,))
    if built:
        fake_done_build(edition, media_root)
    Edition.objects.filter(pk=edition.pk).update(scheduled_at=timezone.now() - timedelta(seconds=1))
    start = threading.Barrier(2)
    results, errors = [], []

    def worker():
        from django.db import connection as thread_connection

        try:
            start.wait(timeout=10)
            results.append(scheduling.publish_due_editions())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(results, key=len) == [[], [edition.pk]]
    edition.refresh_from_db()
    assert edition.scheduled_at is None
    if built:
        assert edition.status == Edition.Status.PUBLISHED
        assert AuditEntry.objects.filter(action=AuditEntry.Action.PUBLISHED, content_type__model="edition").count() == 1
        assert edition.builds.count() == 1
    else:
        assert edition.builds.count() == 1
        assert queued == [edition.builds.get().pk]
