"""The edition composer: pages as a list, approved articles added to them, order, roles, lead and template.

The composer page posts every page and placement as ordinary form fields
(``page-<id>-title``, ``page-<id>-lead`` with the lead article's id,
``placement-<id>-page``, ``placement-<id>-position``, ``add-<article id>-page``
and so on). Drag and drop only fills those fields in, so the same form
works from a test or a browser without script. ``apply`` checks the whole
post first and changes nothing when any part of it is wrong.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from layout.templates import available_templates
from newsroom import audit

from .models import Edition, Page, Placement

logger = logging.getLogger(__name__)

# Roles a placement can be given in the composer; the lead is chosen per page.
PLACEMENT_ROLES = [Placement.Role.SECONDARY, Placement.Role.BRIEF, Placement.Role.CONTINUATION, Placement.Role.TEASER]
MAX_PAGES = 48


class CompositionInvalid(Exception):
    """Raised when the posted composition cannot be saved; ``messages`` list what to fix."""

    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass
class _PlannedPlacement:
    article_id: int
    page_id: int
    position: float
    role: str
    continues_on: int | None
    placement_id: int | None = None


@dataclass
class _Plan:
    pages: dict[int, dict] = field(default_factory=dict)
    placements: list[_PlannedPlacement] = field(default_factory=list)
    deleted_pages: set[int] = field(default_factory=set)


def available_articles(edition: Edition):
    """Articles an editor may add: approved or published, and in no edition yet."""
    in_an_edition = Placement.objects.filter(article=OuterRef("pk"))
    return (
        Article.objects.filter(status__in=[Article.Status.APPROVED, Article.Status.PUBLISHED])
        .exclude(Exists(in_an_edition))
        .select_related("section", "feature_photo")
        .order_by("-status", "section__position", "-updated_at")
    )


def _int(value, message: str, errors: list[str]) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        errors.append(message)
        return None


def _read(edition: Edition, data) -> _Plan:
    errors: list[str] = []
    plan = _Plan()
    pages = {page.pk: page for page in edition.pages.all()}
    templates = available_templates()

    for page in pages.values():
        prefix = f"page-{page.pk}-"
        if data.get(prefix + "delete"):
            plan.deleted_pages.add(page.pk)
            continue
        title = (data.get(prefix + "title", page.title) or "").strip()
        template = data.get(prefix + "template", page.template)
        if not title:
            errors.append(_("Page %(page)s needs a title, such as Pemerintahan.") % {"page": page.number})
        if template not in templates:
            errors.append(_("Page %(page)s: choose one of the page templates in the list.") % {"page": page.number})
        lead = _int(data.get(prefix + "lead"), _("Page %(page)s: the lead story choice is not valid; choose it again.")
                    % {"page": page.number}, errors)
        plan.pages[page.pk] = {"title": title[:80], "template": template, "lead": lead, "number": page.number}

    roles = {str(role) for role in PLACEMENT_ROLES} | {Placement.Role.LEAD}
    placements = Placement.objects.filter(page__edition=edition).select_related("article", "page")
    for placement in placements:
        prefix = f"placement-{placement.pk}-"
        if prefix + "page" not in data:
            # Added by someone else after this page was opened; left as it is.
            target, position, role = placement.page_id, placement.position, placement.role
            continues_on = placement.continues_on
        else:
            target = _int(data.get(prefix + "page"), _("The page chosen for “%(headline)s” is not valid.")
                          % {"headline": placement.article.headline}, errors)
            position = _int(data.get(prefix + "position"), _("The order of “%(headline)s” must be a whole number.")
                            % {"headline": placement.article.headline}, errors) or 0
            role = data.get(prefix + "role", placement.role)
            continues_on = _int(data.get(prefix + "continues_on"), _(
                "“Continues on page” of “%(headline)s” must be a page number or empty."
            ) % {"headline": placement.article.headline}, errors)
        if target is None or target in plan.deleted_pages:
            continue
        if target not in plan.pages:
            errors.append(_("“%(headline)s” was moved to a page that no longer exists. Reload the composer.")
                          % {"headline": placement.article.headline})
            continue
        if role not in roles:
            errors.append(_("“%(headline)s” has an unknown role; choose one from the list.")
                          % {"headline": placement.article.headline})
            continue
        plan.placements.append(_PlannedPlacement(placement.article_id, target, position, role, continues_on, placement.pk))

    addable = {article.pk: article for article in available_articles(edition)}
    for key, value in data.items():
        if not (key.startswith("add-") and key.endswith("-page")) or not value:
            continue
        article_id = _int(key.removeprefix("add-").removesuffix("-page"), _("An added article is not valid."), errors)
        target = _int(value, _("The page chosen for an added article is not valid."), errors)
        if article_id is None or target is None:
            continue
        article = addable.get(article_id)
        if article is None:
            errors.append(_(
                "An article you added is no longer approved or is already in an edition, so it was not added. "
                "Reload the composer to see the current list."
            ))
            continue
        if target not in plan.pages:
            errors.append(_("“%(headline)s” was added to a page that no longer exists.") % {"headline": article.headline})
            continue
        position = _int(data.get(f"add-{article_id}-position"), _("The order of an added article must be a whole number."),
                        errors)
        plan.placements.append(_PlannedPlacement(article_id, target, position if position is not None else 999,
                                                 Placement.Role.SECONDARY, None))

    for page_id, page in plan.pages.items():
        lead = page["lead"]
        on_page = [p for p in plan.placements if p.page_id == page_id]
        if lead is not None and not any(p.article_id == lead for p in on_page):
            # The chosen lead moved to another page: the page keeps no lead.
            lead = None
        for planned in on_page:
            if planned.article_id == lead and planned.role not in (Placement.Role.CONTINUATION, Placement.Role.TEASER):
                planned.role = Placement.Role.LEAD
            elif planned.role == Placement.Role.LEAD and lead is not None:
                planned.role = Placement.Role.SECONDARY
        keys = [(p.article_id, p.role) for p in on_page]
        if len(keys) != len(set(keys)):
            errors.append(_(
                "An article is on page %(page)s twice with the same role. Remove one of them."
            ) % {"page": page["number"]})
    if errors:
        raise CompositionInvalid(errors)
    return plan


@transaction.atomic
def apply(edition: Edition, data, user) -> None:
    """Save a posted composition of ``edition``; raise CompositionInvalid, changing nothing, when it is wrong."""
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    plan = _read(edition, data)

    Page.objects.filter(pk__in=plan.deleted_pages).delete()
    kept = sorted(plan.pages.items(), key=lambda item: item[1]["number"])
    # Page numbers are unique per edition: move them out of the way before renumbering.
    Page.objects.filter(pk__in=plan.pages).update(number=F("number") + 1000)
    for number, (page_id, page) in enumerate(kept, start=1):
        Page.objects.filter(pk=page_id).update(number=number, title=page["title"], template=page["template"])

    # Placements are written afresh: moving them one by one could meet the
    # unique (page, article, role) rule half-way through a swap.
    Placement.objects.filter(page__edition=edition).delete()
    for page_id in plan.pages:
        on_page = sorted((p for p in plan.placements if p.page_id == page_id), key=lambda p: p.position)
        Placement.objects.bulk_create([
            Placement(page_id=page_id, article_id=planned.article_id, position=position, role=planned.role,
                      continues_on=planned.continues_on)
            for position, planned in enumerate(on_page)
        ])
    Edition.objects.filter(pk=edition.pk).update(composed_at=timezone.now())
    audit.record(user, audit.Action.COMPOSED, edition, pages=len(kept), placements=len(plan.placements))
    logger.info("edition composed by hand edition=%s pages=%s placements=%s user=%s",
                edition.pk, len(kept), len(plan.placements), getattr(user, "pk", None))


def add_page(edition: Edition, title: str, template: str, user) -> Page:
    """Append a page to ``edition``; raise CompositionInvalid when the title or template is missing."""
    errors = []
    title = (title or "").strip()
    if not title:
        errors.append(_("Give the new page a title, such as Ekonomi."))
    if template not in available_templates():
        errors.append(_("Choose a page template for the new page."))
    if edition.pages.count() >= MAX_PAGES:
        errors.append(_("An edition can have at most %(count)s pages.") % {"count": MAX_PAGES})
    if errors:
        raise CompositionInvalid(errors)
    with transaction.atomic():
        Edition.objects.select_for_update().filter(pk=edition.pk).first()
        number = (edition.pages.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        page = Page.objects.create(edition=edition, number=number, title=title[:80], template=template)
    audit.record(user, audit.Action.COMPOSED, edition, added_page=number)
    return page
