"""RSS 2.0 and Atom feeds of the latest articles and editions, with links on SITE_URL."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from .queries import published_editions, visible_articles
from .seo import absolute

FEED_LENGTH = 30


class ArticleRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "id"
    description = _("The latest articles of the daily digital newspaper of Kabupaten Paser.")

    def title(self):
        return settings.SITE_NAME

    def link(self):
        return absolute(reverse("reader:home"))

    def feed_url(self):
        return absolute(reverse("site:article-feed"))

    def author_name(self):
        return settings.PUBLISHER_NAME

    def items(self):
        return visible_articles().select_related("section", "feature_photo").order_by("-published_at")[:FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.lead or item.plain_body[:400]

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or settings.PUBLISHER_NAME

    def item_categories(self, item):
        return [item.section.name]

    def item_enclosures(self, item):
        from django.utils.feedgenerator import Enclosure

        photo = item.feature_photo
        if photo is None:
            return []
        rendition = next((r for r in sorted(photo.renditions_by_format("JPEG"), key=lambda r: r.width) if r.width >= 640), None)
        if rendition is None:
            return []
        return [Enclosure(absolute(rendition.url), str(rendition.size), "image/jpeg")]


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed
    subtitle = ArticleRssFeed.description

    def feed_url(self):
        return absolute(reverse("site:article-atom-feed"))


class EditionRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "id"
    description = _("Every edition of the daily digital newspaper of Kabupaten Paser, with its PDF.")

    def title(self):
        return _("%(site)s: editions") % {"site": settings.SITE_NAME}

    def link(self):
        return absolute(reverse("reader:archive"))

    def feed_url(self):
        return absolute(reverse("site:edition-feed"))

    def author_name(self):
        return settings.PUBLISHER_NAME

    def items(self):
        return published_editions().order_by("-date")[:FEED_LENGTH]

    def item_title(self, item):
        return _("Edition %(number)s, %(date)s") % {"number": item.number, "date": item.date.strftime("%d-%m-%Y")}

    def item_description(self, item):
        pages = item.live_build.page_count or 0
        return _("%(masthead)s, %(pages)s pages.") % {"masthead": item.masthead_text, "pages": pages}

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at or timezone.make_aware(timezone.datetime.combine(item.date, timezone.datetime.min.time()))

    def item_updateddate(self, item):
        return item.updated_at

    def item_enclosures(self, item):
        from django.utils.feedgenerator import Enclosure

        build = item.live_build
        if not build.pdf_name:
            return []
        url = absolute(reverse("reader:download", kwargs={"date": item.date, "filename": build.pdf_name}))
        return [Enclosure(url, str(build.pdf_size or 0), "application/pdf")]


class EditionAtomFeed(EditionRssFeed):
    feed_type = Atom1Feed
    subtitle = EditionRssFeed.description

    def feed_url(self):
        return absolute(reverse("site:edition-atom-feed"))
