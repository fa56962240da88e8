"""What readers may see: the querysets every public page starts from."""

from datetime import date

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from articles.models import Article, Section
from editions.models import Edition, Placement


def published_editions():
    return Edition.objects.published().select_related("live_build")


def latest_edition() -> Edition | None:
    return published_editions().order_by("-date").first()


def published_edition(day: date) -> Edition:
    return get_object_or_404(published_editions(), date=day)


def is_latest(edition: Edition) -> bool:
    return not Edition.objects.published().filter(date__gt=edition.date).exists()


def visible_articles():
    """Articles readers may open: published ones, and those in a published edition."""
    in_published_edition = Placement.objects.filter(
        page__edition__status=Edition.Status.PUBLISHED, page__edition__live_build__isnull=False
    ).values("article_id")
    return Article.objects.filter(status=Article.Status.PUBLISHED).filter(
        Q(published_at__lte=timezone.now()) | Q(pk__in=in_published_edition)
    )


def printed_in(article: Article):
    """The published pages ``article`` appears on, newest edition first."""
    return (
        Placement.objects.filter(
            article=article, page__edition__status=Edition.Status.PUBLISHED, page__edition__live_build__isnull=False
        )
        .exclude(role=Placement.Role.TEASER)
        .select_related("page", "page__edition")
        .order_by("-page__edition__date", "page__number")
    )


def related_articles(article: Article, limit: int = 4):
    return (
        visible_articles().filter(section=article.section_id).exclude(pk=article.pk)
        .select_related("section").order_by("-published_at")[:limit]
    )


def sections_with_articles():
    """Sections that have at least one article readers may open."""
    return Section.objects.filter(articles__in=visible_articles()).distinct().order_by("position", "name")
