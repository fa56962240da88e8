"""Writing the activity log: one call per thing a person did."""

import logging

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry

logger = logging.getLogger(__name__)

Action = AuditEntry.Action


def record(actor, action: str, obj=None, *, note: str = "", **details) -> AuditEntry:
    """Add an entry to the activity log; ``actor`` None means the system acted."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    entry = AuditEntry.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:250] if obj is not None else "",
        note=note,
        details=details,
    )
    logger.info(
        "audit action=%s actor=%s object=%s:%s", action, getattr(actor, "pk", None),
        entry.content_type_id, entry.object_id,
    )
    return entry


def entries_for(obj):
    """Activity log entries about ``obj``, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")
