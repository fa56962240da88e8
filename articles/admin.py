from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .forms import ArticleAdminForm, PhotoAdminForm
from .models import Article, Photo, Section
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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["headline", "section", "status", "published_at", "has_photo", "updated_at"]
    list_filter = ["status", "section", "published_at"]
    search_fields = ["headline", "kicker", "lead", "byline", "body"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["feature_photo"]
    readonly_fields = ["photo_preview", "created_at", "updated_at", "source_uri"]
    fieldsets = [
        (None, {"fields": ["section", "kicker", "headline", "lead", "body"]}),
        (_("Photo"), {"fields": ["feature_photo", "photo_preview"]}),
        (_("Credits and place"), {"fields": ["byline", "place"]}),
        (_("Publication"), {"fields": ["status", "published_at", "slug"]}),
        (_("Record"), {"classes": ["collapse"], "fields": ["source_uri", "created_at", "updated_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.published_at is not None and obj.status == Article.Status.PUBLISHED:
            # The public address stays as it was first published.
            readonly.append("slug")
        return readonly

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section", "feature_photo")

    @admin.display(description=_("photo"), boolean=True)
    def has_photo(self, article):
        return article.feature_photo_id is not None

    @admin.display(description=_("preview"))
    def photo_preview(self, article):
        return thumbnail(article.feature_photo, 240) if article.feature_photo_id else "—"
