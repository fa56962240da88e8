"""Reader-site figures for `make bench`: page weight at 360 px and Lighthouse scores.

``rows()`` serves the current database (whatever DATABASE_URL or .env
selects) with gunicorn on a free port of 127.0.0.1, as in production:
DEBUG off, hashed static files through WhiteNoise, media files through
WhiteNoise too (a web server does that in production). It runs Lighthouse
12.2.3 from npm against Debian's chromium with mobile settings on a screen
360 px wide at a device pixel ratio of 2. Each page is measured three times
and the run with the median performance score is reported, because single
Lighthouse scores vary from run to run. The server is stopped by its pid.

Page weight is Lighthouse's total-byte-weight audit: every byte transferred
for the page until the network is idle, compressed where the server
compressed it.
"""

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RUNS = 3
# Page-weight budget of the front page at 360 px: the page image at about
# 720-1000 px (70-120 KB as WebP), three strip thumbnails, HTML, CSS and
# JavaScript. 250 KB loads in about 5 s on a 400 kbit/s mobile connection.
FRONT_PAGE_BUDGET_KB = 250
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
HEADER = ["page", "KB at 360 px", "budget", "performance", "accessibility", "best practices", "SEO", "LCP s"]


def serving_app():
    """Return the WSGI application with media files served too (gunicorn factory)."""
    import django
    from django.conf import settings
    from whitenoise import WhiteNoise

    from prokopim.wsgi import application

    django.setup()
    app = WhiteNoise(application)
    app.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
    return app


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _manage(args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)


def _django_query(code: str, env) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def _ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is missing: install Node.js 20 to run Lighthouse (see package.json)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, capture_output=True, timeout=900)


def _wait_until_up(url: str, process, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the benchmark server stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the benchmark server did not respond at {url} within {seconds} s; see its log with LOG_LEVEL=INFO")


def _browser_environment() -> dict:
    return {**os.environ, "CHROME_PATH": CHROMIUM}


class LighthouseFailed(Exception):
    """A Lighthouse run that ended without a report."""


# Lighthouse 12.2.3 sometimes loses the trace of a page load (NO_NAVSTART) on
# a busy two-core machine; a run is tried this many times.
ATTEMPTS = 3


def _lighthouse(url: str, folder: Path) -> dict:
    output = folder / "report.json"
    profile = tempfile.mkdtemp(prefix="koran-lh-profile-")
    chrome_flags = " ".join([
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
    ])
    try:
        result = subprocess.run(
            [
                str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
                f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
                "--screenEmulation.mobile", "--screenEmulation.width=360", "--screenEmulation.height=800",
                "--screenEmulation.deviceScaleFactor=2", f"--chrome-flags={chrome_flags}",
            ],
            cwd=ROOT, env=_browser_environment(), capture_output=True, text=True, timeout=240,
        )
        if result.returncode != 0:
            raise LighthouseFailed(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "no output")
        return json.loads(output.read_text())
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _figures(report: dict) -> dict:
    audits = report["audits"]
    return {
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        **{name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES},
    }


def _lighthouse_with_retry(url: str, folder: Path) -> dict:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _lighthouse(url, folder)
        except LighthouseFailed as failure:
            if attempt == ATTEMPTS:
                raise
            print(f"Lighthouse run {attempt} on {url} failed ({failure}); trying again", file=sys.stderr)
    raise AssertionError("unreachable")


def _median_run(url: str, folder: Path) -> dict:
    """Return the figures of the run with the median performance score; raise LighthouseFailed if none ran."""
    runs = []
    for _ in range(RUNS):
        try:
            runs.append(_figures(_lighthouse_with_retry(url, folder)))
        except LighthouseFailed as failure:
            print(f"Lighthouse gave up on {url}: {failure}", file=sys.stderr)
    if not runs:
        raise LighthouseFailed(f"no run of {url} finished")
    runs.sort(key=lambda figures: figures["performance"])
    median = dict(runs[len(runs) // 2])
    median["kb"] = statistics.median(figures["kb"] for figures in runs)
    return median


def rows():
    """Return (header, rows) for the front page, an article and the search page."""
    _ensure_lighthouse()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_DEBUG": "false", "SITE_URL": base, "LOG_LEVEL": "WARNING"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "prokopim.settings")
    _manage(["collectstatic", "--no-input", "--verbosity", "0"], env)
    _manage(["make_reader_images", "--latest", "1"], env)
    article = _django_query(
        "from reader.queries import latest_edition;from reader.editions_view import EditionView;"
        "e=latest_edition();a=EditionView(e).articles() if e else [];print(a[0].get_absolute_url() if a else '')",
        env,
    )
    if not article:
        return HEADER, [["(no published edition in this database)", "", "", "", "", "", "", ""]]

    server = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--access-logfile", "-", "--error-logfile", "-", "benchmarks.reader:serving_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    table = []
    try:
        _wait_until_up(base + "/", server)
        with tempfile.TemporaryDirectory(prefix="koran-lighthouse-") as folder:
            for name, path in (("front page", "/"), ("article", article), ("search", "/cari/?q=membangun")):
                try:
                    figures = _median_run(base + path, Path(folder))
                except LighthouseFailed as failure:
                    table.append([name, "", "", f"Lighthouse failed: {failure}", "", "", "", ""])
                    continue
                verdict = ""
                if name == "front page":
                    verdict = f"{'within' if figures['kb'] <= FRONT_PAGE_BUDGET_KB else 'OVER'} {FRONT_PAGE_BUDGET_KB} KB"
                table.append([
                    name, f"{figures['kb']:.0f}", verdict, str(figures["performance"]), str(figures["accessibility"]),
                    str(figures["best-practices"]), str(figures["seo"]), f"{figures['lcp']:.1f}",
                ])
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return HEADER, table


if __name__ == "__main__":
    header, lines = rows()
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines)]
    for line in [header, *lines]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)))
