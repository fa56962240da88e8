"""Public pages: thin views over published editions and articles."""

import calendar
import logging
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from articles.models import Article
from editions.models import Edition, Placement

from .downloads import ranged_file_response
from .editions_view import EditionView

logger = logging.getLogger(__name__)


def published_edition(day: date) -> Edition:
    return get_object_or_404(Edition.objects.published().select_related("live_build"), date=day)


def visible_articles():
    """Articles readers may open: published ones, and those in a published edition."""
    in_published_edition = Placement.objects.filter(
        page__edition__status=Edition.Status.PUBLISHED, page__edition__live_build__isnull=False
    ).values("article_id")
    return Article.objects.filter(status=Article.Status.PUBLISHED).filter(
        Q(published_at__lte=timezone.now()) | Q(pk__in=in_published_edition)
    )


def _edition_page(request, edition: Edition):
    view = EditionView(edition)
    front = view.page(1)
    return render(request, "reader/edition.html", {
        "edition": edition,
        "view": view,
        "front": front,
        "is_latest": not Edition.objects.published().filter(date__gt=edition.date).exists(),
    })


@require_GET
def home(request):
    edition = Edition.objects.published().select_related("live_build").order_by("-date").first()
    if edition is None:
        return render(request, "reader/no_edition.html")
    return _edition_page(request, edition)


@require_GET
def edition(request, date):
    return _edition_page(request, published_edition(date))


@require_GET
def page(request, date, number):
    edition = published_edition(date)
    view = EditionView(edition)
    current = view.page(number)
    if current is None:
        raise Http404("no such page")
    return render(request, "reader/page.html", {
        "edition": edition,
        "view": view,
        "page": current,
        "previous": view.page(number - 1),
        "next": view.page(number + 1),
    })


@require_GET
def article(request, slug):
    item = get_object_or_404(visible_articles().select_related("section", "feature_photo"), slug=slug)
    placements = (
        Placement.objects.filter(article=item, page__edition__status=Edition.Status.PUBLISHED)
        .exclude(role=Placement.Role.TEASER)
        .select_related("page", "page__edition")
        .order_by("-page__edition__date", "page__number")
    )
    return render(request, "reader/article.html", {"article": item, "placements": placements})


@require_GET
def archive(request):
    months = Edition.objects.published().dates("date", "month", order="DESC")
    return render(request, "reader/archive.html", {"months": months})


@require_GET
def archive_month(request, year, month):
    if not 1 <= month <= 12:
        raise Http404("no such month")
    editions = list(Edition.objects.published().filter(date__year=year, date__month=month).order_by("date"))
    if not editions:
        raise Http404("no editions that month")
    by_day = {edition.date.day: edition for edition in editions}
    weeks = calendar.Calendar(firstweekday=0).monthdayscalendar(year, month)
    months = Edition.objects.published().dates("date", "month", order="ASC")
    current = date(year, month, 1)
    previous = next((m for m in reversed(months) if m < current), None)
    following = next((m for m in months if m > current), None)
    return render(request, "reader/archive_month.html", {
        "month": current,
        "weeks": [[(day, by_day.get(day)) for day in week] for week in weeks],
        "editions": editions,
        "previous": previous,
        "following": following,
    })


@require_GET
def download_pdf(request, date, filename):
    edition = published_edition(date)
    build = edition.live_build
    if filename != build.pdf_name:
        return redirect("reader:download", date=edition.date, filename=build.pdf_name, permanent=False)
    path = Path(settings.MEDIA_ROOT) / build.pdf_path
    if not path.is_file():
        logger.error("published PDF missing edition=%s build=%s path=%s", edition.pk, build.pk, path)
        raise Http404("PDF missing")
    return ranged_file_response(request, path, build.pdf_name)


@require_GET
def download_page_pdf(request, date, number, filename):
    edition = published_edition(date)
    view = EditionView(edition)
    current = view.page(number)
    if current is None or not current.data.get("pdf"):
        raise Http404("no such page")
    expected = Path(current.data["pdf"]).name
    if filename != expected:
        return redirect("reader:download-page", date=edition.date, number=number, filename=expected)
    return ranged_file_response(request, Path(settings.MEDIA_ROOT) / edition.live_build.files_dir / current.data["pdf"], expected)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
