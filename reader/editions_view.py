"""Read-side view of a published edition: its live build's pages with their articles."""

from dataclasses import dataclass, field

from django.conf import settings

from articles.models import Article
from editions.models import Edition


@dataclass
class PageView:
    number: int
    title: str
    data: dict
    files_url: str
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
    def pdf_name(self) -> str:
        return self.data.get("pdf", "").rsplit("/", 1)[-1]

    @property
    def pdf_size(self) -> int:
        return self.data.get("pdf_size", 0)


class EditionView:
    """An edition as readers see it, built from its live build's layout snapshot."""

    def __init__(self, edition: Edition):
        self.edition = edition
        self.build = edition.live_build
        snapshot = self.build.layout.get("pages", []) if self.build else []
        ids = {item["id"] for page in snapshot for item in page.get("articles", [])}
        articles = Article.objects.filter(pk__in=ids).select_related("section", "feature_photo").prefetch_related("feature_photo__renditions")
        by_id = {article.pk: article for article in articles}
        self.pages = []
        for data in snapshot:
            view = PageView(
                number=data["number"], title=data["title"], data=data,
                files_url=f"{settings.MEDIA_URL}{self.build.files_dir}",
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
