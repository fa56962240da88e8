import reversion
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom import audit, locks
from newsroom.models import EditLock
from prokopim.admin_views import model_admin_view

from . import admin_views, workflow
from .forms import ArticleAdminForm, PhotoAdminForm
from .models import Article, Correction, Photo, Section
from .renditions import replace_photo_file, store_photo


def thumbnail(photo, width=96):
    if photo is None:
        return "—"
    rendition = next((r for r in photo.renditions.all() if r.image_format == "JPEG"), None)
    if rendition is None:
        return "—"
    return format_html('<img src="{}" width="{}" alt="{}" loading="lazy">', rendition.url, width, photo.alt_text)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["preview", "__str__", "credit", "size_label", "created_at"]
    search_fields = ["caption", "credit", "alt_text", "original_name"]
    readonly_fields = ["preview_large", "size_label", "original_name", "created_at"]
    fieldsets = [
        (None, {"fields": ["upload", "preview_large"]}),
        (_("Description"), {"fields": ["caption", "credit", "alt_text"]}),
        (_("Crop"), {"fields": ["focal_x", "focal_y"], "description": _("The point that stays in view when the photo is cropped to fit a page.")}),
        (_("File"), {"fields": ["size_label", "original_name", "created_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    @admin.display(description=_("photo"))
    def preview(self, photo):
        return thumbnail(photo)

    @admin.display(description=_("preview"))
    def preview_large(self, photo):
        return thumbnail(photo, 480) if photo.pk else "—"

    @admin.display(description=_("size"))
    def size_label(self, photo):
        return f"{photo.width} × {photo.height} px" if photo.pk else "—"

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("upload")
        fields = {name: form.cleaned_data.get(name) for name in ("caption", "credit", "alt_text", "focal_x", "focal_y")}
        if not change:
            stored = store_photo(upload, original_name=upload.name, uploaded_by=request.user, **fields)
            obj.__dict__.update({key: value for key, value in stored.__dict__.items() if not key.startswith("_")})
            obj._state.adding = False
            return
        obj.save()
        if upload is not None:
            replace_photo_file(obj, upload, original_name=upload.name)
            messages.info(request, _("The photo file was replaced; editions use it from their next build."))


class MineFilter(admin.SimpleListFilter):
    title = _("writer")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("My articles"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(created_by=request.user)
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Articles with their workflow: a writer edits their own drafts, editors edit any article.

    Who may do what is decided by permissions (see newsroom/roles.py);
    each view enforces it, the templates only hide what would be refused.
    """

    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    list_display = ["headline", "section", "status", "writer", "editing_now", "has_photo", "updated_at"]
    list_filter = ["status", MineFilter, "section", ("created_by", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["headline", "kicker", "lead", "byline", "body"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["feature_photo", "photos"]
    readonly_fields = ["status", "published_at", "created_by", "photo_preview", "created_at", "updated_at", "source_uri"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["section", "kicker", "headline", "lead", "body"]}),
            (_("Photo"), {"fields": ["feature_photo", "photo_preview", "photos"]}),
            (_("Credits and place"), {"fields": ["byline", "place"]}),
            (_("Publication"), {"fields": ["status", "published_at", "slug", "created_by"]}),
            (_("Record"), {"classes": ["collapse"], "fields": ["source_uri", "created_at", "updated_at"]}),
        ]
        if obj is not None and obj.status == Article.Status.PUBLISHED and self.has_change_permission(request, obj):
            fieldsets.insert(1, (_("Correction"), {
                "classes": ["correction-fields"],
                "fields": ["correction_note", "minor_fix"],
                "description": _("This article is published. Say what you corrected, for readers."),
            }))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.published_at is not None:
            # The public address stays as it was first published.
            readonly.append("slug")
        if not request.user.has_perm("articles.edit_any_article"):
            readonly.append("slug")
        return readonly

    def get_queryset(self, request):
        current_lock = EditLock.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=OuterRef("pk"),
            seen_at__gte=timezone.now() - locks.LOCK_TIMEOUT,
        )
        return (
            super().get_queryset(request)
            .select_related("section", "feature_photo", "created_by")
            .annotate(locked_by=Subquery(current_lock.values("user__username")[:1]))
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.editing_user = request.user
        return form

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if not request.user.has_perm("articles.publish_article"):
            # Bulk delete checks no ownership; writers delete their own drafts one by one.
            actions.pop("delete_selected", None)
        return actions

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        if getattr(request, "article_locked_by", None) is not None:
            return False
        if request.user.has_perm("articles.edit_any_article"):
            return True
        return workflow.is_author(request.user, obj) and obj.status == Article.Status.DRAFT

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or request.user.has_perm("articles.publish_article"):
            return True
        return workflow.is_author(request.user, obj) and obj.status == Article.Status.DRAFT

    def get_urls(self):
        def wrap(view):
            return model_admin_view(self, view)

        return [
            path("import-word/", wrap(admin_views.import_docx_view), name="articles_article_import_docx"),
            path("<int:article_id>/workflow/<str:name>/", wrap(admin_views.transition_view),
                 name="articles_article_transition"),
            path("<int:article_id>/lock/", wrap(admin_views.lock_view), name="articles_article_lock"),
            path("<int:article_id>/lock/take-over/", wrap(admin_views.take_over_view), name="articles_article_take_over"),
            path("<int:article_id>/revisions/", wrap(admin_views.revisions_view), name="articles_article_revisions"),
            path("<int:article_id>/revisions/<int:version_id>/restore/", wrap(admin_views.restore_view),
                 name="articles_article_restore"),
        ] + super().get_urls()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = self.get_object(request, object_id) if object_id else None
        if article is not None and request.method == "GET" and self.has_change_permission(request, article):
            lock = locks.acquire(article, request.user)
            if lock.user_id != request.user.pk:
                # Shown read-only with who is editing; has_change_permission reads this.
                request.article_locked_by = lock
        if article is not None:
            extra_context = {**(extra_context or {}), **self._workflow_context(request, article)}
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _workflow_context(self, request, article: Article) -> dict:
        locked_by = getattr(request, "article_locked_by", None)
        return {
            "transitions": workflow.available(request.user, article),
            "history": article.transitions.select_related("actor")[:20],
            "corrections": article.corrections.all(),
            "locked_by": locked_by,
            "locked_by_name": admin_views.person(locked_by.user) if locked_by else "",
            "can_take_over": locked_by is not None and request.user.has_perm("articles.take_over_article")
            and request.user.has_perm("articles.edit_any_article"),
            "lock_url": reverse("admin:articles_article_lock", args=[article.pk]),
            "heartbeat_seconds": locks.HEARTBEAT_SECONDS,
            "is_author": workflow.is_author(request.user, article),
        }

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        changed = [str(form.fields[name].label) for name in form.changed_data if name in form.fields
                   and name not in ("correction_note", "minor_fix")]
        super().save_model(request, obj, form, change)
        note = form.cleaned_data.get("correction_note", "").strip()
        if change and note and obj.status == Article.Status.PUBLISHED:
            Correction.objects.create(article=obj, note=note, corrected_by=request.user)
            audit.record(request.user, audit.Action.CORRECTED, obj, note=note)
        if change:
            comment = gettext("Edited: %(fields)s") % {"fields": ", ".join(changed) or "—"}
            if note:
                comment += " · " + gettext("correction: %(note)s") % {"note": note}
            reversion.set_comment(comment)
            audit.record(request.user, audit.Action.EDITED, obj, fields=form.changed_data)
        else:
            reversion.set_comment(gettext("Created"))
            audit.record(request.user, audit.Action.CREATED, obj)

    def delete_model(self, request, obj):
        audit.record(request.user, audit.Action.DELETED, obj)
        super().delete_model(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        self._submit_if_requested(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        submitted = self._submit_if_requested(request, obj)
        if "_continue" not in request.POST or submitted:
            locks.release(obj, request.user)
        if submitted and not self.has_change_permission(request, obj):
            # A writer cannot edit a submitted article; back to their list.
            self.message_user(request, _("“%(headline)s” was saved.") % {"headline": obj.headline})
            return redirect(reverse("admin:articles_article_changelist") + "?mine=1")
        return super().response_change(request, obj)

    def _submit_if_requested(self, request, obj) -> bool:
        if "_submit" not in request.POST:
            return False
        try:
            workflow.apply(obj, "submit", request.user)
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
            return False
        messages.success(request, _("“%(headline)s” was submitted for review.") % {"headline": obj.headline})
        return True

    @admin.display(description=_("writer"), ordering="created_by__username")
    def writer(self, article):
        if article.created_by_id is None:
            return "—"
        return article.created_by.get_full_name() or article.created_by.get_username()

    @admin.display(description=_("being edited by"))
    def editing_now(self, article):
        return article.locked_by or ""

    @admin.display(description=_("photo"), boolean=True)
    def has_photo(self, article):
        return article.feature_photo_id is not None

    @admin.display(description=_("preview"))
    def photo_preview(self, article):
        return thumbnail(article.feature_photo, 240) if article.feature_photo_id else "—"
