"""Warnings shown to editors before building: what the layout or the readers will trip over.

These run on the composed pages without rendering anything, so they are
quick enough for every view of the composer. The amount of text a page
holds is an estimate from its template's geometry; the build's layout,
which measures with WeasyPrint, has the final word (it stops with an
error when a page overflows).
"""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from articles.models import Article
from layout.templates import available_templates

from .models import Edition, Placement

# Millimetres per point.
MM_PER_PT = 25.4 / 72
# Average width of a character of body text, as a fraction of the font
# size; 0.48 fits the serif body faces at 9.6 to 10 pt.
CHARACTER_WIDTH_EM = 0.48
# Characters per word in Indonesian news text, the space included.
CHARACTERS_PER_WORD = 7.4
# Share of a page's text area left after headlines, leads, bylines and the
# gaps between stories.
TEXT_SHARE = 0.85
# Height taken by the page header, in millimetres.
HEADER_HEIGHT = {"masthead": 45, "folio": 9}
# Height taken by a photo caption and credit under a photo, in millimetres.
CAPTION_HEIGHT = 9
# A page whose text and photos, at their largest, cover less than this
# share of its text area is warned about as looking empty.
UNDERFULL_SHARE = 0.45


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    page: int | None = None
    article_id: int | None = None
    # True when publishing would put something unreviewed in front of readers.
    blocks_publication: bool = False


@dataclass(frozen=True)
class PageEstimate:
    """Words of body text on a page, and the range the page can take.

    Photos in a layout grow or shrink between their template's crop limits,
    so a page takes the most text with its photos at their smallest
    (``capacity``) and looks full with the least text when they are at
    their largest (``minimum``).
    """

    words: int
    capacity: int
    minimum: int


def _photo_area(template, role: str, photo, aspect_limit: str) -> float:
    style = template.role(role)
    if not style.photo_columns:
        return 0.0
    width = template.span_width(min(style.photo_columns, template.columns))
    aspect = getattr(style, aspect_limit)
    return width * (width / aspect + CAPTION_HEIGHT)


def _text_area(template) -> float:
    height = template.content_height - HEADER_HEIGHT.get(template.header, 0)
    area = template.content_width * height * TEXT_SHARE
    if template.index:
        # The front page's index of inside pages takes about half a column.
        area -= template.column_width * height * 0.5
    return area


def _words_per_mm2(template) -> float:
    line_height = template.text_leading * MM_PER_PT
    words_per_mm = 1 / (template.text_size * MM_PER_PT * CHARACTER_WIDTH_EM * CHARACTERS_PER_WORD)
    return words_per_mm / line_height


def text_capacity(template, placements) -> tuple[int, int]:
    """Estimate the most words a page of ``template`` takes beside these placements' photos, and the fewest that fill it.

    Returns (capacity, minimum): the first with every photo at its smallest
    crop, the second for UNDERFULL_SHARE of the page with every photo at
    its largest.
    """
    area = _text_area(template)
    photos = [
        p for p in placements if p.article.feature_photo is not None and p.role != Placement.Role.CONTINUATION
    ]
    smallest = sum(_photo_area(template, p.role, p.article.feature_photo, "max_aspect") for p in photos)
    largest = sum(_photo_area(template, p.role, p.article.feature_photo, "min_aspect") for p in photos)
    density = _words_per_mm2(template)
    capacity = max(0, round((area - smallest) * density))
    minimum = max(0, round((area * UNDERFULL_SHARE - largest) * density))
    return capacity, minimum


def page_estimates(edition: Edition) -> dict[int, PageEstimate]:
    """Words placed on each page and the range that fits, by page number.

    A story that continues on a later page fills its first page and carries
    the rest to the page with its continuation.
    """
    templates = available_templates()
    pages = list(edition.pages.order_by("number").prefetch_related("placements__article__feature_photo"))
    carried: dict[tuple[int, int], int] = {}
    estimates = {}
    for page in pages:
        template = templates.get(page.template)
        if template is None:
            continue
        placements = [p for p in page.placements.all() if p.role != Placement.Role.TEASER]
        capacity, minimum = text_capacity(template, placements)
        words = sum(
            p.article.word_count for p in placements if p.role != Placement.Role.CONTINUATION and not p.continues_on
        )
        words += sum(
            carried.pop((p.article_id, page.number), 0) for p in placements if p.role == Placement.Role.CONTINUATION
        )
        for placement in placements:
            if not placement.continues_on:
                continue
            target = (placement.article_id, placement.continues_on)
            if placement.role == Placement.Role.CONTINUATION:
                # A continuation that continues again: what does not fit moves on.
                overflow = max(0, words - capacity)
                words -= overflow
                carried[target] = overflow
                continue
            placed = min(placement.article.word_count, max(0, capacity - words))
            words += placed
            carried[target] = placement.article.word_count - placed
        estimates[page.number] = PageEstimate(words, capacity, minimum)
    return estimates


def check_edition(edition: Edition) -> list[Problem]:
    """Everything worth an editor's look before building ``edition``, in page order."""
    problems: list[Problem] = []
    pages = list(edition.pages.order_by("number").prefetch_related("placements__article__feature_photo"))
    if not pages:
        return [Problem("no_pages", _("The edition has no pages yet. Open “Compose pages” and add pages and articles."),
                        blocks_publication=True)]

    numbers = {page.number for page in pages}
    templates = available_templates()
    estimates = page_estimates(edition)
    seen_articles: set[int] = set()
    photo_checked: set[int] = set()
    for page in pages:
        placements = list(page.placements.all())
        stories = [p for p in placements if p.role != Placement.Role.TEASER]
        if not stories:
            problems.append(Problem("empty_page", _("Page %(page)s has no articles. Add articles or delete the page.")
                                    % {"page": page.number}, page.number))
            continue
        if page.template not in templates:
            problems.append(Problem("unknown_template", _(
                "Page %(page)s uses the page template “%(template)s”, which does not exist. Choose another."
            ) % {"page": page.number, "template": page.template}, page.number))
        # A page that opens with a story continued from an earlier page needs no lead of its own.
        if not any(p.role in (Placement.Role.LEAD, Placement.Role.CONTINUATION) for p in stories):
            problems.append(Problem("no_lead", _(
                "Page %(page)s has no lead story. Mark the most important story on it as the lead."
            ) % {"page": page.number}, page.number))
        roles = Counter((p.article_id, p.role) for p in placements)
        for (article_id, role), count in roles.items():
            if count > 1:
                article = next(p.article for p in placements if p.article_id == article_id)
                problems.append(Problem("duplicate", _("“%(headline)s” is on page %(page)s twice. Remove one.")
                                        % {"headline": article.headline, "page": page.number}, page.number, article_id))
        for placement in placements:
            problems += _placement_problems(placement, page.number, numbers, pages, seen_articles, photo_checked)
        estimate = estimates.get(page.number)
        if estimate is not None and estimate.capacity:
            problems += _amount_problems(page, estimate)
    return problems


def _placement_problems(placement, number, numbers, pages, seen_articles, photo_checked) -> list[Problem]:
    problems = []
    article = placement.article
    if article.status in (Article.Status.DRAFT, Article.Status.SUBMITTED) and article.pk not in seen_articles:
        problems.append(Problem("not_approved", _(
            "“%(headline)s” on page %(page)s is “%(status)s”, not approved. Ask an editor to approve it, "
            "or take it off the page."
        ) % {"headline": article.headline, "page": number, "status": article.get_status_display()},
            number, article.pk, blocks_publication=True))
    seen_articles.add(article.pk)
    photo = article.feature_photo
    if photo is not None and photo.pk not in photo_checked and placement.role != Placement.Role.TEASER:
        photo_checked.add(photo.pk)
        if not photo.credit.strip():
            problems.append(Problem("photo_credit", _(
                "The photo of “%(headline)s” has no credit. Add the photographer or source to the photo."
            ) % {"headline": article.headline}, number, article.pk))
        if not photo.alt_text.strip():
            problems.append(Problem("photo_alt", _(
                "The photo of “%(headline)s” has no alt text. Describe what it shows, for readers who cannot see it."
            ) % {"headline": article.headline}, number, article.pk))
    if placement.continues_on:
        target = next((page for page in pages if page.number == placement.continues_on), None)
        if placement.continues_on <= number or placement.continues_on not in numbers:
            problems.append(Problem("continuation_target", _(
                "“%(headline)s” on page %(page)s is set to continue on page %(target)s, which is not a later page "
                "of this edition. Choose a later page."
            ) % {"headline": article.headline, "page": number, "target": placement.continues_on}, number, article.pk))
        elif not any(
            p.article_id == article.pk and p.role == Placement.Role.CONTINUATION for p in target.placements.all()
        ):
            problems.append(Problem("continuation_missing", _(
                "“%(headline)s” continues on page %(target)s, but page %(target)s has no continuation of it. "
                "Add the article to page %(target)s as a continuation."
            ) % {"headline": article.headline, "target": placement.continues_on}, number, article.pk))
    return problems


def _amount_problems(page, estimate: PageEstimate) -> list[Problem]:
    template = available_templates()[page.template]
    values = {"page": page.number, "words": estimate.words, "capacity": estimate.capacity,
              "minimum": estimate.minimum, "template": template.label}
    if estimate.words > estimate.capacity:
        return [Problem("too_much_text", _(
            "Page %(page)s has about %(words)s words, but the template “%(template)s” holds about %(capacity)s. "
            "Move a story to another page, shorten one, or let the longest continue on a later page."
        ) % values, page.number)]
    if estimate.words < estimate.minimum:
        return [Problem("too_little_text", _(
            "Page %(page)s has about %(words)s words; with these photos the template “%(template)s” needs about "
            "%(minimum)s or it will look empty. Add a story, or choose a template with bigger photos."
        ) % values, page.number)]
    return []


def publication_blockers(edition: Edition) -> list[Problem]:
    return [problem for problem in check_edition(edition) if problem.blocks_publication]
