from django import forms
from django.contrib import admin, messages
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article
from prokopim.admin_views import model_admin_view

from . import admin_views, checks, publishing, scheduling
from .messages import warning_message
from .models import Build, Edition, Page, Placement

STATUS_COLOURS = {
    Build.Status.QUEUED: "#6b6b6b",
    Build.Status.BUILDING: "#0b57d0",
    Build.Status.DONE: "#1d7a35",
    Build.Status.FAILED: "#b3261e",
}


def build_badge(build):
    if build is None:
        return _("not built yet")
    label = build.get_status_display()
    if build.status == Build.Status.BUILDING and build.pages_total:
        label = _("%(status)s (%(done)s of %(total)s pages)") % {
            "status": label, "done": build.pages_done, "total": build.pages_total,
        }
    return format_html('<strong style="color:{}">{}</strong>', STATUS_COLOURS[build.status], label)


def current_warnings(build) -> list[dict]:
    """Return the build's layout warnings that still hold.

    The build warns about every placed article that is not published yet;
    approved ones are published with the edition, so only the others stay.
    """
    if build is None:
        return []
    unpublished = [w for w in build.warnings if w.get("code") == "article_not_published"]
    still_unapproved = set(
        Article.objects.filter(pk__in=[w.get("story") for w in unpublished])
        .exclude(status__in=[Article.Status.APPROVED, Article.Status.PUBLISHED])
        .values_list("pk", flat=True)
    )
    return [w for w in build.warnings if w.get("code") != "article_not_published" or w.get("story") in still_unapproved]


class EditionAdminForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["date", "number", "masthead", "scheduled_at"]

    def clean_scheduled_at(self):
        when = self.cleaned_data.get("scheduled_at")
        if when is None or when == self.instance.scheduled_at:
            return when
        if when <= timezone.now():
            raise forms.ValidationError(
                _("This time has already passed. Choose a later time, such as 05:00 on the edition's date."),
                code="past",
            )
        if self.instance.pk and self.instance.is_published:
            raise forms.ValidationError(_("The edition is already published, so it cannot be scheduled."), code="published")
        return when


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    form = EditionAdminForm
    change_form_template = "admin/editions/edition/change_form.html"
    list_display = ["date", "number", "status", "scheduled_at", "build_status", "published_at"]
    list_filter = ["status"]
    date_hierarchy = "date"
    actions = ["build_editions", "publish_editions", "unpublish_editions"]
    readonly_fields = ["status", "published_at", "scheduled_by", "pdf_link"]

    def get_fieldsets(self, request, obj=None):
        publication = ["status", "published_at", "scheduled_at"]
        if obj is not None and obj.scheduled_at:
            publication.append("scheduled_by")
        return [
            (None, {"fields": ["date", "number", "masthead"]}),
            (_("Publication"), {"fields": publication}),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(self.readonly_fields)
        if not request.user.has_perm("editions.publish_edition"):
            readonly.append("scheduled_at")
        return readonly

    def get_changeform_initial_data(self, request):
        return {"number": Edition.next_number()}

    def view_on_site(self, edition):
        # A draft has no public page; its preview is the staff-only view.
        return edition.get_absolute_url() if edition.is_published else None

    def get_urls(self):
        def wrap(view):
            return model_admin_view(self, view)

        return [
            path("<int:edition_id>/compose/", wrap(admin_views.composer_view), name="editions_edition_compose"),
            path("<int:edition_id>/build/", wrap(admin_views.build_view), name="editions_edition_build"),
            path("<int:edition_id>/publish/", wrap(admin_views.publish_view), name="editions_edition_publish"),
            path("<int:edition_id>/unpublish/", wrap(admin_views.unpublish_view), name="editions_edition_unpublish"),
            path("<int:edition_id>/build-status/", wrap(admin_views.build_status_view),
                 name="editions_edition_build_status"),
            path("<int:edition_id>/preview/", wrap(admin_views.preview_view), name="editions_edition_preview"),
            path("<int:edition_id>/preview/files/<path:name>", wrap(admin_views.preview_file_view),
                 name="editions_edition_preview_file"),
        ] + super().get_urls()

    def has_build_permission(self, request):
        return request.user.has_perm("editions.build_edition")

    def has_publish_permission(self, request):
        return request.user.has_perm("editions.publish_edition")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            build = obj.latest_build
            context.update({
                "build_state": admin_views.build_state(build, obj, request.user),
                "status_url": reverse("admin:editions_edition_build_status", args=[obj.pk]),
                "cards": admin_views.page_cards(obj),
                "problems": checks.check_edition(obj),
                "build_warnings": [warning_message(w) for w in current_warnings(obj.live_build)],
                "needs_build": publishing.needs_build(obj),
                "can_compose": request.user.has_perm("editions.compose_edition"),
                "can_build": self.has_build_permission(request),
                "can_publish": self.has_publish_permission(request),
            })
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        scheduled = form.cleaned_data.get("scheduled_at")
        previous = Edition.objects.filter(pk=obj.pk).values_list("scheduled_at", flat=True).first() if change else None
        # The time itself is set through scheduling, which records who set it.
        obj.scheduled_at = previous
        super().save_model(request, obj, form, change)
        if "scheduled_at" not in form.changed_data:
            return
        if scheduled is None:
            scheduling.unschedule(obj, request.user)
            messages.info(request, _("The scheduled publication was cancelled."))
            return
        try:
            scheduling.schedule(obj, scheduled, request.user)
        except scheduling.ScheduleError as error:
            messages.error(request, str(error))
            return
        problems = checks.publication_blockers(obj)
        if problems:
            messages.warning(request, _(
                "The edition is scheduled, but it will only be published if these are fixed by then: %(problems)s"
            ) % {"problems": " ".join(problem.message for problem in problems)})

    @admin.display(description=_("build"))
    def build_status(self, edition):
        return build_badge(edition.latest_build) if edition.pk else "—"

    @admin.display(description=_("PDF"))
    def pdf_link(self, edition):
        build = edition.live_build
        if build is None or not build.pdf_name:
            return "—"
        url = reverse("admin:editions_edition_preview_file", args=[edition.pk, build.pdf_name])
        return format_html('<a href="{}">{}</a> ({} MB)', url, build.pdf_name, f"{build.pdf_size / 1_048_576:.1f}")

    @admin.action(description=_("Build edition"), permissions=["build"])
    def build_editions(self, request, queryset):
        count = 0
        for edition in queryset:
            if not edition.pages.exists():
                messages.warning(request, _("%(edition)s has no pages yet; add pages and stories first.") % {"edition": edition})
                continue
            publishing.request_build(edition, request.user)
            count += 1
        if count:
            messages.success(request, ngettext(
                "The build of %(count)s edition has started; its status shows in the list.",
                "The builds of %(count)s editions have started; their status shows in the list.",
                count,
            ) % {"count": count})

    @admin.action(description=_("Publish edition"), permissions=["publish"])
    def publish_editions(self, request, queryset):
        for edition in queryset:
            try:
                outcome = publishing.publish(edition, request.user)
            except publishing.PublishBlocked as blocked:
                messages.error(request, f"{edition}: {blocked}")
                continue
            if outcome.state == "building":
                messages.info(request, _("%(edition)s is being built and will be published when the build is done.")
                              % {"edition": edition})
            else:
                messages.success(request, _("%(edition)s is published.") % {"edition": edition})

    @admin.action(description=_("Unpublish edition"), permissions=["publish"])
    def unpublish_editions(self, request, queryset):
        for edition in queryset:
            publishing.unpublish(edition, request.user)
        messages.success(request, _("The selected editions are no longer public."))


class PlacementInline(admin.TabularInline):
    model = Placement
    extra = 1
    fields = ["position", "article", "role", "continues_on"]
    autocomplete_fields = ["article"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["edition", "number", "title", "template"]
    list_filter = ["edition"]
    inlines = [PlacementInline]

    def has_module_permission(self, request):
        # Pages are reached from their edition's composer.
        return False


@admin.register(Build)
class BuildAdmin(admin.ModelAdmin):
    list_display = ["pk", "edition", "status_badge", "requested_at", "duration_ms", "page_count", "pdf_size", "attempts"]
    list_filter = ["status"]
    readonly_fields = [field.name for field in Build._meta.fields]

    @admin.display(description=_("status"))
    def status_badge(self, build):
        return build_badge(build)

    def has_add_permission(self, request):
        return False
