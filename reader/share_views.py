"""Share images served at stable addresses that crawlers of WhatsApp, Facebook, Telegram and X fetch."""

from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from . import share_images
from .downloads import ranged_file_response
from .queries import published_edition, visible_articles


def _serve(request, image, filename: str):
    path = Path(settings.MEDIA_ROOT) / image.file.name
    if not path.is_file():
        raise Http404("share image missing")
    return ranged_file_response(request, path, filename, content_type="image/jpeg", inline=True)


@require_GET
def article_share_image(request, slug):
    article = get_object_or_404(visible_articles().select_related("section", "feature_photo"), slug=slug)
    return _serve(request, share_images.article_share_image(article), f"{article.slug}.jpg")


@require_GET
def edition_share_image(request, date):
    edition = published_edition(date)
    filename = f"{settings.DOWNLOAD_PREFIX}-{edition.date.isoformat()}.jpg"
    return _serve(request, share_images.edition_share_image(edition), filename)
