"""The reader site in headless Chromium, as a reader on a phone (360x800) and on a desktop (1280x800).

Requests for media files are fulfilled from the test's media folder through Playwright's
request routing, because the live test server serves only static files.
Accessibility is checked with axe-core from npm (package.json); the test
installs it with ``npm ci`` when node_modules is missing.
"""

import mimetypes
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import ArticleFactory
from tests.reader.builds import published_edition

# Playwright's sync API runs an event loop in this thread; the ORM calls in
# fixtures happen before any page is driven, so they are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
PHONE = {"viewport": {"width": 360, "height": 800}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
# axe-core impact levels that fail the test.
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium package (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def axe_script() -> Path:
    script = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is missing; install Node.js 20 so the test can install axe-core from package.json")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, capture_output=True, timeout=600)
    return script


@pytest.fixture
def site(live_server, media_root, settings):
    settings.SITE_URL = live_server.url
    bridge = ArticleFactory(
        headline="Pembangunan Jembatan Telaga Biru Rampung",
        lead="Jembatan baja sepanjang 120 meter dibuka untuk warga dua desa.",
        body="<p>Pembangunan jembatan selesai tepat waktu.</p><table><tr><th>Desa</th><th>Warga</th></tr>"
             "<tr><td>Muara Rindang</td><td>1.240</td></tr></table>",
    )
    edition = published_edition(pages=3, articles=[ArticleFactory(), ArticleFactory(), bridge])
    return {"url": live_server.url, "edition": edition, "bridge": bridge}


def open_page(browser, site, path: str, device: dict, **options):
    # The service worker saves the whole edition in the background; only the
    # offline test lets it run, so no request outlives the test's database.
    # Playwright's request routing does not apply to a service worker's own
    # requests, so that test gets no media files (the worker skips them).
    options.setdefault("service_workers", "block")
    context = browser.new_context(**device, **options)
    page = context.new_page()
    if options["service_workers"] == "allow":
        page.goto(site["url"] + path)
        return context, page

    def serve_media(route):
        relative = route.request.url.split(settings.MEDIA_URL, 1)[1].split("?")[0]
        path_on_disk = Path(settings.MEDIA_ROOT) / relative
        if not path_on_disk.is_file():
            route.fulfill(status=404, body="")
            return
        content_type = mimetypes.guess_type(path_on_disk.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=path_on_disk.read_bytes(), headers={"Content-Type": content_type})

    context.route("**/media/**", serve_media)
    page.goto(site["url"] + path)
    return context, page


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def current_image_loaded(page) -> bool:
    return page.evaluate(
        "() => { const img = document.querySelector('.replica-page.is-current img, [data-page] picture img');"
        " return Boolean(img && img.complete && img.naturalWidth > 0); }"
    )


def swipe_left(page, context, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    y = box["y"] + box["height"] / 2
    start, end = box["x"] + box["width"] * 0.85, box["x"] + box["width"] * 0.1
    session = context.new_cdp_session(page)
    session.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start, "y": y}]})
    for step in range(1, 13):
        x = start + (end - start) * step / 12
        session.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_phone_swipes_pages_and_taps_a_story(browser, site):
    edition = site["edition"]
    context, page = open_page(browser, site, "/", PHONE)

    page.wait_for_function("document.querySelector('.replica-page.is-current img').complete")
    assert current_image_loaded(page)
    assert horizontal_overflow(page) <= 0
    assert "Halaman 1 dari 3" in page.locator("[data-counter]").inner_text()

    swipe_left(page, context, "[data-replica-pages]")
    page.wait_for_url(f"**/edisi/{edition.date.isoformat()}/halaman/2/")
    page.wait_for_function("document.querySelector('[data-page=\"2\"] picture img')?.complete")
    assert "Halaman 2 dari 3" in page.locator("[data-counter]").inner_text()
    assert page.locator("[data-stories-for='2']").is_visible()
    assert page.locator("[data-stories-for='1']").is_hidden()

    rect = page.locator("[data-page='2'] svg a").nth(0).locator("rect").bounding_box()
    page.touchscreen.tap(rect["x"] + rect["width"] / 2, rect["y"] + rect["height"] / 2)
    page.wait_for_url("**/berita/**")
    assert page.locator("h1").inner_text() == site["bridge"].headline
    assert horizontal_overflow(page) <= 0
    context.close()


def test_desktop_keyboard_moves_between_pages(browser, site):
    edition = site["edition"]
    context, page = open_page(browser, site, edition.get_absolute_url(), DESKTOP)

    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/halaman/2/")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/halaman/3/")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/halaman/2/")

    assert "Halaman 2" in page.locator("[data-page-heading]").inner_text()
    assert horizontal_overflow(page) <= 0
    context.close()


def test_page_opened_directly_shows_that_page(browser, site):
    edition = site["edition"]
    context, page = open_page(browser, site, f"/edisi/{edition.date.isoformat()}/halaman/3/", PHONE)

    page.wait_for_function("document.querySelector('[data-page=\"3\"] picture img')?.complete")
    box = page.locator("[data-page='3']").bounding_box()
    assert 0 <= box["x"] < 5
    context.close()


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_search_finds_stemmed_word(browser, site, device):
    context, page = open_page(browser, site, "/cari/", device)

    page.fill("input[name=q]", "membangun")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/cari/?q=membangun*")

    headlines = page.locator(".search-result-headline").all_inner_texts()
    assert site["bridge"].headline in headlines
    assert page.locator(".search-result mark").count() > 0
    assert horizontal_overflow(page) <= 0
    context.close()


def test_download_page_pdf(browser, site):
    edition = site["edition"]
    context, page = open_page(browser, site, edition.get_absolute_url(), PHONE, accept_downloads=True)

    with page.expect_download() as download_info:
        page.click("[data-page-pdf]")
    download = download_info.value

    expected = f"koran-digital-paser-{edition.date.isoformat()}-hal-01.pdf"
    assert download.suggested_filename == expected
    saved = Path(download.path())
    assert saved.read_bytes()[:5] == b"%PDF-"
    context.close()


MAIN_PAGES = ["/", "page-2", "article", "/cari/?q=jembatan", "/arsip/", "/rubrik/", "/rubrik/pemerintahan/", "/luring/"]


def resolve(site, name: str) -> str:
    if name == "page-2":
        return f"/edisi/{site['edition'].date.isoformat()}/halaman/2/"
    if name == "article":
        return site["bridge"].get_absolute_url()
    return name


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_main_pages_fit_and_pass_axe(browser, site, axe_script, device):
    problems = []
    for name in MAIN_PAGES:
        # axe is injected as a script tag, which the site's policy would block.
        context, page = open_page(browser, site, resolve(site, name), device, bypass_csp=True)
        page.wait_for_load_state("networkidle")
        overflow = horizontal_overflow(page)
        if overflow > 0:
            problems.append(f"{name}: scrolls sideways by {overflow}px")
        page.add_script_tag(path=str(axe_script))
        violations = page.evaluate(
            "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}))"
            ".violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))"
        )
        for violation in violations:
            if violation["impact"] in BLOCKING_IMPACTS:
                problems.append(f"{name}: {violation['id']} ({violation['impact']}) at {violation['nodes']}")
        context.close()
    assert problems == []


def test_keyboard_only_reader_reaches_story_text(browser, site):
    context, page = open_page(browser, site, "/", DESKTOP)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.story-card-headline') !== null"):
            break
    else:
        pytest.fail("no story headline link reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**/berita/**")
    page.wait_for_load_state("load")
    context.close()


def test_latest_edition_saved_for_offline_reading(browser, site):
    edition = site["edition"]
    context, page = open_page(browser, site, "/", PHONE, service_workers="allow")
    cache_name = f"edition-{edition.date.isoformat()}"
    # ignoreVary: the saved pages vary on Accept-Language and Accept-Encoding.
    saved = "url => caches.match(url, {ignoreVary: true}).then(response => response ? response.text() : '')"

    try:
        # caches.has and caches.match never create a cache, unlike caches.open.
        complete = f"async () => (await caches.has('{cache_name}')) && Boolean(await caches.match('/luring/edisi-lengkap'))"
        for _attempt in range(60):
            if page.evaluate(complete):
                break
            page.wait_for_timeout(500)
        else:
            pytest.fail(f"the service worker did not save {cache_name} within 30 s")
        # NOTE: Chromium's offline emulation in Playwright fails navigations
        # before the service worker sees them, so this reads the saved copies.
        article_html = page.evaluate(saved, site["bridge"].get_absolute_url())
        page_html = page.evaluate(saved, f"/edisi/{edition.date.isoformat()}/halaman/3/")
        offline_html = page.evaluate(saved, "/luring/")
    finally:
        # Closing the context stops the worker, so none of its requests outlive the test.
        context.close()

    assert site["bridge"].headline in article_html
    assert "Halaman 3" in page_html
    assert "Anda sedang luring" in offline_html
