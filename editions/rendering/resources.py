"""Shared resources of every WeasyPrint render of an edition: fetcher, fonts, stylesheet."""

import os
import warnings
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static
from weasyprint import CSS
from weasyprint.text.fonts import FontConfiguration

from .fetcher import RestrictedFetcher

FONTCONFIG_FILE = Path(__file__).with_name("fonts.conf")
warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")


@contextmanager
def shipped_fonts_only():
    """Point fontconfig at a configuration without system fonts while one is created.

    Fontconfig reads FONTCONFIG_FILE when WeasyPrint creates its font
    configuration; with no system fonts, glyphs come only from the shipped
    @font-face fonts, fallbacks included. The variable is restored at once,
    because other programs started from this process (Chromium in tests)
    need the system's fonts.
    """
    previous = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = previous


def allowed_mounts() -> dict[str, list[Path]]:
    """Return the folders WeasyPrint may read, by the URL prefix that serves them."""
    static_roots = [Path(settings.STATIC_ROOT), *[Path(folder) for folder in settings.STATICFILES_DIRS]]
    return {
        settings.MEDIA_URL: [Path(settings.MEDIA_ROOT)],
        settings.STATIC_URL: [root for root in static_roots if root.exists()] + [Path(settings.FONTS_DIR)],
    }


class PrintResources:
    def __init__(self, context: str = "", page_context: dict | None = None):
        self.base_url = settings.SITE_URL + "/"
        self.fetcher = RestrictedFetcher(settings.SITE_URL, allowed_mounts(), context=context)
        with shipped_fonts_only():
            self.font_config = FontConfiguration()
        self.stylesheet_url = settings.SITE_URL + static("css/edition.css")
        self.stylesheet = CSS(url=self.stylesheet_url, url_fetcher=self.fetcher, font_config=self.font_config)
        self.page_context = page_context or {}
