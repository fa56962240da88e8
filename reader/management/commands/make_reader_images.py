from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reader.page_images import make_page_images
from reader.queries import published_editions, visible_articles
from reader.share_images import article_share_image, edition_share_image


class Command(BaseCommand):
    help = _(
        "Make the phone-sized page images and the share images of every published edition and article "
        "that does not have them yet. Safe to run again: existing images are reused."
    )

    def add_arguments(self, parser):
        parser.add_argument("--latest", type=int, default=0, help=_("Only the newest N editions and their articles (0: all)."))

    def handle(self, *args, **options):
        editions = published_editions().order_by("-date")
        if options["latest"]:
            editions = editions[: options["latest"]]
        page_images = share_images = 0
        for edition in editions:
            page_images += make_page_images(edition.live_build)
            edition_share_image(edition)
            share_images += 1
        for article in visible_articles().select_related("section", "feature_photo").iterator(chunk_size=100):
            article_share_image(article)
            share_images += 1
        self.stdout.write(self.style.SUCCESS(
            _("%(pages)s page images made; %(shares)s share images checked.") % {"pages": page_images, "shares": share_images}
        ))
