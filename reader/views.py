"""Public pages: thin views over published editions and articles."""

import logging
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from articles.models import Section

from . import archive as archive_data
from . import queries, seo
from .caching import cached_page
from .downloads import ranged_file_response
from .editions_view import EditionView
from .forms import SearchForm
from .search import search as run_search

logger = logging.getLogger(__name__)

# Public pages are compressed here (gzip_page). Their templates contain no
# CSRF token or other secret, so compression gives a BREACH attack nothing to read.
ARTICLES_PER_PAGE = 12
RESULTS_PER_PAGE = 10


def _replica(request, edition, number: int, *, is_home: bool = False):
    view = EditionView(edition)
    current = view.page(number)
    if current is None:
        raise Http404("no such page")
    latest = is_home or queries.is_latest(edition)
    canonical = "/" if is_home else current.url
    title = edition.masthead_text
    return render(request, "reader/edition.html", {
        "edition": edition,
        "view": view,
        "page": current,
        "previous": view.page(number - 1),
        "next": view.page(number + 1),
        "is_home": is_home,
        "is_latest": latest,
        "canonical_path": canonical,
        "share_url": seo.absolute(edition.get_absolute_url()),
        "share_title": title,
        "share_image": seo.edition_share_image_url(edition),
        "structured_data": [seo.edition_data(edition, view)] + ([seo.website_data()] if is_home else []),
    })


@require_GET
@gzip_page
@cached_page
def home(request):
    edition = queries.latest_edition()
    if edition is None:
        return render(request, "reader/no_edition.html", {"structured_data": [seo.website_data()]})
    return _replica(request, edition, 1, is_home=True)


@require_GET
@gzip_page
@cached_page
def edition(request, date):
    return _replica(request, queries.published_edition(date), 1)


@require_GET
@gzip_page
@cached_page
def page(request, date, number):
    if number == 1:
        return redirect("reader:edition", date=date, permanent=True)
    return _replica(request, queries.published_edition(date), number)


@require_GET
@gzip_page
@cached_page
def article(request, slug):
    item = get_object_or_404(
        queries.visible_articles().select_related("section", "feature_photo").prefetch_related("feature_photo__renditions"),
        slug=slug,
    )
    placements = list(queries.printed_in(item))
    return render(request, "reader/article.html", {
        "article": item,
        "placements": placements,
        "related": queries.related_articles(item),
        "canonical_path": item.get_absolute_url(),
        "share_url": seo.absolute(item.get_absolute_url()),
        "share_title": item.headline,
        "share_image": seo.article_share_image_url(item),
        "description": seo.meta_description(item.lead or item.plain_body),
        "structured_data": [seo.article_data(item, placements)],
    })


@require_GET
@gzip_page
@cached_page
def sections(request):
    listed = []
    for section in queries.sections_with_articles():
        latest = queries.visible_articles().filter(section=section).order_by("-published_at")[:3]
        listed.append((section, latest))
    return render(request, "reader/sections.html", {"sections": listed})


@require_GET
@gzip_page
@cached_page
def section(request, slug):
    current = get_object_or_404(Section, slug=slug)
    articles = queries.visible_articles().filter(section=current).select_related("section", "feature_photo").prefetch_related(
        "feature_photo__renditions"
    ).order_by("-published_at")
    listing = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("halaman"))
    canonical = current_path = request.path
    if listing.number > 1:
        canonical = f"{current_path}?halaman={listing.number}"
    return render(request, "reader/section.html", {
        "section": current,
        "listing": listing,
        "canonical_path": canonical,
    })


@require_GET
@gzip_page
@cached_page
def archive(request):
    months = archive_data.months_with_content()
    years: dict[int, list[date]] = {}
    for month in months:
        years.setdefault(month.year, []).append(month)
    latest = months[0] if months else None
    weeks = archive_data.month_calendar(latest.year, latest.month) if latest else []
    return render(request, "reader/archive.html", {"years": years, "latest_month": latest, "weeks": weeks})


@require_GET
@gzip_page
@cached_page
def archive_month(request, year, month):
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404("no such month")
    current = date(year, month, 1)
    weeks = archive_data.month_calendar(year, month)
    if not any(day.has_content for week in weeks for day in week):
        raise Http404("nothing published that month")
    older, newer = archive_data.neighbour_months(current)
    return render(request, "reader/archive_month.html", {
        "month": current,
        "weeks": weeks,
        "days": [day for week in weeks for day in week if day.has_content],
        "older": older,
        "newer": newer,
    })


@require_GET
@gzip_page
@cached_page
def archive_day(request, year, month, day):
    try:
        current = date(year, month, day)
    except ValueError:
        raise Http404("no such day") from None
    edition = queries.published_editions().filter(date=current).first()
    edition_articles = EditionView(edition).articles() if edition else []
    # Stories already listed under the day's edition are not listed twice.
    in_edition = {article.pk for article in edition_articles}
    articles = [article for article in archive_data.articles_on(current) if article.pk not in in_edition]
    if edition is None and not articles:
        raise Http404("nothing published that day")
    return render(request, "reader/archive_day.html", {
        "day": current,
        "edition": edition,
        "edition_articles": edition_articles,
        "articles": articles,
    })


@require_GET
@gzip_page
def search(request):
    form = SearchForm(request.GET or None)
    results, listing = None, None
    if form.is_valid() and form.cleaned_data["q"]:
        results = run_search(form.filters())
        listing = Paginator(results.hits, RESULTS_PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "reader/search.html", {
        "form": form,
        "results": results,
        "listing": listing,
        "query_string": form.query_string_without_page() if form.is_bound else "",
        "canonical_path": request.path,
    })


@require_GET
def download_pdf(request, date, filename):
    edition = queries.published_edition(date)
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
    edition = queries.published_edition(date)
    view = EditionView(edition)
    current = view.page(number)
    if current is None or not current.data.get("pdf"):
        raise Http404("no such page")
    expected = current.pdf_name
    if filename != expected:
        return redirect("reader:download-page", date=edition.date, number=number, filename=expected)
    path = Path(settings.MEDIA_ROOT) / edition.live_build.files_dir / current.data["pdf"]
    if not path.is_file():
        logger.error("published page PDF missing edition=%s page=%s path=%s", edition.pk, number, path)
        raise Http404("PDF missing")
    return ranged_file_response(request, path, expected)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
