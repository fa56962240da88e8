"""Read-side view of a published edition: its live build's pages with their articles."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from articles.models import Article
from editions.models import Edition

from .page_images import renditions_by_page


@dataclass
class PageView:
    number: int
    title: str
    data: dict
    files_url: str
    edition: Edition
    # (width, url) of the narrower WebP copies, narrowest first.
    renditions: list = field(default_factory=list)
    articles: list = field(default_factory=list)

    def _url(self, key: str) -> str:
        name = self.data.get(key)
        return f"{self.files_url}/{name}" if name else ""

    @property
    def thumb_webp(self) -> str:
        return self._url("thumb_webp")

    @property
    def thumb_jpg(self) -> str:
        return self._url("thumb_jpg")

    @property
    def image_webp(self) -> str:
        return self._url("image_webp")

    @property
    def image_jpg(self) -> str:
        return self._url("image_jpg")

    @property
    def image_width(self) -> int:
        return self.data.get("width", 1400)

    @property
    def image_height(self) -> int:
        return self.data.get("height", 1980)

    @property
    def webp_srcset(self) -> str:
        """The srcset of every WebP size of this page, the build's full-size image last."""
        candidates = [f"{url} {width}w" for width, url in self.renditions]
        if self.image_webp:
            candidates.append(f"{self.image_webp} {self.image_width}w")
        return ", ".join(candidates)

    @property
    def offline_image(self) -> str:
        """The page image kept for offline reading: the 720 px copy, or the full size if there is none."""
        for width, url in self.renditions:
            if width >= 720:
                return url
        return self.image_webp or self.image_jpg

    @property
    def pdf_name(self) -> str:
        return self.data.get("pdf", "").rsplit("/", 1)[-1]

    @property
    def pdf_size(self) -> int:
        return self.data.get("pdf_size", 0)

    @property
    def url(self) -> str:
        if self.number == 1:
            return self.edition.get_absolute_url()
        return reverse("reader:page", kwargs={"date": self.edition.date, "number": self.number})

    @property
    def pdf_url(self) -> str:
        if not self.pdf_name:
            return ""
        return reverse("reader:download-page", kwargs={"date": self.edition.date, "number": self.number, "filename": self.pdf_name})

    @property
    def stories(self) -> list:
        """The articles that start on this page (continuations are listed where they start)."""
        return [item for item in self.articles if not item["continued_from"]]


class EditionView:
    """An edition as readers see it, built from its live build's layout snapshot."""

    def __init__(self, edition: Edition):
        self.edition = edition
        self.build = edition.live_build
        snapshot = self.build.layout.get("pages", []) if self.build else []
        ids = {item["id"] for page in snapshot for item in page.get("articles", [])}
        articles = Article.objects.filter(pk__in=ids).select_related("section", "feature_photo").prefetch_related(
            "feature_photo__renditions"
        )
        by_id = {article.pk: article for article in articles}
        renditions = renditions_by_page(self.build) if self.build else {}
        self.pages = []
        for data in snapshot:
            view = PageView(
                number=data["number"], title=data["title"], data=data, edition=edition,
                files_url=f"{settings.MEDIA_URL}{self.build.files_dir}",
                renditions=renditions.get(data["number"], []),
            )
            for item in data.get("articles", []):
                article = by_id.get(item["id"])
                if article is not None:
                    view.articles.append({
                        "article": article,
                        "rect": item["rect"],
                        "role": item["role"],
                        "continued_from": item.get("continued_from"),
                        "continues_on": item.get("continues_on"),
                    })
            self.pages.append(view)

    def page(self, number: int) -> PageView | None:
        return next((page for page in self.pages if page.number == number), None)

    @property
    def pdf_name(self) -> str:
        return self.build.pdf_name

    @property
    def pdf_size(self) -> int:
        return self.build.pdf_size

    @property
    def pdf_url(self) -> str:
        return reverse("reader:download", kwargs={"date": self.edition.date, "filename": self.pdf_name})

    def articles(self) -> list[Article]:
        """Every article that starts in this edition, in page order, each once."""
        seen, ordered = set(), []
        for page in self.pages:
            for item in page.stories:
                if item["article"].pk not in seen:
                    seen.add(item["article"].pk)
                    ordered.append(item["article"])
        return ordered
