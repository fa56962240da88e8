"""Editions in the states the newsroom tests need, without running a real build."""

from django.utils import timezone
from PIL import Image

from editions.models import Build, Edition, Page, Placement
from tests.factories import ArticleFactory, EditionFactory


def fake_done_build(edition: Edition, media_root, *, publish_when_done: bool = False) -> Build:
    """A finished build with a PDF, an HTML file and page thumbnails on disk, made the live build."""
    build = Build.objects.create(
        edition=edition, status=Build.Status.DONE, started_at=timezone.now(), finished_at=timezone.now(),
        publish_when_done=publish_when_done, page_count=edition.pages.count(), pdf_name="koran.pdf", pdf_size=10,
    )
    folder = f"editions/{edition.date.isoformat()}/build-{build.pk}"
    (media_root / folder / "pages").mkdir(parents=True)
    (media_root / folder / "koran.pdf").write_bytes(b"%PDF-1.7 test")
    (media_root / folder / "edition.html").write_text("<html><body>Edisi percobaan</body></html>", encoding="utf-8")
    pages = []
    for page in edition.pages.order_by("number"):
        name = f"pages/thumb-{page.number:02d}.jpg"
        Image.new("RGB", (24, 34), "white").save(media_root / folder / name)
        pages.append({"number": page.number, "thumb_jpg": name})
    Build.objects.filter(pk=build.pk).update(files_dir=folder, layout={"pages": pages})
    Edition.objects.filter(pk=edition.pk).update(live_build=build)
    edition.refresh_from_db()
    build.refresh_from_db()
    return build


def edition_of_approved(count_per_page=(2, 1), **fields) -> Edition:
    """An edition whose pages hold approved articles, the first on each page its lead."""
    from articles.models import Article

    edition = EditionFactory(**fields)
    for number, count in enumerate(count_per_page, start=1):
        page = Page.objects.create(edition=edition, number=number, title=f"Halaman {number}",
                                   template="front" if number == 1 else "section")
        for position in range(count):
            Placement.objects.create(
                page=page, article=ArticleFactory(status=Article.Status.APPROVED, published_at=None),
                position=position, role=Placement.Role.LEAD if position == 0 else Placement.Role.SECONDARY,
            )
    return edition
