from django.contrib import admin, messages
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import building
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


class PageInline(admin.TabularInline):
    model = Page
    extra = 0
    fields = ["number", "title", "template", "stories"]
    readonly_fields = ["stories"]

    @admin.display(description=_("stories"))
    def stories(self, page):
        if page.pk is None:
            return "—"
        url = reverse("admin:editions_page_change", args=[page.pk])
        titles = [p.article.headline for p in page.placements.select_related("article") if p.role != Placement.Role.TEASER]
        return format_html('{} <a href="{}">{}</a>', "; ".join(titles) or "—", url, _("Arrange stories"))


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["date", "number", "status", "build_status", "pdf_link", "published_at"]
    list_filter = ["status"]
    date_hierarchy = "date"
    inlines = [PageInline]
    actions = ["build_editions", "publish_editions", "unpublish_editions"]
    readonly_fields = ["status", "published_at", "build_status", "build_error", "build_warnings", "pdf_link"]
    fieldsets = [
        (None, {"fields": ["date", "number", "masthead"]}),
        (_("Publication"), {"fields": ["status", "published_at"]}),
        (_("Latest build"), {"fields": ["build_status", "build_error", "build_warnings", "pdf_link"]}),
    ]

    def get_changeform_initial_data(self, request):
        return {"number": Edition.next_number()}

    @admin.display(description=_("build"))
    def build_status(self, edition):
        return build_badge(edition.latest_build) if edition.pk else "—"

    @admin.display(description=_("build error"))
    def build_error(self, edition):
        build = edition.latest_build if edition.pk else None
        if build is None or build.status != Build.Status.FAILED:
            return "—"
        return format_html('<span style="color:#b3261e">{}</span><br>{}', build.error, _("Select the edition in the list and choose “Build edition” to try again."))

    @admin.display(description=_("warnings"))
    def build_warnings(self, edition):
        build = edition.live_build if edition.pk else None
        if build is None or not build.warnings:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((warning_message(w),) for w in build.warnings)))

    @admin.display(description=_("PDF"))
    def pdf_link(self, edition):
        build = edition.live_build
        if build is None or not build.pdf_name:
            return "—"
        size = f"{build.pdf_size / 1_048_576:.1f} MB"
        return format_html('<a href="{}{}">{}</a> ({})', "/media/", build.pdf_path, build.pdf_name, size)

    @admin.action(description=_("Build edition"))
    def build_editions(self, request, queryset):
        count = 0
        for edition in queryset:
            if not edition.pages.exists():
                messages.warning(request, _("%(edition)s has no pages yet; add pages and stories first.") % {"edition": edition})
                continue
            building.fail_stalled_builds()
            building.request_build(edition, user=request.user)
            count += 1
        if count:
            messages.success(request, ngettext(
                "The build of %(count)s edition is queued; its status shows in the list.",
                "The builds of %(count)s editions are queued; their status shows in the list.",
                count,
            ) % {"count": count})

    @admin.action(description=_("Publish edition"))
    def publish_editions(self, request, queryset):
        for edition in queryset:
            build = building.publish_edition(edition, user=request.user)
            if build is None:
                messages.success(request, _("%(edition)s is published.") % {"edition": edition})
            else:
                messages.info(request, _("%(edition)s is being built and will be published when the build is done.") % {"edition": edition})

    @admin.action(description=_("Unpublish edition"))
    def unpublish_editions(self, request, queryset):
        for edition in queryset:
            building.unpublish_edition(edition, user=request.user)
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
        # Pages are reached from their edition.
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
