from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One thing a person (or the scheduler) did in the newsroom."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("edited")
        IMPORTED = "imported", _("imported from Word")
        SUBMITTED = "submitted", _("submitted for review")
        RETURNED = "returned", _("sent back to draft")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")
        UNPUBLISHED = "unpublished", _("unpublished")
        CORRECTED = "corrected", _("corrected")
        RESTORED = "restored", _("restored a revision")
        DELETED = "deleted", _("deleted")
        LOCK_TAKEN_OVER = "lock_taken_over", _("took over editing")
        COMPOSED = "composed", _("composed pages")
        BUILT = "built", _("requested a build")
        REBUILT = "rebuilt", _("rebuilt")
        SCHEDULED = "scheduled", _("scheduled publication")
        UNSCHEDULED = "unscheduled", _("cancelled scheduled publication")
        SCHEDULE_FAILED = "schedule_failed", _("scheduled publication stopped")
        ROLE_CHANGED = "role_changed", _("changed a role")
        DENIED = "denied", _("was refused")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="audit_entries", help_text=_("Empty when the system acted, such as a scheduled publication."),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of object"), null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.CharField(_("object id"), max_length=40, blank=True, db_index=True)
    # Kept as text so the entry still reads well after the object is deleted.
    object_repr = models.CharField(_("object"), max_length=250, blank=True)
    note = models.TextField(_("note"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object")]

    def __str__(self):
        who = self.actor.get_username() if self.actor_id else _("system")
        return f"{who} {self.get_action_display()} {self.object_repr}"


class EditLock(models.Model):
    """Who has an object open for editing; others see it read-only until the lock expires or is taken over."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    acquired_at = models.DateTimeField(_("opened at"))
    # Refreshed by the editing page's heartbeat; a lock not seen for
    # locks.LOCK_TIMEOUT is free for anyone.
    seen_at = models.DateTimeField(_("last seen at"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="one_lock_per_object")]
        verbose_name = _("edit lock")
        verbose_name_plural = _("edit locks")

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.user_id}"
