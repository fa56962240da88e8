"""Keep editions' bookkeeping in step with changes made anywhere: composer, plans, builds."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Edition, Page, Placement


@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
@receiver(post_save, sender=Placement)
@receiver(post_delete, sender=Placement)
def mark_composed(sender, instance, **kwargs):
    """Record that the pages changed, so a build from before is known to be stale."""
    edition_id = instance.edition_id if sender is Page else Page.objects.filter(pk=instance.page_id).values_list(
        "edition_id", flat=True
    ).first()
    if edition_id is not None:
        Edition.objects.filter(pk=edition_id).update(composed_at=timezone.now())


@receiver(post_save, sender=Edition)
def publish_when_built(sender, instance, update_fields=None, **kwargs):
    if update_fields and "live_build" in update_fields:
        from .publishing import publish_when_built as finish

        finish(instance, update_fields)
