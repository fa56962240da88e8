"""The three newsroom roles and what each may do.

Roles are Django groups, created with their permissions by a data
migration. This module names them for the code: checks ask for a
permission (``user.has_perm``), never for a group name, so a site may
give a person extra permissions without a new role.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

WRITER = "Penulis"
EDITOR = "Redaktur"
CHIEF_EDITOR = "Pemimpin Redaksi"
ROLE_NAMES = (WRITER, EDITOR, CHIEF_EDITOR)

ROLE_DESCRIPTIONS = {
    WRITER: _("Writes articles, imports Word documents and submits their own articles for review."),
    EDITOR: _("Edits any article, sends articles back with a comment, approves them and composes editions."),
    CHIEF_EDITOR: _("Everything an editor does, and publishes, schedules and unpublishes editions and manages roles."),
}

SUPERUSER_LABEL = _("superuser, for technical administration only")

_WRITER_PERMISSIONS = [
    "articles.view_article", "articles.add_article", "articles.change_article", "articles.delete_article",
    "articles.submit_article",
    "articles.view_photo", "articles.add_photo", "articles.change_photo",
    "articles.view_section",
]
_EDITOR_PERMISSIONS = _WRITER_PERMISSIONS + [
    "articles.edit_any_article", "articles.review_article", "articles.take_over_article",
    "editions.view_edition", "editions.add_edition", "editions.change_edition",
    "editions.compose_edition", "editions.build_edition",
    "editions.view_page", "editions.view_placement", "editions.view_build",
]
_CHIEF_EDITOR_PERMISSIONS = _EDITOR_PERMISSIONS + [
    "articles.publish_article", "articles.delete_photo",
    "articles.add_section", "articles.change_section", "articles.delete_section",
    "editions.publish_edition", "editions.delete_edition",
    "newsroom.view_auditentry",
    "auth.view_user", "auth.add_user", "auth.change_user",
]
# Permissions of each role as "app_label.codename". A change here reaches
# existing databases through a data migration that calls ensure_roles.
ROLE_PERMISSIONS = {
    WRITER: _WRITER_PERMISSIONS,
    EDITOR: _EDITOR_PERMISSIONS,
    CHIEF_EDITOR: _CHIEF_EDITOR_PERMISSIONS,
}


def ensure_roles(group_model=Group, permission_model=Permission) -> None:
    """Create the role groups and give them their permissions; leave extra permissions an administrator added.

    Migrations pass their historical models.
    """
    for name, codes in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(permission_model.objects.get(content_type__app_label=app_label, codename=codename))


def role_of(user) -> str:
    """Return the highest role ``user`` belongs to, or an empty string."""
    if not getattr(user, "is_authenticated", False):
        return ""
    names = set(user.groups.values_list("name", flat=True))
    for name in reversed(ROLE_NAMES):
        if name in names:
            return name
    return ""


def set_role(user, role: str) -> None:
    """Make ``role`` (one of ROLE_NAMES, or "" for none) the user's only newsroom role."""
    if role and role not in ROLE_NAMES:
        raise ValueError(f"unknown role {role!r}; expected one of {ROLE_NAMES}")
    user.groups.remove(*Group.objects.filter(name__in=ROLE_NAMES).exclude(name=role))
    if role:
        user.groups.add(Group.objects.get(name=role))
