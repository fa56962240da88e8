"""Scheduled publication: an edition carries its publication time, a periodic task publishes it.

Celery beat runs ``publish_due_editions`` every minute
(CELERY_BEAT_SCHEDULE). Each due edition is claimed with a row lock that
other workers skip (``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL),
and its schedule is cleared in the same transaction that publishes it or
queues its build. So two beat ticks, two workers, or a worker that retries
publish an edition exactly once. A schedule that cannot be carried out
(an article is not approved) is cleared too, with the reason kept on the
edition where the editors see it.
"""

import logging

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from newsroom import audit

from . import publishing
from .models import Edition

logger = logging.getLogger(__name__)


class ScheduleError(Exception):
    """A publication time that cannot be set; the message gives the reason and the next step."""


def _local(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "l, j F Y H.i")


def schedule(edition: Edition, when, user) -> Edition:
    """Set ``edition`` to publish itself at ``when`` and record who did it."""
    if edition.is_published:
        raise ScheduleError(_("The edition is already published, so it cannot be scheduled."))
    if when <= timezone.now():
        raise ScheduleError(
            _("%(time)s WITA has already passed. Choose a later time, or publish the edition now.") % {"time": _local(when)}
        )
    Edition.objects.filter(pk=edition.pk).update(
        scheduled_at=when, scheduled_by=user, publish_error="", updated_at=timezone.now()
    )
    edition.refresh_from_db()
    audit.record(user, audit.Action.SCHEDULED, edition, note=_local(when) + " WITA", at=when.isoformat())
    logger.info("edition scheduled edition=%s at=%s user=%s", edition.pk, when.isoformat(), getattr(user, "pk", None))
    return edition


def unschedule(edition: Edition, user) -> Edition:
    if edition.scheduled_at is None:
        return edition
    Edition.objects.filter(pk=edition.pk).update(scheduled_at=None, scheduled_by=None, updated_at=timezone.now())
    audit.record(user, audit.Action.UNSCHEDULED, edition, note=_local(edition.scheduled_at) + " WITA")
    logger.info("edition schedule cancelled edition=%s user=%s", edition.pk, getattr(user, "pk", None))
    edition.refresh_from_db()
    return edition


def publish_due_editions(now=None) -> list[int]:
    """Publish, or build for publication, every draft edition whose time has come; return their ids."""
    now = now or timezone.now()
    due = list(
        Edition.objects.filter(status=Edition.Status.DRAFT, scheduled_at__lte=now)
        .order_by("scheduled_at")
        .values_list("pk", flat=True)
    )
    handled = [edition_id for edition_id in due if publish_scheduled(edition_id, now)]
    if due:
        logger.info("scheduled publication check due=%s handled=%s", len(due), len(handled))
    return handled


def publish_scheduled(edition_id: int, now) -> bool:
    """Carry out the schedule of one edition if it is still due and no other worker holds it.

    Return whether this call carried it out.
    """
    with transaction.atomic():
        edition = (
            Edition.objects.select_for_update(skip_locked=True)
            .filter(pk=edition_id, status=Edition.Status.DRAFT, scheduled_at__lte=now)
            .first()
        )
        if edition is None:
            logger.info("scheduled edition already handled edition=%s", edition_id)
            return False
        scheduled_for = edition.scheduled_at
        Edition.objects.filter(pk=edition.pk).update(scheduled_at=None)
        logger.info("scheduled publication started edition=%s scheduled_for=%s", edition.pk, scheduled_for.isoformat())
        try:
            outcome = publishing.publish(edition, None, via="schedule")
        except publishing.PublishBlocked as blocked:
            message = str(blocked)
            Edition.objects.filter(pk=edition.pk).update(publish_error=message)
            audit.record(None, audit.Action.SCHEDULE_FAILED, edition, note=message)
            logger.error("scheduled publication stopped edition=%s reason=%s", edition.pk, message)
            return True
    logger.info(
        "scheduled publication done edition=%s state=%s build=%s",
        edition_id, outcome.state, outcome.build.pk if outcome.build else None,
    )
    return True
