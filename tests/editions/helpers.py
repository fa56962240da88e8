"""Shared steps for tests that build editions for real (WeasyPrint, pypdfium2)."""

import subprocess
from pathlib import Path

from django.conf import settings

from editions import building
from editions.models import Build


def build_now(edition, publish: bool = False) -> Build:
    """Build ``edition`` in this process, as a worker would, and return the refreshed Build."""
    build = Build.objects.create(edition=edition, publish_when_done=publish)
    building.run_build(build.pk)
    build.refresh_from_db()
    return build


def pdf_path(build: Build) -> Path:
    return Path(settings.MEDIA_ROOT) / build.pdf_path


def pdf_text(path: Path, raw: bool = False) -> str:
    command = ["pdftotext", "-enc", "UTF-8"] + (["-raw"] if raw else []) + [str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdfium_text(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()


def flat(text: str) -> str:
    """Join a PDF's text into one line: hyphenated line ends rejoined, whitespace collapsed."""
    import re

    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = re.sub(r"[\x02\ufffe]\s*", "", text)
    return " ".join(text.split())
