import logging

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import audit, roles
from .models import AuditEntry

logger = logging.getLogger(__name__)
User = get_user_model()


class ObjectFilter(admin.SimpleListFilter):
    """Narrow the log to one object, as linked from that object's pages (``?object=articles.article:12``)."""

    title = _("object")
    parameter_name = "object"

    def lookups(self, request, model_admin):
        value = self.value()
        if not value:
            return []
        return [(value, _("this object only"))]

    def queryset(self, request, queryset):
        value = self.value()
        if not value or ":" not in value or "." not in value.split(":", 1)[0]:
            return queryset
        label, object_id = value.split(":", 1)
        app_label, model = label.split(".", 1)
        return queryset.filter(content_type__app_label=app_label, content_type__model=model, object_id=object_id)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "object_link", "note_preview"]
    list_filter = [("actor", admin.RelatedOnlyFieldListFilter), "action", "content_type", ObjectFilter, "at"]
    date_hierarchy = "at"
    search_fields = ["object_repr", "note", "actor__username", "actor__first_name", "actor__last_name"]
    list_select_related = ["actor", "content_type"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("person"), ordering="actor__username")
    def actor_name(self, entry):
        if entry.actor_id is None:
            return _("system")
        return entry.actor.get_full_name() or entry.actor.get_username()

    @admin.display(description=_("object"), ordering="object_repr")
    def object_link(self, entry):
        if entry.content_type_id is None or not entry.object_id:
            return entry.details.get("path", "—")
        try:
            url = reverse(
                f"admin:{entry.content_type.app_label}_{entry.content_type.model}_change", args=[entry.object_id]
            )
        except NoReverseMatch:
            return entry.object_repr
        return format_html('<a href="{}">{}</a>', url, entry.object_repr)

    @admin.display(description=_("note"))
    def note_preview(self, entry):
        return entry.note[:160]


class RoleField(forms.ChoiceField):
    def __init__(self, **kwargs):
        choices = [("", _("No newsroom role"))] + [(name, f"{name}: {roles.ROLE_DESCRIPTIONS[name]}") for name in roles.ROLE_NAMES]
        super().__init__(choices=choices, required=False, widget=forms.RadioSelect, **kwargs)


class NewsroomUserChangeForm(forms.ModelForm):
    """What a chief editor may change about a colleague: names, e-mail, active, and the role."""

    role = RoleField(label=_("Role"))

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["role"].initial = roles.role_of(self.instance)


class RoleAwareUserChangeForm(UserAdmin.form):
    """Django's user form for superusers, with the newsroom role as one choice."""

    role = RoleField(label=_("Newsroom role"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["role"].initial = roles.role_of(self.instance)


class NewsroomUserAdmin(UserAdmin):
    """The user admin, narrowed for chief editors who are not superusers.

    A superuser sees Django's full form. A chief editor sees only the role
    and the personal fields, cannot touch superusers, and cannot grant
    superuser status or single permissions, so managing the newsroom never
    hands out more than the three roles.
    """

    form = RoleAwareUserChangeForm
    list_display = ["username", "first_name", "last_name", "role_name", "is_active", "last_login"]
    list_filter = ["groups", "is_active", "is_staff"]

    def _limited(self, request) -> bool:
        return not request.user.is_superuser

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("groups")
        if self._limited(request):
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and self._limited(request):
            kwargs["form"] = NewsroomUserChangeForm
            kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is not None and self._limited(request):
            return [
                (None, {"fields": ["username_display", "role"]}),
                (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
                (_("Access"), {"fields": ["is_active"]}),
            ]
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.insert(1, (_("Newsroom role"), {"fields": ["role"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and self._limited(request):
            return ["username_display"]
        return super().get_readonly_fields(request, obj)

    @admin.display(description=_("username"))
    def username_display(self, user):
        return user.get_username()

    @admin.display(description=_("role"))
    def role_name(self, user):
        names = [group.name for group in user.groups.all() if group.name in roles.ROLE_NAMES]
        return ", ".join(names) or "—"

    def save_model(self, request, obj, form, change):
        if self._limited(request) and obj.is_superuser:
            # The queryset hides superusers; this guards a forged id.
            raise PermissionDenied("a chief editor cannot change a superuser")
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        before = roles.role_of(form.instance) if change else ""
        super().save_related(request, form, formsets, change)
        if "role" not in form.cleaned_data:
            return
        after = form.cleaned_data["role"]
        if after == before:
            return
        roles.set_role(form.instance, after)
        if after and not form.instance.is_staff:
            form.instance.is_staff = True
            form.instance.save(update_fields=["is_staff"])
        audit.record(
            request.user, audit.Action.ROLE_CHANGED, form.instance,
            note=f"{before or '—'} → {after or '—'}", before=before, after=after,
        )


admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
