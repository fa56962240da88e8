"""Safe names for stored files.

Editors upload files named "Peresmian Jembatan – Tahap II (1).JPG",
"..\\..\\settings.py.jpg" or 300 characters long, and processes may run
under LANG=C. Stored names are always chosen here: an ASCII slug of the
original stem, a random token for uniqueness and the extension of the
format actually written, inside a folder the caller names. The original
name is kept only as metadata on the row.
"""

import secrets
from pathlib import PurePosixPath, PureWindowsPath

from .slugs import ascii_slug

STEM_LENGTH = 40


def original_stem(name: str) -> str:
    """Return the file name's stem without any directory part, POSIX or Windows."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    return base.rsplit(".", 1)[0] if "." in base else base


def stored_name(original_name: str, extension: str, fallback: str = "foto") -> str:
    """Return ``<slug>-<token>.<extension>`` for an uploaded file."""
    stem = ascii_slug(original_stem(original_name), STEM_LENGTH, fallback=fallback)
    return f"{stem}-{secrets.token_hex(4)}.{extension}"


def clean_original_name(name: str, max_length: int = 255) -> str:
    """Return the original name as safe metadata text: no folders, no control characters."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    printable = "".join(char for char in base if char.isprintable())
    return printable[:max_length]
