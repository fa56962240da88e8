"""A newsroom day in headless Chromium: a writer submits, an editor approves and composes, the chief publishes.

The walk follows docs/panduan-redaksi.md step by step and takes the
guide's screenshots on the way. They are written to a temporary folder;
with KORAN_GUIDE_SCREENSHOTS=1 they replace the ones in docs/img, so the
guide always shows the admin as it is.

Builds run in the live server's thread as soon as the request that queued
them commits (tasks are eager in the test settings), so a click on
"Simpan dan bangun" returns when the edition is built.
"""

import mimetypes
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from PIL import Image

from articles.models import Article, Section
from articles.renditions import store_photo
from editions.models import Build, Edition, Page
from newsroom import roles
from tests.docx_files import DocxWriter
from tests.personas import make_member

# Playwright's sync API runs an event loop in this thread while it drives
# the page. The ORM calls happen between its steps, never during one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
GUIDE_IMAGES = ROOT / "docs" / "img"
PHOTOS = ROOT / "demo" / "content" / "photos"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
PASSWORD = "rahasia-demo-123"
# Builds run inside a request here; one page takes a few seconds on two cores.
SLOW_STEP_MS = 180_000

# The screenshots of the editors' guide, in the order the guide shows them.
GUIDE_SHOTS = [
    "01-tulis-artikel",
    "02-impor-word",
    "03-artikel-diajukan",
    "04-periksa-artikel",
    "05-revisi",
    "06-sedang-disunting",
    "07-susun-halaman",
    "08-bangun-edisi",
    "09-pratinjau",
    "10-jadwal-terbit",
    "11-ralat",
    "12-log-aktivitas",
]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium package (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def shots(tmp_path):
    """Save a screenshot under a guide name; into docs/img when KORAN_GUIDE_SCREENSHOTS=1."""
    folder = GUIDE_IMAGES if os.environ.get("KORAN_GUIDE_SCREENSHOTS") == "1" else tmp_path / "img"
    folder.mkdir(parents=True, exist_ok=True)
    taken = []

    def shoot(page, name: str, element=None, full_page: bool = False):
        assert name in GUIDE_SHOTS, f"{name} is not listed in GUIDE_SHOTS"
        if element is not None:
            element.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        raw = folder / f"{name}.png"
        page.screenshot(path=str(raw), full_page=full_page)
        # WebP at this quality keeps admin text sharp at a tenth of the PNG's size.
        with Image.open(raw) as image:
            image.save(folder / f"{name}.webp", "WEBP", quality=82, method=6)
        raw.unlink()
        taken.append(name)

    shoot.taken = taken
    shoot.folder = folder
    return shoot


@pytest.fixture
def newsroom(live_server, media_root):
    """The cast, two sections and two approved articles with credited photos waiting for an edition."""
    people = {
        "writer": make_member("rina", roles.WRITER, "Rina", "Lestari"),
        "editor": make_member("budi", roles.EDITOR, "Budi", "Santoso"),
        "chief": make_member("siti", roles.CHIEF_EDITOR, "Siti", "Rahmawati"),
    }
    for user in people.values():
        user.set_password(PASSWORD)
        user.save()
    government = Section.objects.create(name="Pemerintahan", slug="pemerintahan", position=1)
    economy = Section.objects.create(name="Ekonomi", slug="ekonomi", position=2)
    for headline, section, photo_file, credit, alt in [
        ("Pasar Tani Kopi Digelar Tiap Bulan di Tana Paser", economy, "kopi-pasar.jpg", "Rachel Michetti",
         "Secangkir kopi di meja kayu"),
        ("Siswa SMP Belajar Fisika dari Roket Air Buatan Sendiri", government, "roket.jpg", "SpaceX",
         "Roket meluncur di malam hari"),
    ]:
        with (PHOTOS / photo_file).open("rb") as handle:
            photo = store_photo(handle, original_name=photo_file, credit=credit, alt_text=alt, caption=alt + ".")
        Article.objects.create(
            section=section, headline=headline, status=Article.Status.APPROVED, feature_photo=photo,
            lead="Warga menyambut kegiatan ini dengan antusias.", byline="Tim Redaksi", place="Tana Paser",
            body="".join(f"<p>{'Kegiatan ini diikuti warga dari sepuluh kecamatan di Kabupaten Paser. ' * 6}</p>"
                         for _ in range(5)),
            created_by=people["writer"],
        )
    return {**people, "government": government, "economy": economy, "url": live_server.url}


def open_page(browser, base_url, media_root):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="id-ID",
                                  timezone_id="Asia/Makassar")
    page = context.new_page()
    page.set_default_timeout(30_000)

    def serve_media(route):
        path = Path(media_root) / route.request.url.split("/media/", 1)[1].split("?")[0]
        if not path.is_file():
            route.fulfill(status=404, body="")
            return
        route.fulfill(status=200, body=path.read_bytes(),
                      content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")

    # The live test server serves static files but not media.
    page.route(re.compile(r".*/media/.*"), serve_media)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.base = base_url
    return page


def log_in(page, username: str):
    page.context.clear_cookies()
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(page.base + "/admin/")


def test_newsroom_day_end_to_end(browser, newsroom, shots, media_root, tmp_path):
    page = open_page(browser, newsroom["url"], media_root)

    # 1. The writer writes an article and submits it.
    log_in(page, "rina")
    page.goto(page.base + "/admin/articles/article/add/")
    page.select_option("#id_section", str(newsroom["government"].pk))
    page.fill("#id_kicker", "PELAYANAN PUBLIK")
    page.fill("#id_headline", "Kantor Camat Long Ikis Buka Layanan Sabtu Pagi")
    page.fill("#id_lead", "Warga yang bekerja pada hari biasa kini bisa mengurus surat pada Sabtu pukul 08.00–12.00 WITA.")
    editor_area = page.locator(".ck-editor__editable").first
    editor_area.click()
    for _ in range(4):
        page.keyboard.type("Camat Long Ikis mengatakan layanan Sabtu dibuka karena banyak warga bekerja di kebun "
                           "dan perusahaan pada hari biasa. Surat pindah, surat keterangan usaha, dan legalisasi "
                           "dokumen bisa diurus tanpa antre panjang.")
        page.keyboard.press("Enter")
    page.fill("#id_byline", "Rina Lestari")
    page.fill("#id_place", "Long Ikis")
    shots(page, "01-tulis-artikel", page.locator("#id_headline"))
    page.click("input[name=_submit]")
    page.wait_for_selector(".messagelist")
    article = Article.objects.get(headline="Kantor Camat Long Ikis Buka Layanan Sabtu Pagi")
    assert article.status == Article.Status.SUBMITTED
    assert article.created_by == newsroom["writer"]
    assert "Diajukan" in page.content()

    # The writer also brings a press release from Word.
    document = DocxWriter()
    document.text("SIARAN PERS")
    document.text("Dinas Koperasi Latih 40 Pemuda Menjadi Barista", style="Title")
    document.paragraph(document.run("TANA PASER – ", bold=True),
                       document.run("Pelatihan barista diikuti pemuda dari 12 desa penghasil kopi."))
    docx_path = tmp_path / "rilis-barista.docx"
    docx_path.write_bytes(bytes(document))
    page.goto(page.base + "/admin/articles/article/import-word/")
    page.set_input_files("#id_document", str(docx_path))
    page.select_option("#id_section", str(newsroom["economy"].pk))
    shots(page, "02-impor-word")
    page.click("input[type=submit]")
    page.wait_for_selector(".messagelist")
    assert Article.objects.filter(headline="Dinas Koperasi Latih 40 Pemuda Menjadi Barista",
                                  status=Article.Status.DRAFT).exists()
    page.goto(page.base + "/admin/articles/article/?mine=1")
    shots(page, "03-artikel-diajukan")

    # 2. The editor reviews: a small fix, a look at the revisions, then approval.
    log_in(page, "budi")
    change_url = f"{page.base}/admin/articles/article/{article.pk}/change/"
    page.goto(change_url)
    assert page.locator("button[value=approve]").is_visible()
    assert page.locator("button[value=publish]").count() == 0
    page.fill("#id_headline", "Kantor Camat Long Ikis Kini Buka Layanan Sabtu Pagi")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    shots(page, "04-periksa-artikel", page.locator("#workflow"))
    page.goto(f"{page.base}/admin/articles/article/{article.pk}/revisions/")
    page.click("#compare-form input[type=submit]")
    page.wait_for_selector("#comparison")
    assert page.locator("#comparison ins").first.inner_text() == "Kini"
    shots(page, "05-revisi", page.locator("#comparison"))

    # While the editor has the article open, the chief gets it read-only with the editor's name.
    chief_page = open_page(browser, newsroom["url"], media_root)
    page.goto(change_url)
    log_in(chief_page, "siti")
    chief_page.goto(change_url)
    assert "Budi Santoso" in chief_page.locator("#lock-banner").inner_text()
    shots(chief_page, "06-sedang-disunting", chief_page.locator("#lock-banner"))
    chief_page.context.close()

    page.click("button[value=approve]")
    page.wait_for_selector(".messagelist")
    article.refresh_from_db()
    assert article.status == Article.Status.APPROVED

    # 3. The editor creates tomorrow's edition and composes its pages.
    day = timezone.localdate() + timedelta(days=1)
    page.goto(page.base + "/admin/editions/edition/add/")
    page.fill("#id_date", day.strftime("%d-%m-%Y"))
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    edition = Edition.objects.get(date=day)
    page.goto(f"{page.base}/admin/editions/edition/{edition.pk}/compose/")
    page.fill("input[name=new_page_title]", "Halaman Depan")
    page.select_option("select[name=new_page_template]", "front")
    page.click("button[value=add_page]")
    page.wait_for_selector(".composer-page .composer-list")
    front = Page.objects.get(edition=edition, number=1)
    target = page.locator(f'.composer-list[data-page-id="{front.pk}"]')
    for headline in ["Kantor Camat Long Ikis Kini Buka Layanan Sabtu Pagi",
                     "Pasar Tani Kopi Digelar Tiap Bulan di Tana Paser"]:
        item = page.locator(".composer-pool-list .composer-item", has_text=headline)
        item.locator(".drag-handle").drag_to(target)
        page.wait_for_timeout(300)
        if not target.locator(".composer-item", has_text=headline).count():
            # Drag and drop did not land (rare in headless mode): the page list does the same.
            item.locator("select.js-page").select_option(str(front.pk))
        assert target.locator(".composer-item", has_text=headline).count() == 1
    target.locator(".composer-item", has_text="Pasar Tani").locator(".js-lead").check()
    shots(page, "07-susun-halaman", page.locator(".composer"))
    page.click("button[value=save_build]", timeout=SLOW_STEP_MS)
    page.wait_for_selector("#build-panel", timeout=SLOW_STEP_MS)
    edition.refresh_from_db()
    assert edition.live_build is not None and edition.live_build.status == Build.Status.DONE
    assert page.locator('#build-panel [data-field="label"]').inner_text() == "Selesai"
    assert page.locator("#edition-pages img.page-thumb").count() == 1
    shots(page, "08-bangun-edisi", full_page=True)
    page.goto(f"{page.base}/admin/editions/edition/{edition.pk}/preview/")
    shots(page, "09-pratinjau")
    pdf = page.request.get(f"{page.base}/admin/editions/edition/{edition.pk}/preview/files/{edition.live_build.pdf_name}")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    assert page.locator(f'form[action$="/{edition.pk}/publish/"]').count() == 0

    # 4. The chief editor schedules the edition, then publishes it at once.
    log_in(page, "siti")
    page.goto(f"{page.base}/admin/editions/edition/{edition.pk}/change/")
    page.fill("#id_scheduled_at_0", day.strftime("%d-%m-%Y"))
    page.fill("#id_scheduled_at_1", "05:00:00")
    page.click("input[name=_continue]")
    page.wait_for_selector(".schedule-note")
    edition.refresh_from_db()
    assert timezone.localtime(edition.scheduled_at).strftime("%Y-%m-%d %H:%M") == f"{day.isoformat()} 05:00"
    shots(page, "10-jadwal-terbit", page.locator("#build-panel"))
    page.click(f'form[action$="/{edition.pk}/publish/"] button', timeout=SLOW_STEP_MS)
    page.wait_for_selector(".messagelist", timeout=SLOW_STEP_MS)
    edition.refresh_from_db()
    article.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED
    assert article.status == Article.Status.PUBLISHED

    # 5. Readers see the edition and the article.
    reader = open_page(browser, newsroom["url"], media_root)
    reader.goto(reader.base + edition.get_absolute_url())
    assert "Pasar Tani Kopi Digelar Tiap Bulan" in reader.content()
    reader.goto(reader.base + article.get_absolute_url())
    assert reader.locator("h1").inner_text() == "Kantor Camat Long Ikis Kini Buka Layanan Sabtu Pagi"

    # 6. A correction after publication keeps the address and shows a dated note.
    page.goto(change_url)
    page.fill("#id_lead", "Warga yang bekerja pada hari biasa kini bisa mengurus surat pada Sabtu pukul 08.00–11.00 WITA.")
    page.fill("#id_correction_note", "Versi sebelumnya menyebut layanan sampai pukul 12.00; yang benar sampai pukul 11.00 WITA.")
    shots(page, "11-ralat", page.locator(".correction-fields"))
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    reader.goto(reader.base + article.get_absolute_url())
    assert "yang benar sampai pukul 11.00 WITA" in reader.locator(".article-corrections").inner_text()

    page.goto(page.base + "/admin/newsroom/auditentry/")
    assert "menerbitkan" in page.content()
    shots(page, "12-log-aktivitas")

    assert page.errors == []
    assert shots.taken == GUIDE_SHOTS


def test_build_progress_updates_without_reload(browser, newsroom, media_root):
    from playwright.sync_api import expect

    edition = Edition.objects.create(date=timezone.localdate(), number=1)
    Page.objects.create(edition=edition, number=1, title="Halaman Depan", template="front")
    build = Build.objects.create(edition=edition, status=Build.Status.BUILDING, pages_total=4, pages_done=1,
                                 stage="layout", started_at=timezone.now(), heartbeat_at=timezone.now())
    page = open_page(browser, newsroom["url"], media_root)
    log_in(page, "budi")
    page.goto(f"{page.base}/admin/editions/edition/{edition.pk}/change/")
    page.evaluate("window.sameDocument = true")
    pages = page.locator('#build-panel [data-field="pages"]')
    assert pages.inner_text() == "1 dari 4 halaman"

    Build.objects.filter(pk=build.pk).update(pages_done=3)
    expect(pages).to_have_text("3 dari 4 halaman", timeout=10_000)
    assert "berjalan" in page.locator('#build-panel [data-field="elapsed"]').inner_text()

    message = "Halaman 1 kelebihan isi sekitar 40 mm. Pindahkan satu berita ke halaman lain."
    Build.objects.filter(pk=build.pk).update(status=Build.Status.FAILED, error=message, finished_at=timezone.now())
    page.wait_for_selector('#build-panel [data-field="error"]:not([hidden])')
    assert page.locator('#build-panel [data-field="error-text"]').inner_text() == message
    assert page.locator("#build-panel button", has_text="Coba lagi").is_visible()
    assert page.evaluate("window.sameDocument") is True
    assert page.errors == []

