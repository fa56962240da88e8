"""Pages checked the way a person looks at them: rasterised, with boxes, text and photos in place."""

import os
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageChops, ImageStat

from articles.models import Article
from articles.renditions import store_photo
from editions.models import Build
from layout.templates import get_template
from tests import images
from tests.factories import ArticleFactory, EditionFactory, paragraphs

from .helpers import build_now
from .pdfcheck import build_files

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

REFERENCE = Path(__file__).parent / "reference"
# Largest white hole allowed at the bottom of a story's box, as a share of
# the page's height: more than this looks like a missing story to a reader.
MAX_HOLE = 0.12
# Mean difference (0-255) allowed between a page and its reference image;
# anti-aliasing differences between machines stay well under it.
REFERENCE_TOLERANCE = 3.0


def overlaps(a, b) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def page_image(pdf_path: Path, index: int, width: int = 400) -> Image.Image:
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        page = document[index]
        return page.render(scale=width / page.get_width()).to_pil().convert("L")
    finally:
        document.close()


def holes(image: Image.Image, layout_page: dict) -> list[tuple]:
    """White space at the bottom of each story's box, as a share of the page height."""
    found = []
    for item in layout_page["articles"]:
        x, y, w, h = item["rect"]
        box = image.crop((int(x * image.width) + 2, int(y * image.height), int((x + w) * image.width) - 2, int((y + h) * image.height)))
        rows = [box.crop((0, row, box.width, row + 1)) for row in range(box.height)]
        blank = 0
        for row in reversed(rows):
            if ImageStat.Stat(row).extrema[0][0] < 200:
                break
            blank += 1
        found.append((item["id"], blank / image.height))
    return found


@pytest.fixture
def mixed_edition(media_root):
    """Three pages with long and short stories, landscape and portrait photos."""
    edition = EditionFactory(number=1, date=date(2026, 12, 7), masthead="Koran Digital Kabupaten Paser")
    from editions.models import Page, Placement

    layout = [("front", [(700, "landscape"), (260, None)]),
              ("section", [(300, "portrait"), (240, "landscape"), (180, None)]),
              ("back", [(520, None), (90, "landscape")])]
    photo_number = 0
    for number, (template, stories) in enumerate(layout, start=1):
        page = Page.objects.create(edition=edition, number=number, title=f"Rubrik {number}", template=template)
        for position, (words, shape) in enumerate(stories):
            photo = None
            if shape:
                size = (4000, 2661) if shape == "landscape" else (3000, 4000)
                data = images.encoded(images.upright_arrow(*size), "JPEG", quality=85)
                photo = store_photo(SimpleUploadedFile(f"foto-{photo_number}.jpg", data), caption="Keterangan foto.", credit="Prokopim")
                photo_number += 1
            article = ArticleFactory(
                headline=f"Berita {number}.{position + 1} tentang Jalan Desa yang Selesai Dibangun",
                body=paragraphs(max(1, words // 60), 60), feature_photo=photo,
            )
            Placement.objects.create(page=page, article=article, position=position,
                                     role=Placement.Role.LEAD if position == 0 else Placement.Role.SECONDARY)
    return edition


def test_story_boxes_do_not_overlap_and_stay_on_the_page(mixed_edition):
    build = build_now(mixed_edition)
    assert build.status == Build.Status.DONE, build.error_detail
    _, layout = build_files(build)

    for page in layout["pages"]:
        template = get_template(page["template"])
        rects = [item["rect"] for item in page["articles"]]
        for index, rect in enumerate(rects):
            x, y, w, h = rect
            assert x >= template.margin_left / template.width - 0.001
            assert x + w <= 1 - template.margin_right / template.width + 0.001
            assert y + h <= 1 - template.margin_bottom / template.height + 0.001
            for other in rects[index + 1:]:
                assert not overlaps(rect, other), (page["number"], rect, other)


def test_no_character_is_drawn_outside_the_page_margins(mixed_edition):
    build = build_now(mixed_edition)
    pdf, layout = build_files(build)

    document = pdfium.PdfDocument(str(pdf))
    for index, page_data in enumerate(layout["pages"]):
        template = get_template(page_data["template"])
        page = document[index]
        box_left, box_bottom, box_right, box_top = page.get_mediabox()
        width = box_right - box_left
        scale = width / template.width
        textpage = page.get_textpage()
        # Two points of slack: italic and bold glyphs overhang their advance a little.
        left = box_left + template.margin_left * scale - 2
        right = box_right - template.margin_right * scale + 2
        bottom = box_bottom + 4 * scale  # the folio line sits in the bottom margin on purpose
        top = box_top - template.margin_top * scale + 2
        for char in range(textpage.count_chars()):
            if textpage.get_text_range(char, 1).isspace():
                continue
            x0, y0, x1, y1 = textpage.get_charbox(char)
            assert left <= x0 and x1 <= right and bottom <= y0 and y1 <= top, (index + 1, char, (x0, y0, x1, y1))
    document.close()


def test_photos_are_upright_in_the_pdf(media_root):
    edition = EditionFactory(number=1)
    from editions.models import Page, Placement

    page = Page.objects.create(edition=edition, number=1, title="Depan", template="section")
    data = images.jpeg_with_orientation(6, 3024, 4032)
    photo = store_photo(SimpleUploadedFile("IMG_0001.JPG", data), caption="Panah", credit="Uji")
    photo.focal_y = 0.0
    photo.save()
    Placement.objects.create(page=page, article=ArticleFactory(feature_photo=photo), role=Placement.Role.LEAD)

    build = build_now(edition)

    document = pdfium.PdfDocument(str(build_files(build)[0]))
    pictures = [picture for picture in document[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
                if picture.get_px_size()[0] > 300]
    assert len(pictures) == 1
    embedded = pictures[0].get_bitmap(render=False).to_pil().convert("RGB")
    document.close()
    width, height = embedded.size
    assert images._is_red(embedded.getpixel((width // 2, height // 30)))
    assert images._is_white(embedded.getpixel((width // 20, height // 30)))
    assert images._is_white(embedded.getpixel((width - width // 20, height // 30)))


def test_no_story_box_leaves_a_large_hole(mixed_edition):
    build = build_now(mixed_edition)
    pdf, layout = build_files(build)

    for index, page in enumerate(layout["pages"]):
        image = page_image(pdf, index)
        for story, hole in holes(image, page):
            assert hole <= MAX_HOLE, (page["number"], story, round(hole, 3))


@pytest.mark.parametrize("page_number", [1, 2])
def test_page_matches_its_reference_image(mixed_edition, page_number):
    build = build_now(mixed_edition)
    pdf, _ = build_files(build)
    image = page_image(pdf, page_number - 1, width=300)
    reference = REFERENCE / f"mixed-page-{page_number}.png"

    if os.environ.get("UPDATE_REFERENCE_IMAGES") == "1" or not reference.exists():
        REFERENCE.mkdir(exist_ok=True)
        image.save(reference, optimize=True)
        pytest.skip(f"wrote {reference.name}; commit it and run again")
    expected = Image.open(reference).convert("L")

    assert image.size == expected.size
    difference = ImageStat.Stat(ImageChops.difference(image, expected)).mean[0]
    assert difference <= REFERENCE_TOLERANCE, difference
