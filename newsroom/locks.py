"""Edit locks: one person edits an object at a time.

Opening an object's edit page takes its lock; the page's heartbeat keeps
it, and leaving the page releases it. A lock whose page stopped sending
heartbeats (browser closed, laptop asleep) is free after LOCK_TIMEOUT.
Someone with the take-over permission may take a live lock. The previous
holder's next save is then rejected with the form kept, so nothing they
typed is lost.
"""

import logging
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import EditLock

logger = logging.getLogger(__name__)

# The editing page sends a heartbeat this often (seconds).
HEARTBEAT_SECONDS = 60
# A lock with no heartbeat for this long is treated as released. It spans a
# few missed heartbeats, so a slow network does not drop a lock.
LOCK_TIMEOUT = timedelta(minutes=5)


def _key(obj) -> dict:
    return {"content_type": ContentType.objects.get_for_model(obj), "object_id": obj.pk}


def _is_live(lock: EditLock, now) -> bool:
    return lock.seen_at >= now - LOCK_TIMEOUT


def current_lock(obj) -> EditLock | None:
    """Return the live lock on ``obj``, or None when no one is editing it."""
    lock = EditLock.objects.select_related("user").filter(**_key(obj)).first()
    if lock is None or not _is_live(lock, timezone.now()):
        return None
    return lock


def held_by_other(obj, user) -> EditLock | None:
    """Return the live lock on ``obj`` when someone other than ``user`` holds it."""
    lock = current_lock(obj)
    if lock is not None and lock.user_id != user.pk:
        return lock
    return None


def acquire(obj, user) -> EditLock:
    """Take or refresh the lock on ``obj`` for ``user``.

    Returns the lock that is in force afterwards: ``user``'s own, or the
    live lock of someone else, which is left alone.
    """
    now = timezone.now()
    key = _key(obj)
    with transaction.atomic():
        lock = EditLock.objects.select_for_update().select_related("user").filter(**key).first()
        if lock is None:
            try:
                with transaction.atomic():
                    lock = EditLock.objects.create(user=user, acquired_at=now, seen_at=now, **key)
            except IntegrityError:
                # Another request created the lock between the read and the insert.
                lock = EditLock.objects.select_for_update().select_related("user").get(**key)
            else:
                logger.info("lock acquired object=%s:%s user=%s", key["content_type"].pk, obj.pk, user.pk)
                return lock
        if lock.user_id == user.pk:
            lock.seen_at = now
            lock.save(update_fields=["seen_at"])
            return lock
        if _is_live(lock, now):
            return lock
        logger.info(
            "expired lock replaced object=%s:%s previous_user=%s user=%s",
            key["content_type"].pk, obj.pk, lock.user_id, user.pk,
        )
        lock.user, lock.acquired_at, lock.seen_at = user, now, now
        lock.save(update_fields=["user", "acquired_at", "seen_at"])
        return lock


def release(obj, user) -> bool:
    """Drop ``user``'s lock on ``obj``; return whether there was one."""
    deleted, _ = EditLock.objects.filter(user=user, **_key(obj)).delete()
    if deleted:
        logger.info("lock released object=%s:%s user=%s", ContentType.objects.get_for_model(obj).pk, obj.pk, user.pk)
    return bool(deleted)


def take_over(obj, user) -> EditLock | None:
    """Give ``user`` the lock on ``obj`` even if someone holds it; return the lock it replaced, if live."""
    now = timezone.now()
    key = _key(obj)
    with transaction.atomic():
        lock = EditLock.objects.select_for_update().select_related("user").filter(**key).first()
        previous = None
        if lock is None:
            EditLock.objects.create(user=user, acquired_at=now, seen_at=now, **key)
        else:
            if lock.user_id != user.pk and _is_live(lock, now):
                previous = EditLock(user=lock.user, acquired_at=lock.acquired_at, seen_at=lock.seen_at, **key)
            lock.user, lock.acquired_at, lock.seen_at = user, now, now
            lock.save(update_fields=["user", "acquired_at", "seen_at"])
    logger.info(
        "lock taken over object=%s:%s user=%s previous_user=%s",
        key["content_type"].pk, obj.pk, user.pk, previous.user_id if previous else None,
    )
    return previous
