"""Compose an edition: from a plan file, or automatically from published articles.

Both replace the pages of a draft edition for the date, or create the
edition. A published edition is only recomposed when asked explicitly.
"""

import logging
import math
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from articles.models import Article

from .models import Edition, Page, Placement

logger = logging.getLogger(__name__)

# Words an inside A3 page takes comfortably next to photos and headlines.
PAGE_WORD_BUDGET = 1400
# A story longer than this many page budgets gets a continuation page.
LONG_STORY_PAGES = 1.15
STORIES_PER_PAGE = 3
FRONT_SECONDARY = 2
FRONT_TEASERS = 3
PLAN_ROLES = {"lead", "secondary", "brief", "continuation"}


class CompositionError(Exception):
    """A plan or a day that cannot become an edition; the message tells the editor why."""


@dataclass
class PlannedPage:
    number: int
    title: str
    template: str
    placements: list  # (Article, role, continues_on)
    teasers: list  # Article


def _replace_pages(edition: Edition, pages: list[PlannedPage]) -> None:
    edition.pages.all().delete()
    for planned in pages:
        page = Page.objects.create(edition=edition, number=planned.number, title=planned.title[:80], template=planned.template)
        position = 0
        for article, role, continues_on in planned.placements:
            Placement.objects.create(page=page, article=article, role=role, position=position, continues_on=continues_on)
            position += 1
        for article in planned.teasers:
            Placement.objects.create(page=page, article=article, role=Placement.Role.TEASER, position=position)
            position += 1


def _edition_for(day: date, replace: bool) -> Edition:
    edition = Edition.objects.select_for_update().filter(date=day).first()
    if edition is None:
        return Edition.objects.create(date=day, number=Edition.next_number())
    if edition.is_published and not replace:
        raise CompositionError(
            _("The edition of %(date)s is already published. Unpublish it first, or ask to replace it.")
            % {"date": day.isoformat()}
        )
    return edition


def _template_for(number: int, count: int, placements: list) -> str:
    if number == 1:
        return "front"
    roles = {role for _, role, _ in placements}
    if "continuation" in roles or any(continues_on for _, _, continues_on in placements):
        return "feature"
    if number == count and count > 2:
        return "back"
    return "section"


def compose_from_plan(data: dict, *, replace: bool = False) -> Edition:
    """Create or recompose the edition a plan describes; articles are found by their source ``uri``."""
    if not isinstance(data, dict) or not isinstance(data.get("edition"), dict) or not isinstance(data.get("pages"), list):
        raise CompositionError(_("The plan must have an “edition” object and a “pages” list."))
    try:
        day = date.fromisoformat(str(data["edition"].get("date")))
    except ValueError:
        raise CompositionError(
            _("The plan's edition date %(value)r is not a date like 2026-12-07.") % {"value": data["edition"].get("date")}
        ) from None
    pages_data = data["pages"]
    count = data["edition"].get("page_count", len(pages_data))
    numbers = [page.get("number") for page in pages_data if isinstance(page, dict)]
    if count != len(pages_data) or sorted(numbers) != list(range(1, len(pages_data) + 1)):
        raise CompositionError(
            _("The plan's pages must be numbered 1 to %(count)s without gaps; found %(numbers)s.")
            % {"count": count, "numbers": numbers}
        )

    uris = {
        item.get("uri")
        for page in pages_data
        for key in ("placements", "teasers")
        for item in page.get(key, [])
        if isinstance(item, dict)
    }
    articles = {article.source_uri: article for article in Article.objects.filter(source_uri__in=uris)}
    missing = sorted(uri for uri in uris if uri not in articles)
    if missing:
        raise CompositionError(
            _("These articles in the plan have not been imported: %(uris)s. Import them first with import_ninjs.")
            % {"uris": ", ".join(map(str, missing))}
        )

    planned_pages = []
    for page in sorted(pages_data, key=lambda item: item["number"]):
        placements = []
        for item in page.get("placements", []):
            role = item.get("role", "secondary")
            if role not in PLAN_ROLES:
                raise CompositionError(
                    _("Page %(page)s has the unknown role %(role)r; use lead, secondary, brief or continuation.")
                    % {"page": page["number"], "role": role}
                )
            placements.append((articles[item["uri"]], role, item.get("continues_on")))
        teasers = [articles[item["uri"]] for item in page.get("teasers", [])]
        template = page.get("template") or _template_for(page["number"], len(pages_data), placements)
        planned_pages.append(PlannedPage(page["number"], page.get("title") or _("Page %(n)s") % {"n": page["number"]}, template, placements, teasers))

    with transaction.atomic():
        edition = _edition_for(day, replace)
        if data["edition"].get("masthead"):
            edition.masthead = str(data["edition"]["masthead"])[:120]
            edition.save(update_fields=["masthead", "updated_at"])
        _replace_pages(edition, planned_pages)
    logger.info("edition composed from plan edition=%s date=%s pages=%s", edition.pk, day, len(planned_pages))
    return edition


def candidate_articles(day: date):
    """Published articles for the edition of ``day``: those since the previous edition, not yet in one."""
    previous = Edition.objects.filter(date__lt=day).order_by("-date").values_list("date", flat=True).first()
    start = previous + timedelta(days=1) if previous else day - timedelta(days=1)
    in_other_edition = Placement.objects.filter(article=OuterRef("pk")).exclude(page__edition__date=day)
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__date__gte=start, published_at__date__lte=day)
        .exclude(Exists(in_other_edition))
        .select_related("section", "feature_photo")
        .order_by("section__position", "-published_at")
    )


def compose_automatically(day: date, *, replace: bool = False) -> Edition:
    """Compose the edition of ``day`` from the published articles not yet in an edition."""
    articles = list(candidate_articles(day))
    if not articles:
        raise CompositionError(
            _("There are no published articles for %(date)s that are not already in an edition.") % {"date": day.isoformat()}
        )
    with_photo = [article for article in articles if article.feature_photo_id]
    lead = max(with_photo or articles, key=lambda article: article.word_count)
    rest = [article for article in articles if article != lead]
    front_secondary = rest[:FRONT_SECONDARY]
    inside = rest[FRONT_SECONDARY:]

    pages: list[PlannedPage] = [PlannedPage(1, _("Front page"), "front", [(lead, "lead", None)] + [(a, "secondary", None) for a in front_secondary], [])]
    current: list = []
    words = 0

    def close_page():
        nonlocal current, words
        if current:
            number = len(pages) + 1
            ordered = sorted(current, key=lambda article: (not article.feature_photo_id, -article.word_count))
            sections = []
            for article in ordered:
                if article.section.name not in sections:
                    sections.append(article.section.name)
            title = " & ".join(sections[:2])
            placements = [(ordered[0], "lead", None)] + [(a, "brief" if a.word_count < 150 else "secondary", None) for a in ordered[1:]]
            pages.append(PlannedPage(number, title, "section", placements, []))
        current, words = [], 0

    for article in inside:
        size = article.word_count
        if size > PAGE_WORD_BUDGET * LONG_STORY_PAGES:
            close_page()
            number = len(pages) + 1
            spread = max(2, math.ceil(size / (PAGE_WORD_BUDGET * 1.6)))
            pages.append(PlannedPage(number, article.section.name, "feature", [(article, "lead", number + 1)], []))
            for extra in range(1, spread):
                continues = number + extra + 1 if extra < spread - 1 else None
                pages.append(PlannedPage(number + extra, article.section.name, "feature", [(article, "continuation", continues)], []))
            continue
        if current and (words + size > PAGE_WORD_BUDGET or len(current) >= STORIES_PER_PAGE
                        or article.section_id != current[0].section_id and words > PAGE_WORD_BUDGET / 2):
            close_page()
        current.append(article)
        words += size
    close_page()

    teased = [article for page in pages[1:] for article, role, _ in page.placements if role == "lead"][:FRONT_TEASERS]
    pages[0].teasers = teased
    if len(pages) > 2 and pages[-1].template == "section":
        pages[-1].template = "back"

    with transaction.atomic():
        edition = _edition_for(day, replace)
        _replace_pages(edition, pages)
    logger.info("edition composed automatically edition=%s date=%s pages=%s articles=%s", edition.pk, day, len(pages), len(articles))
    return edition
