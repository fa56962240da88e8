"""Staff pages and endpoints behind the article admin: workflow moves, edit locks, revisions, Word import.

Each checks the person's permission and raises PermissionDenied (403)
when their role lacks it; newsroom.middleware logs refused POSTs.
"""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from reversion.models import Version

from newsroom import audit, locks

from . import revisions, workflow
from .forms import DocxImportForm, RestoreForm
from .importers.docx import DocxRejected, import_docx
from .models import Article

logger = logging.getLogger(__name__)


def _change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def person(user) -> str:
    return user.get_full_name() or user.get_username()


def lock_state(article: Article, user) -> dict:
    lock = locks.current_lock(article)
    if lock is None:
        return {"mine": False, "holder": "", "since": ""}
    return {
        "mine": lock.user_id == user.pk,
        "holder": person(lock.user),
        "since": timezone.localtime(lock.acquired_at).strftime("%H.%M"),
    }


@require_POST
def transition_view(request, model_admin, article_id, name):
    article = get_object_or_404(Article, pk=article_id)
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied("viewing the article is required")
    note = request.POST.get("note", "")
    try:
        workflow.apply(article, name, request.user, note)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect(_change_url(article))
    messages.success(request, _("“%(headline)s” is now “%(status)s”.") % {
        "headline": article.headline, "status": article.get_status_display(),
    })
    if name in ("submit", "withdraw") and not model_admin.has_change_permission(request, article):
        return redirect("admin:articles_article_changelist")
    return redirect(_change_url(article))


@require_POST
def lock_view(request, model_admin, article_id):
    """The editing page's heartbeat (``action=heartbeat``) and its release when the page closes."""
    article = get_object_or_404(Article, pk=article_id)
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied("viewing the article is required")
    if request.POST.get("action") == "release":
        locks.release(article, request.user)
        return JsonResponse({"released": True})
    if model_admin.has_change_permission(request, article):
        locks.acquire(article, request.user)
    return JsonResponse(lock_state(article, request.user))


@require_POST
def take_over_view(request, model_admin, article_id):
    article = get_object_or_404(Article, pk=article_id)
    if not request.user.has_perm("articles.take_over_article") or not model_admin.has_change_permission(request, article):
        raise PermissionDenied("taking over needs articles.take_over_article")
    previous = locks.take_over(article, request.user)
    holder = person(previous.user) if previous else "—"
    audit.record(request.user, audit.Action.LOCK_TAKEN_OVER, article, note=holder)
    messages.warning(request, _(
        "You took over editing from %(name)s. Their unsaved changes are not saved; tell them you are editing now."
    ) % {"name": holder})
    return redirect(_change_url(article))


def _version(article: Article, version_id) -> Version:
    try:
        return revisions.versions_of(article).get(pk=version_id)
    except (Version.DoesNotExist, ValueError, TypeError):
        raise Http404("no such revision of this article") from None


def revisions_view(request, model_admin, article_id):
    article = get_object_or_404(Article, pk=article_id)
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied("viewing the article is required")
    rows = revisions.history_rows(article)
    older_id, newer_id = request.GET.get("from"), request.GET.get("to")
    comparison = None
    if older_id and newer_id:
        older, newer = _version(article, older_id), _version(article, newer_id)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        comparison = {
            "older": older, "newer": newer,
            "fields": revisions.compare(older, newer),
            "status": revisions.status_change(older, newer),
        }
    elif len(rows) >= 2:
        older_id, newer_id = str(rows[1]["version"].pk), str(rows[0]["version"].pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "article": article,
        "title": _("Revisions of “%(headline)s”") % {"headline": article.headline},
        "rows": rows,
        "comparison": comparison,
        "selected_from": older_id,
        "selected_to": newer_id,
        "can_restore": request.user.has_perm("articles.edit_any_article")
        and model_admin.has_change_permission(request, article),
        "restore_form": RestoreForm(published=article.status == Article.Status.PUBLISHED),
        "published": article.status == Article.Status.PUBLISHED,
    }
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


@require_POST
def restore_view(request, model_admin, article_id, version_id):
    article = get_object_or_404(Article, pk=article_id)
    if not request.user.has_perm("articles.edit_any_article") or not model_admin.has_change_permission(request, article):
        raise PermissionDenied("restoring needs articles.edit_any_article")
    version = _version(article, version_id)
    back = reverse("admin:articles_article_revisions", args=[article.pk])
    holder = locks.held_by_other(article, request.user)
    if holder is not None:
        messages.error(request, _(
            "%(name)s is editing this article now. Ask them to close it, or take over editing first, then restore."
        ) % {"name": person(holder.user)})
        return redirect(back)
    form = RestoreForm(request.POST, published=article.status == Article.Status.PUBLISHED)
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect(back)
    if not revisions.changed_content(article, version):
        messages.info(request, _("This revision has the same content as the article now; nothing was changed."))
        return redirect(back)
    revisions.restore(article, version, request.user, form.cleaned_data.get("correction_note", "").strip())
    messages.success(request, _("The revision of %(time)s was restored as a new revision.") % {
        "time": timezone.localtime(version.revision.date_created).strftime("%d-%m-%Y %H.%M"),
    })
    return redirect(_change_url(article))


def import_docx_view(request, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied("importing needs articles.add_article")
    form = DocxImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            document = form.cleaned_data["document"]
            try:
                result = import_docx(document, section=form.cleaned_data["section"], user=request.user, name=document.name)
            except DocxRejected as rejected:
                form.add_error("document", str(rejected))
                logger.info("docx import rejected user=%s name=%r reason=%s", request.user.pk, document.name, rejected)
            else:
                messages.success(request, _(
                    "“%(headline)s” was created as a draft from %(name)s with %(count)s photos. Check it, then "
                    "submit it for review."
                ) % {"headline": result.article.headline, "name": document.name, "count": len(result.photos)})
                for warning in result.warnings:
                    messages.warning(request, warning)
                return redirect(_change_url(result.article))
        status = 400
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "title": _("Import an article from Word"),
        "form": form,
    }
    return TemplateResponse(request, "admin/articles/article/import_docx.html", context, status=status)
