"""The article workflow: draft -> submitted -> approved -> published, and back to draft with a reason.

Every change of status goes through ``apply``. It locks the article row,
checks that the move starts from the article's current status and that the
person may make it, and records who, when and the note, as an
ArticleTransition, a revision and an activity log entry. Views, admin
buttons and edition publication are doors to this one function.
"""

import logging
from dataclasses import dataclass

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom import audit

from .models import Article, ArticleTransition

logger = logging.getLogger(__name__)

Status = Article.Status


class WorkflowError(Exception):
    """A move the workflow does not allow now; the message gives the reason and the next step."""


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: str
    action: str
    needs_note: bool = False
    # Button style in the admin: "default" for the move forward.
    style: str = ""


TRANSITIONS = {
    transition.name: transition
    for transition in (
        Transition("submit", (Status.DRAFT,), Status.SUBMITTED, gettext_lazy("Submit for review"),
                   audit.Action.SUBMITTED, style="default"),
        Transition("withdraw", (Status.SUBMITTED,), Status.DRAFT, gettext_lazy("Withdraw to draft"),
                   audit.Action.RETURNED, needs_note=True),
        Transition("approve", (Status.SUBMITTED,), Status.APPROVED, gettext_lazy("Approve"),
                   audit.Action.APPROVED, style="default"),
        Transition("send_back", (Status.SUBMITTED, Status.APPROVED), Status.DRAFT,
                   gettext_lazy("Send back to the writer"), audit.Action.RETURNED, needs_note=True),
        Transition("publish", (Status.APPROVED,), Status.PUBLISHED, gettext_lazy("Publish on the website"),
                   audit.Action.PUBLISHED, style="default"),
        Transition("unpublish", (Status.PUBLISHED,), Status.DRAFT, gettext_lazy("Unpublish and return to draft"),
                   audit.Action.UNPUBLISHED, needs_note=True),
    )
}


def is_author(user, article: Article) -> bool:
    return article.created_by_id is not None and article.created_by_id == user.pk


def may(user, article: Article, name: str) -> bool:
    """Return whether ``user``'s role allows the move ``name`` on ``article``, whatever its current status."""
    if not getattr(user, "is_authenticated", False):
        return False
    if name == "submit":
        return user.has_perm("articles.submit_article") and (
            is_author(user, article) or user.has_perm("articles.edit_any_article")
        )
    if name == "withdraw":
        return user.has_perm("articles.submit_article") and is_author(user, article)
    if name in ("approve", "send_back"):
        return user.has_perm("articles.review_article")
    if name in ("publish", "unpublish"):
        return user.has_perm("articles.publish_article")
    return False


def available(user, article: Article) -> list[Transition]:
    """Return the moves ``user`` may make on ``article`` in its current status, for the admin's buttons."""
    return [
        transition
        for transition in TRANSITIONS.values()
        if article.status in transition.sources and may(user, article, transition.name)
        # An editor sending back their own submission would "withdraw" it.
        and not (transition.name == "withdraw" and user.has_perm("articles.review_article"))
    ]


def apply(article: Article, name: str, user, note: str = "", *, check_permission: bool = True) -> ArticleTransition:
    """Move ``article`` along transition ``name`` and record it; return the record.

    Raises PermissionDenied when ``user`` may not make the move, and
    WorkflowError when the article is no longer in a status the move starts
    from or a required reason is missing. ``check_permission`` is False only
    for the system's own moves (publication with an edition).
    """
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise WorkflowError(_("“%(name)s” is not a workflow step.") % {"name": name})
    note = (note or "").strip()

    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if check_permission and not may(user, locked, name):
            raise PermissionDenied(f"user {getattr(user, 'pk', None)} may not {name} article {locked.pk}")
        if locked.status not in transition.sources:
            raise WorkflowError(
                _("“%(headline)s” is now “%(status)s”, so it cannot be moved with “%(step)s”. "
                  "Reload the page to see its current state.")
                % {"headline": locked.headline, "status": locked.get_status_display(), "step": transition.label}
            )
        if transition.needs_note and not note:
            raise WorkflowError(
                _("Write the reason for “%(step)s” in the note field, so the writer knows what to change.")
                % {"step": transition.label}
            )

        previous = locked.status
        locked.status = transition.target
        if transition.target == Status.PUBLISHED and locked.published_at is None:
            locked.published_at = timezone.now()
        with reversion.create_revision():
            locked.save()
            if getattr(user, "is_authenticated", False):
                reversion.set_user(user)
            reversion.set_comment(
                _("Status: %(from)s → %(to)s") % {"from": Status(previous).label, "to": Status(transition.target).label}
                + (f" · {note}" if note else "")
            )
        record = ArticleTransition.objects.create(
            article=locked, from_status=previous, to_status=transition.target,
            actor=user if getattr(user, "is_authenticated", False) else None, note=note,
        )
        audit.record(user, transition.action, locked, note=note, from_status=previous, to_status=transition.target)

    for field in ("status", "published_at", "updated_at", "slug"):
        setattr(article, field, getattr(locked, field))
    logger.info(
        "article moved article=%s transition=%s from=%s to=%s user=%s",
        article.pk, name, previous, transition.target, getattr(user, "pk", None),
    )
    return record


def publish_with_edition(articles, edition, user=None) -> int:
    """Publish the approved ones among ``articles`` because ``edition`` went public; return how many."""
    count = 0
    note = _("Published with %(edition)s") % {"edition": edition}
    for article in articles:
        if article.status != Status.APPROVED:
            continue
        try:
            apply(article, "publish", user, note, check_permission=False)
        except WorkflowError as error:
            # Someone changed its status since the query; it stays as they left it.
            logger.info("article not published with edition article=%s edition=%s reason=%s", article.pk, edition.pk, error)
            continue
        count += 1
    return count
