"""Turn an edition's pages and placements into the layout engine's plain plan."""

from django.conf import settings
from django.utils import formats

from layout.model import EditionPlan, PagePlan, PhotoSpec, PlacementPlan, Role, Story, Teaser

from .models import Edition, Placement


def date_label(day) -> str:
    """Return a date as Indonesian newspapers print it, such as "Senin, 7 Desember 2026".

    Uses the active language, so callers outside a request set it first.
    """
    return formats.date_format(day, "l, j F Y")


def story_for(article) -> Story:
    photo = article.feature_photo
    spec = None
    if photo is not None:
        spec = PhotoSpec(
            key=str(photo.pk),
            width=photo.width,
            height=photo.height,
            caption=photo.caption,
            credit=photo.credit,
            alt=photo.alt_text or article.headline,
            focal_x=photo.focal_x,
            focal_y=photo.focal_y,
        )
    return Story(
        id=article.pk,
        headline=article.headline,
        body_html=article.body,
        kicker=article.kicker,
        lead=article.lead,
        byline=article.byline,
        place=article.place,
        section=article.section.name,
        section_slug=article.section.slug,
        url=settings.SITE_URL + article.get_absolute_url(),
        photo=spec,
    )


def edition_plan(edition: Edition) -> EditionPlan:
    pages = list(edition.pages.order_by("number"))
    placements = list(
        Placement.objects.filter(page__edition=edition)
        .select_related("page", "article", "article__section", "article__feature_photo")
        .order_by("page__number", "position", "pk")
    )
    first_page = {}
    for placement in placements:
        if placement.role not in (Placement.Role.TEASER, Placement.Role.CONTINUATION):
            first_page.setdefault(placement.article_id, placement.page.number)

    stories = {p.article_id: story_for(p.article) for p in placements}
    page_plans = []
    for page in pages:
        on_page = [p for p in placements if p.page_id == page.pk]
        page_plans.append(
            PagePlan(
                number=page.number,
                title=page.title,
                template=page.template,
                placements=[
                    PlacementPlan(story_id=p.article_id, role=Role(p.role), continues_on=p.continues_on)
                    for p in on_page
                    if p.role != Placement.Role.TEASER
                ],
                teasers=[
                    Teaser(story_id=p.article_id, page=first_page[p.article_id])
                    for p in on_page
                    if p.role == Placement.Role.TEASER and p.article_id in first_page
                ],
            )
        )
    return EditionPlan(
        masthead=edition.masthead_text,
        date_label=date_label(edition.date),
        number=edition.number,
        pages=page_plans,
        stories=stories,
    )
