"""Keep the reader site in step with the newsroom: clear cached pages, make page images."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from articles.models import Article, Photo, Section
from editions.models import Build, Edition, Page, Placement

from . import caching

logger = logging.getLogger(__name__)

# Build is left out: requesting a build changes nothing readers see, and a
# finished build reaches them by being saved as the edition's live build.
WATCHED_MODELS = (Article, Photo, Section, Edition, Page, Placement)


def _content_changed(sender, **kwargs):
    # After commit, so a page rendered during the transaction cannot be
    # cached with the old content under the new generation.
    # robust: a cache outage is logged by Django and never fails the save.
    transaction.on_commit(caching.invalidate, robust=True)


def _edition_saved(sender, instance: Edition, **kwargs):
    if instance.live_build_id and instance.is_published:
        build_id = instance.live_build_id
        # robust: the callback runs inside the build's commit, and a failure
        # here must never mark a finished build as failed. Django logs it.
        transaction.on_commit(lambda: _prepare_live_build(build_id), robust=True)


def _prepare_live_build(build_id: int) -> None:
    from .page_images import make_page_images

    build = Build.objects.filter(pk=build_id).first()
    try:
        make_page_images(build)
    except OSError:
        # The full-size page images still serve readers; the copies are made
        # again the next time the edition is saved or by make_reader_images.
        logger.exception("page images failed build=%s", build_id)


def connect() -> None:
    for model in WATCHED_MODELS:
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"reader-cache-{model.__name__}-save")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"reader-cache-{model.__name__}-delete")
    post_save.connect(_edition_saved, sender=Edition, dispatch_uid="reader-edition-page-images")
