"""Published editions with real files on disk, made without running the PDF renderer.

The reader site only reads a build's layout snapshot and files, so tests
write small page images, per-page PDFs and an edition PDF with Pillow and
pikepdf and record them on a Build row the way editions/building.py does.
"""

import io
from pathlib import Path

import pikepdf
from django.conf import settings
from django.utils import timezone
from PIL import Image, ImageDraw

from editions.models import Build, Edition, Page, Placement
from tests.factories import ArticleFactory, EditionFactory

PAGE_SIZE = (700, 990)
THUMB_WIDTH = 120
PAGE_TITLES = ("Halaman Depan", "Pemerintahan", "Ekonomi", "Olahraga")


def _page_image(number: int) -> Image.Image:
    image = Image.new("RGB", PAGE_SIZE, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle([30, 30, PAGE_SIZE[0] - 30, 110], fill=(26, 26, 26))
    draw.rectangle([30, 140, PAGE_SIZE[0] - 30, 540], outline=(155, 28, 28), width=6)
    draw.rectangle([30, 580, PAGE_SIZE[0] - 30, 960], outline=(40, 40, 160), width=6)
    draw.text((50, 60), f"HALAMAN {number}", fill=(255, 255, 255))
    return image


def _pdf(pages: int) -> bytes:
    document = pikepdf.new()
    for _ in range(pages):
        page = document.add_blank_page(page_size=(842, 1191))
        # Some drawing, so a one-page PDF is several kilobytes like a real one.
        lines = "".join(f"{40 + i} {40 + i} m {800 - i} {1150 - i} l S\n" for i in range(400))
        page.obj.Contents = document.make_stream(lines.encode())
    buffer = io.BytesIO()
    document.save(buffer, compress_streams=False)
    return buffer.getvalue()


def published_edition(pages: int = 3, stories_per_page: int = 2, articles=None, **edition_fields) -> Edition:
    """A published edition whose live build has ``pages`` pages, each with two articles in known rectangles.

    The first story on a page fills the box at the top (rect 0.04-0.55 of the
    height), the second the box below it. ``articles`` places given articles
    first, in order, before new ones are made.
    """
    supplied = list(articles or [])
    edition = EditionFactory(status=Edition.Status.PUBLISHED, published_at=timezone.now(), **edition_fields)
    build = Build.objects.create(edition=edition, status=Build.Status.DONE, finished_at=timezone.now())
    files_dir = f"editions/{edition.date.isoformat()}/build-{build.pk}"
    folder = Path(settings.MEDIA_ROOT) / files_dir
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    stem = f"{settings.DOWNLOAD_PREFIX}-{edition.date.isoformat()}"
    whole = _pdf(pages)
    (folder / f"{stem}.pdf").write_bytes(whole)

    snapshot = []
    for number in range(1, pages + 1):
        title = PAGE_TITLES[(number - 1) % len(PAGE_TITLES)]
        page = Page.objects.create(edition=edition, number=number, title=title, template="front" if number == 1 else "section")
        image = _page_image(number)
        image.save(folder / f"pages/image-{number:02d}.webp", "WEBP", quality=70)
        image.save(folder / f"pages/image-{number:02d}.jpg", "JPEG", quality=75)
        thumb = image.resize((THUMB_WIDTH, round(PAGE_SIZE[1] * THUMB_WIDTH / PAGE_SIZE[0])))
        thumb.save(folder / f"pages/thumb-{number:02d}.webp", "WEBP")
        thumb.save(folder / f"pages/thumb-{number:02d}.jpg", "JPEG")
        single = _pdf(1)
        pdf_name = f"{stem}-hal-{number:02d}.pdf"
        (folder / "pages" / pdf_name).write_bytes(single)
        placed = []
        for position in range(stories_per_page):
            article = supplied.pop(0) if supplied else ArticleFactory()
            Placement.objects.create(
                page=page, article=article, position=position,
                role=Placement.Role.LEAD if position == 0 else Placement.Role.SECONDARY,
            )
            top = 0.1414 if position == 0 else 0.5859
            placed.append({
                "id": article.pk, "role": "lead" if position == 0 else "secondary",
                "continued_from": None, "continues_on": None,
                "rect": [0.0429, top, 0.9142, 0.404],
            })
        snapshot.append({
            "number": number, "title": title, "template": page.template, "articles": placed, "teasers": [],
            "image_webp": f"pages/image-{number:02d}.webp", "image_jpg": f"pages/image-{number:02d}.jpg",
            "thumb_webp": f"pages/thumb-{number:02d}.webp", "thumb_jpg": f"pages/thumb-{number:02d}.jpg",
            "width": PAGE_SIZE[0], "height": PAGE_SIZE[1],
            "pdf": f"pages/{pdf_name}", "pdf_size": len(single),
        })

    Build.objects.filter(pk=build.pk).update(
        files_dir=files_dir, pdf_name=f"{stem}.pdf", pdf_size=len(whole), page_count=pages,
        layout={"pages": snapshot},
    )
    edition.live_build = build
    edition.save()
    edition.refresh_from_db()
    return edition
