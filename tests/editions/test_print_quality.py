"""The PDF as a print editor and a PDF reader see it: fonts, metadata, tags, links, images."""

import re
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from articles.renditions import store_photo
from editions.models import Build
from tests import images
from tests.factories import edition_with_stories

from .helpers import build_now, flat, pdf_path, pdf_text

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SPECIAL = (
    "<p>Harga beras Rp 1.500.000 per ton, suhu 28°C — cuaca “cerah” dan ‘sejuk’ di Café Tepian, "
    "porsi ½ piring.</p><p>Salam dari warga 🙂 🇮🇩 dan السلام عليكم dari tamu.</p>"
)
SHIPPED_FONT = re.compile(r"Source-Serif-4|Source-Sans-3|Koran-Fallback")


@pytest.fixture
def special_build(media_root):
    edition = edition_with_stories(((1,),))
    article = Article.objects.get()
    article.body = SPECIAL
    article.save()
    return build_now(edition)


def pdffonts(path: Path) -> list[dict]:
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in output.splitlines()[2:]:
        parts = line.split()
        # name, type..., encoding, emb, sub, uni, object, id
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def test_fonts_embedded_subset_and_shipped(special_build):
    assert special_build.status == Build.Status.DONE, special_build.error_detail

    fonts = pdffonts(pdf_path(special_build))

    assert fonts
    for font in fonts:
        assert font["emb"] == "yes", font
        assert font["sub"] == "yes", font
        assert SHIPPED_FONT.search(font["name"]), font


def test_special_characters_survive_extraction(special_build):
    text = flat(pdf_text(pdf_path(special_build)))

    for phrase in ["Rp 1.500.000", "28°C", "—", "“cerah”", "‘sejuk’", "Café Tepian", "½"]:
        assert phrase in text, phrase
    assert "\ufffd" not in text


def test_emoji_arabic_use_fallback_font(special_build):
    names = " ".join(font["name"] for font in pdffonts(pdf_path(special_build)))
    text = pdf_text(pdf_path(special_build))

    assert "Koran-Fallback" in names
    assert "🙂" in text
    assert "السلام" in text


def test_pdf_metadata_names_the_edition(media_root):
    edition = edition_with_stories(((1,),))

    build = build_now(edition)

    with pikepdf.open(pdf_path(build)) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]).startswith("Koran Digital")
        assert "Prokopim" in str(info["/Author"]) or "Protokol" in str(info["/Author"])
        assert str(edition.number) in str(info["/Subject"])
        assert str(info["/CreationDate"]).startswith("D:")
        assert str(pdf.Root.Lang) == "id"
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_each_article_block_links_to_its_web_page(media_root):
    edition = edition_with_stories(((2,),))

    build = build_now(edition)

    urls = set()
    with pikepdf.open(pdf_path(build)) as pdf:
        for annotation in pdf.pages[0].get("/Annots", []):
            action = annotation.get("/A")
            if action is not None and "/URI" in action:
                urls.add(str(action.URI))
    for article in Article.objects.all():
        assert f"http://testserver{article.get_absolute_url()}" in urls


def test_photos_embedded_at_150_dpi(media_root):
    edition = edition_with_stories(((1,), (1,)))
    for index, article in enumerate(Article.objects.all()):
        big = images.encoded(images.upright_arrow(4032, 3024), "JPEG", quality=90)
        article.feature_photo = store_photo(SimpleUploadedFile(f"IMG_{index}.JPG", big))
        article.save()

    build = build_now(edition)

    document = pdfium.PdfDocument(str(pdf_path(build)))
    found = 0
    for page in document:
        for picture in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
            left, bottom, right, top = picture.get_bounds()
            width_mm = (right - left) / 72 * 25.4
            if width_mm < 40:
                continue  # the masthead's crest, not a photo
            pixels_wide, _ = picture.get_px_size()
            dpi = pixels_wide / ((right - left) / 72)
            found += 1
            assert 140 <= dpi <= 160, (width_mm, dpi)
    document.close()
    assert found == 2


def test_large_edition_within_size_budget(media_root):
    from benchmarks.generate import PAGES, PHOTOS, generate_edition
    from benchmarks.run import PDF_BUDGET_BYTES

    edition = generate_edition("2027-01-04", distinct_photos=6)

    build = build_now(edition)

    assert build.status == Build.Status.DONE, build.error
    assert build.page_count == PAGES
    assert build.pdf_size <= PDF_BUDGET_BYTES, build.pdf_size
    with pikepdf.open(pdf_path(build)) as pdf:
        # Pages may share one resource dictionary, so count each image object once.
        photos = {image.objgen for page in pdf.pages for image in page.get_images().values() if int(image.Width) > 300}
    assert len(photos) == PHOTOS
