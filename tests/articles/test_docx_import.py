"""Word documents become draft articles: headline, clean body, photos; unusable files are explained."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.importers.docx import DocxRejected, import_docx
from articles.models import Article, Photo
from articles.revisions import versions_of
from newsroom.models import AuditEntry
from tests.docx_files import DocxWriter
from tests.factories import SectionFactory
from tests.images import encoded, upright_arrow

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_upload(data: bytes, name: str = "rilis.docx"):
    return SimpleUploadedFile(name, data, content_type=DOCX_TYPE)


@pytest.fixture
def press_release(corpus):
    return (corpus / "docx" / "rilis-pers.docx").read_bytes()


def test_example_press_release_becomes_a_draft(press_release, writer, media_root):
    section = SectionFactory(name="Ekonomi", slug="ekonomi")

    result = import_docx(docx_upload(press_release, "rilis-pers.docx"), section=section, user=writer)

    article = result.article
    article.refresh_from_db()
    assert article.headline == "Dinas Koperasi dan UKM Latih 40 Pemuda Desa Menjadi Barista"
    assert article.kicker == "SIARAN PERS"
    assert article.status == Article.Status.DRAFT
    assert article.created_by == writer
    assert article.section == section
    assert article.body.startswith("<p><strong>TANA PASER, 5 Desember 2026</strong> – Dinas Koperasi")
    assert "<strong>Selama ini sebagian besar kopi petani" in article.body
    assert article.body.count("<li>") == 5
    assert "<ul>" in article.body
    assert "SIARAN PERS" not in article.body
    assert "Latih 40 Pemuda Desa Menjadi Barista</" not in article.body
    assert "<img" not in article.body
    assert "Rachel Michetti" not in article.body


def test_example_press_release_picture_becomes_the_feature_photo(press_release, writer, media_root):
    result = import_docx(docx_upload(press_release), section=SectionFactory(), user=writer)

    article = result.article
    photo = article.feature_photo
    assert list(article.photos.all()) == [photo]
    assert (photo.width, photo.height) == (1600, 1067)
    assert photo.caption == "Ilustrasi. Secangkir kopi robusta hasil seduhan peserta pelatihan."
    assert photo.credit == "Rachel Michetti, CC0"
    assert photo.uploaded_by == writer
    with photo.working.open("rb") as handle:
        assert Image.open(handle).format == "JPEG"
    # Word had no alt text for the picture, so a warning asks the writer to add it.
    assert any("teks alternatif" in warning for warning in result.warnings)


def test_import_is_recorded(press_release, writer, media_root):
    result = import_docx(docx_upload(press_release), section=SectionFactory(), user=writer)

    assert len(versions_of(result.article)) == 1
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORTED)
    assert entry.actor == writer
    assert entry.note == "rilis.docx"


def test_structure_survives_and_word_styling_goes(writer, media_root):
    document = DocxWriter()
    document.text("Pasar Tani Digelar Tiap Bulan", style="Title")
    document.paragraph(document.run("Pembukaan "), document.run("resmi", bold=True), document.run(" dan "),
                       document.run("meriah", italic=True), document.run("."))
    document.text("Jadwal Pasar", style="Heading1")
    document.text("Rincian lokasi", style="Heading2")
    document.text("Tana Paser", numbering=1)
    document.text("Long Ikis", numbering=1)
    document.text("Pertama", numbering=2)
    document.table([["Kecamatan", "Tanggal"], ["Batu Sopang", "12 Januari"]])
    document.paragraph(document.run("Daftar di "), document.link("situs dinas", "https://example.org/daftar"),
                       document.run("."))

    result = import_docx(docx_upload(bytes(document)), section=SectionFactory(), user=writer)

    body = result.article.body
    assert result.article.headline == "Pasar Tani Digelar Tiap Bulan"
    assert "<strong>resmi</strong>" in body
    assert "<em>meriah</em>" in body
    assert "<h2>Jadwal Pasar</h2>" in body
    assert "<h3>Rincian lokasi</h3>" in body
    assert "<ul><li>Tana Paser</li><li>Long Ikis</li></ul>" in body
    assert "<ol><li>Pertama</li></ol>" in body
    assert "<table>" in body
    assert "<td>Batu Sopang</td>" in body
    assert '<a href="https://example.org/daftar" rel="noopener noreferrer">situs dinas</a>' in body
    assert "class=" not in body
    assert "style=" not in body


def test_unreadable_picture_is_left_out_with_a_warning(writer, media_root):
    document = DocxWriter()
    document.text("Rapat Koordinasi Camat", style="Title")
    document.text("Rapat dimulai pukul 09.00 WITA.")
    document.picture(b"\x01\x00\x00\x00 not really an EMF", extension="emf", alt="Diagram")
    document.picture(encoded(upright_arrow(300, 200), "PNG"), extension="png", alt="Panah merah ke atas")

    result = import_docx(docx_upload(bytes(document)), section=SectionFactory(), user=writer)

    assert len(result.photos) == 1
    assert result.article.feature_photo.alt_text == "Panah merah ke atas"
    assert any(warning.startswith("Gambar 1 dari rilis.docx tidak diimpor") for warning in result.warnings)
    assert "Rapat dimulai pukul 09.00 WITA." in result.article.body


def test_document_without_title_uses_its_first_short_paragraph(writer, media_root):
    document = DocxWriter()
    document.text("Vaksinasi Rabies Gratis")
    document.text("Dinas Peternakan membuka layanan vaksinasi rabies gratis di enam kecamatan.")

    result = import_docx(docx_upload(bytes(document)), section=SectionFactory(), user=writer)

    assert result.article.headline == "Vaksinasi Rabies Gratis"
    assert result.article.body == "<p>Dinas Peternakan membuka layanan vaksinasi rabies gratis di enam kecamatan.</p>"


BAD_FILES = [
    ("lama.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
    ("surat.docx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("rusak.docx", b"PK\x03\x04 cut off while sending", "damaged"),
    ("kosong.docx", b"", "empty"),
]


@pytest.mark.parametrize(("name", "data", "hint"), BAD_FILES)
def test_unusable_file_is_explained_and_nothing_is_stored(name, data, hint, writer, media_root):
    with pytest.raises(DocxRejected) as rejected:
        import_docx(docx_upload(data, name), section=SectionFactory(), user=writer)

    assert name in str(rejected.value)
    assert not Article.objects.exists()
    assert not Photo.objects.exists()


def test_zip_that_is_not_word_is_explained(writer, media_root):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("foto.txt", "bukan dokumen")

    with pytest.raises(DocxRejected, match="zip"):
        import_docx(docx_upload(buffer.getvalue(), "arsip.docx"), section=SectionFactory(), user=writer)


def test_document_with_no_text_is_refused(writer, media_root):
    document = DocxWriter()
    document.text("Hanya Judul", style="Title")

    with pytest.raises(DocxRejected):
        import_docx(docx_upload(bytes(document)), section=SectionFactory(), user=writer)
    assert not Article.objects.exists()


def test_admin_upload_opens_the_new_draft(press_release, writer, client, media_root):
    section = SectionFactory()
    client.force_login(writer)

    response = client.post(reverse("admin:articles_article_import_docx"), {
        "document": docx_upload(press_release, "rilis-pers.docx"), "section": section.pk,
    })

    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])


def test_wrong_file_upload_is_explained(writer, client, media_root):
    client.force_login(writer)

    response = client.post(reverse("admin:articles_article_import_docx"), {
        "document": SimpleUploadedFile("rilis.pdf", b"%PDF-1.7", content_type="application/pdf"),
        "section": SectionFactory().pk,
    })

    assert response.status_code == 400
    assert "rilis.pdf" in response.content.decode()
    assert ".docx" in response.content.decode()
    assert not Article.objects.exists()


def test_admin_upload_of_damaged_docx_keeps_the_form(writer, client, media_root):
    client.force_login(writer)

    response = client.post(reverse("admin:articles_article_import_docx"), {
        "document": docx_upload(b"PK\x03\x04 broken", "rilis.docx"), "section": SectionFactory().pk,
    })

    assert response.status_code == 400
    assert "rilis.docx" in response.content.decode()
    assert not Article.objects.exists()
