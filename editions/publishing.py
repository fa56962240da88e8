"""Publishing an edition from the newsroom: the admin buttons and the schedule call these.

They add the newsroom's rules around building.py, which stays the one
place that builds and flips the status:

- an edition with unapproved articles is not published;
- an edition whose pages or articles changed since its last build is built
  again first;
- the approved articles in an edition are published with it;
- each step is recorded in the activity log.
"""

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import workflow
from articles.models import Article
from newsroom import audit

from . import building, checks
from .models import Build, Edition

logger = logging.getLogger(__name__)


# How a publication came about, as written in the activity log.
VIA_NOTES = {
    "admin": "",
    "schedule": gettext_lazy("at the scheduled time"),
    "build": gettext_lazy("when the requested build finished"),
}


class PublishBlocked(Exception):
    """The edition cannot go public yet; the message lists why and what to do."""


@dataclass(frozen=True)
class PublishOutcome:
    # "published": public now; "building": public when the build finishes;
    # "already": it was public before.
    state: str
    build: Build | None = None


def needs_build(edition: Edition) -> bool:
    """Return True when the edition has no finished build, or its pages or articles changed after it started."""
    live = edition.live_build
    if live is None:
        return True
    started = live.started_at or live.requested_at
    if edition.composed_at and edition.composed_at > started:
        return True
    return Article.objects.filter(placements__page__edition=edition, updated_at__gt=started).exists()


def blockers_message(problems) -> str:
    return _("The edition was not published: %(problems)s") % {"problems": " ".join(p.message for p in problems)}


def request_build(edition: Edition, user, *, publish: bool = False) -> Build:
    """Queue a build of ``edition`` (reusing a queued one) and record it in the activity log."""
    building.fail_stalled_builds()
    rebuild = edition.builds.filter(status=Build.Status.DONE).exists()
    build = building.request_build(edition, user=user, publish=publish)
    audit.record(user, audit.Action.REBUILT if rebuild else audit.Action.BUILT, edition, build=build.pk, publish=publish)
    return build


def publish(edition: Edition, user, *, via: str = "admin") -> PublishOutcome:
    """Publish ``edition`` now, or build it and publish it when the build is done.

    Raises PublishBlocked when an article in it is not approved or it has
    no pages. Calling it again while a build runs, or after publication,
    creates no second build and no second publication.
    """
    problems = checks.publication_blockers(edition)
    if problems:
        raise PublishBlocked(blockers_message(problems))

    with transaction.atomic():
        locked = Edition.objects.select_for_update(of=("self",)).select_related("live_build").get(pk=edition.pk)
        if locked.is_published:
            logger.info("edition already published edition=%s via=%s", locked.pk, via)
            return PublishOutcome("already")
        Edition.objects.filter(pk=locked.pk).update(publish_error="")
        if needs_build(locked):
            running = locked.builds.filter(status=Build.Status.BUILDING).order_by("-requested_at").first()
            if running is not None:
                # The running build publishes when done (see signals.publish_when_built).
                Build.objects.filter(pk=running.pk).update(publish_when_done=True)
                logger.info("edition will be published by running build edition=%s build=%s", locked.pk, running.pk)
                return PublishOutcome("building", running)
            build = request_build(locked, user, publish=True)
            logger.info("edition will be published after build edition=%s build=%s via=%s", locked.pk, build.pk, via)
            return PublishOutcome("building", build)
        building.publish_edition(locked, user=user)
        after_publication(locked, user, via=via)
    edition.refresh_from_db()
    return PublishOutcome("published")


def after_publication(edition: Edition, user, *, via: str) -> None:
    """Publish the edition's approved articles and record the publication."""
    articles = Article.objects.filter(placements__page__edition=edition, status=Article.Status.APPROVED).distinct()
    count = workflow.publish_with_edition(list(articles), edition, user)
    audit.record(user, audit.Action.PUBLISHED, edition, note=str(VIA_NOTES.get(via, "")), via=via,
                 articles_published=count)
    logger.info("edition published edition=%s via=%s articles_published=%s user=%s",
                edition.pk, via, count, getattr(user, "pk", None))


def unpublish(edition: Edition, user, reason: str = "") -> None:
    building.unpublish_edition(edition, user=user)
    audit.record(user, audit.Action.UNPUBLISHED, edition, note=reason)


def stop_unreviewed_publication(edition: Edition, problems) -> None:
    """Take back a publication that a build made while an article was unapproved.

    Runs inside the transaction that published, so readers never see it.
    """
    message = blockers_message(problems)
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.DRAFT, published_at=None, publish_error=message)
    edition.status, edition.published_at, edition.publish_error = Edition.Status.DRAFT, None, message
    audit.record(None, audit.Action.SCHEDULE_FAILED, edition, note=message)
    logger.error("edition publication stopped edition=%s reason=%s", edition.pk, message)


def publish_when_built(edition: Edition, update_fields) -> None:
    """Finish a publication requested for a build, once building.py made that build the live one.

    Covers the build that published itself (its publish flag was set when
    it started) and the one whose flag was set while it ran, which
    building.py read too early to see.
    """
    build = Build.objects.filter(pk=edition.live_build_id).values("publish_when_done", "requested_by").first()
    if build is None or not build["publish_when_done"]:
        return
    just_published = "status" in update_fields and edition.status == Edition.Status.PUBLISHED
    if edition.status != Edition.Status.PUBLISHED:
        now = timezone.now()
        just_published = bool(
            Edition.objects.filter(pk=edition.pk, status=Edition.Status.DRAFT)
            .update(status=Edition.Status.PUBLISHED, published_at=now)
        )
        edition.status, edition.published_at = Edition.Status.PUBLISHED, now
    if not just_published:
        return
    problems = checks.publication_blockers(edition)
    if problems:
        stop_unreviewed_publication(edition, problems)
        return
    user = get_user_model().objects.filter(pk=build["requested_by"]).first()
    try:
        # A savepoint, so a failure here never undoes the finished build.
        with transaction.atomic():
            after_publication(edition, user, via="build")
    except DatabaseError:
        logger.exception("publishing the articles of an edition failed edition=%s", edition.pk)
