"""Staff-only pages and endpoints behind the edition admin: composer, build, publish, preview, progress.

Each checks its permission itself and raises PermissionDenied (403) when
the person's role lacks it; newsroom.middleware logs refused POSTs.
"""

import logging
import mimetypes
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from layout.templates import available_templates

from . import checks, composer, publishing
from .models import Build, Edition

logger = logging.getLogger(__name__)

# The composer lists at most this many waiting articles, newest first.
MAX_LISTED_ARTICLES = 200

STAGE_LABELS = {
    "layout": gettext_lazy("laying out pages"),
    "pdf": gettext_lazy("making the PDF"),
    "images": gettext_lazy("making page images"),
}


def require(request, permission: str, what: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied(f"{what} needs {permission}")


def _change_url(edition: Edition) -> str:
    return reverse("admin:editions_edition_change", args=[edition.pk])


def _edition(edition_id) -> Edition:
    return get_object_or_404(Edition.objects.select_related("live_build"), pk=edition_id)


def page_cards(edition: Edition) -> list[dict]:
    """Return the edition's pages with their placements and, once built, their thumbnails."""
    live = edition.live_build
    snapshot = {page["number"]: page for page in (live.layout or {}).get("pages", [])} if live else {}
    cards = []
    for page in edition.pages.order_by("number").prefetch_related("placements__article__feature_photo",
                                                                    "placements__article__section"):
        built = snapshot.get(page.number, {})
        thumb = built.get("thumb_jpg")
        cards.append({
            "page": page,
            "placements": list(page.placements.all()),
            "thumbnail": reverse("admin:editions_edition_preview_file", args=[edition.pk, thumb]) if thumb else "",
        })
    return cards


def composer_view(request, model_admin, edition_id):
    edition = _edition(edition_id)
    if not request.user.has_perm("editions.view_edition"):
        raise PermissionDenied("viewing the composer needs editions.view_edition")
    can_compose = request.user.has_perm("editions.compose_edition")
    errors: list[str] = []
    if request.method == "POST":
        require(request, "editions.compose_edition", "composing")
        action = request.POST.get("action", "")
        try:
            with transaction.atomic():
                composer.apply(edition, request.POST, request.user)
                if action == "add_page":
                    page = composer.add_page(edition, request.POST.get("new_page_title"),
                                             request.POST.get("new_page_template"), request.user)
        except composer.CompositionInvalid as invalid:
            errors = invalid.messages
            logger.info("composition rejected edition=%s user=%s problems=%s", edition.pk, request.user.pk, len(errors))
        else:
            if action == "add_page":
                messages.success(request, _("Page %(number)s was added.") % {"number": page.number})
            else:
                messages.success(request, _("The pages were saved."))
            if action == "save_build" and request.user.has_perm("editions.build_edition"):
                build = publishing.request_build(edition, request.user)
                messages.info(request, _("Build %(id)s has started; its progress shows below.") % {"id": build.pk})
                return redirect(_change_url(edition))
            return redirect("admin:editions_edition_compose", edition.pk)

    estimates = checks.page_estimates(edition)
    cards = page_cards(edition)
    for card in cards:
        card["estimate"] = estimates.get(card["page"].number)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Edition._meta,
        "edition": edition,
        "original": edition,
        "title": _("Compose pages: %(edition)s") % {"edition": edition},
        "cards": cards,
        "available": list(composer.available_articles(edition)[:MAX_LISTED_ARTICLES]),
        "templates": available_templates(),
        "roles": [(str(role), role.label) for role in composer.PLACEMENT_ROLES],
        "problems": checks.check_edition(edition),
        "errors": errors,
        "can_compose": can_compose,
        "can_build": request.user.has_perm("editions.build_edition"),
    }
    return TemplateResponse(request, "admin/editions/edition/compose.html", context, status=400 if errors else 200)


@require_POST
def build_view(request, model_admin, edition_id):
    edition = _edition(edition_id)
    require(request, "editions.build_edition", "building")
    if not edition.pages.exists():
        messages.error(request, _("%(edition)s has no pages yet; add pages and articles first.") % {"edition": edition})
        return redirect(_change_url(edition))
    latest = edition.latest_build
    # "Try again" after a failed build keeps that build's intent to publish.
    publish = bool(latest and latest.status == Build.Status.FAILED and latest.publish_when_done
                   and request.user.has_perm("editions.publish_edition"))
    build = publishing.request_build(edition, request.user, publish=publish)
    messages.success(request, _("Build %(id)s has started; its progress shows below.") % {"id": build.pk})
    return redirect(_change_url(edition))


@require_POST
def publish_view(request, model_admin, edition_id):
    edition = _edition(edition_id)
    require(request, "editions.publish_edition", "publishing")
    try:
        outcome = publishing.publish(edition, request.user)
    except publishing.PublishBlocked as blocked:
        messages.error(request, str(blocked))
        return redirect(_change_url(edition))
    if outcome.state == "published":
        messages.success(request, _("%(edition)s is published.") % {"edition": edition})
    elif outcome.state == "building":
        messages.info(request, _("%(edition)s is being built and will be published when the build is done.")
                      % {"edition": edition})
    else:
        messages.info(request, _("%(edition)s was already published.") % {"edition": edition})
    return redirect(_change_url(edition))


@require_POST
def unpublish_view(request, model_admin, edition_id):
    edition = _edition(edition_id)
    require(request, "editions.publish_edition", "unpublishing")
    publishing.unpublish(edition, request.user, request.POST.get("reason", "").strip())
    messages.success(request, _("%(edition)s is no longer public.") % {"edition": edition})
    return redirect(_change_url(edition))


def build_state(build: Build | None, edition: Edition, user) -> dict:
    """Return the progress panel's content as JSON-ready values."""
    if build is None:
        return {"status": "none", "label": _("not built yet"), "finished": True}
    now = timezone.now()
    started = build.started_at
    end = build.finished_at or now
    state = {
        "id": build.pk,
        "status": build.status,
        "label": build.get_status_display(),
        "stage": str(STAGE_LABELS.get(build.stage, "")) if build.status == Build.Status.BUILDING else "",
        "pages_done": build.pages_done,
        "pages_total": build.pages_total,
        "elapsed_seconds": int((end - started).total_seconds()) if started else 0,
        "started_at": started.isoformat() if started else None,
        "finished": build.is_finished,
        "publish_when_done": build.publish_when_done,
        "error": build.error if build.status == Build.Status.FAILED else "",
        "edition_status": edition.get_status_display(),
        "published": edition.is_published,
    }
    if build.status == Build.Status.FAILED and user.has_perm("editions.build_edition"):
        state["retry_url"] = reverse("admin:editions_edition_build", args=[edition.pk])
    return state


@require_GET
def build_status_view(request, model_admin, edition_id):
    require(request, "editions.view_edition", "reading build progress")
    edition = _edition(edition_id)
    return JsonResponse(build_state(edition.latest_build, edition, request.user))


def _require_preview(request) -> None:
    require(request, "editions.build_edition", "previewing")


def preview_view(request, model_admin, edition_id):
    _require_preview(request)
    edition = _edition(edition_id)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Edition._meta,
        "edition": edition,
        "original": edition,
        "title": _("Preview: %(edition)s") % {"edition": edition},
        "build": edition.live_build,
        "cards": page_cards(edition),
        "stale": edition.live_build is not None and publishing.needs_build(edition),
    }
    return TemplateResponse(request, "admin/editions/edition/preview.html", context)


def preview_file_view(request, model_admin, edition_id, name):
    """Serve a file of the edition's latest finished build (HTML, PDF, page images) to staff only."""
    _require_preview(request)
    edition = _edition(edition_id)
    build = edition.live_build
    if build is None or not build.files_dir:
        raise Http404("no finished build")
    folder = (Path(settings.MEDIA_ROOT) / build.files_dir).resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        raise Http404("no such file in the build")
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    response = FileResponse(path.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    # Draft pages must not be indexed even if a link leaks.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
