"""ASCII slugs for public URLs and stored file names."""

import re
import unicodedata

from django.utils.text import slugify

# "Rp 1,5 Miliar" must not become "rp-15-miliar": punctuation between digits
# becomes a separator before slugify drops it.
DIGIT_PUNCTUATION = re.compile(r"(?<=\d)[.,:/](?=\d)")


def ascii_slug(text: str, max_length: int, fallback: str) -> str:
    """Return an ASCII slug of ``text`` cut on a word boundary within ``max_length``.

    Accents are folded ("Café" -> "cafe"); text with no Latin letters or
    digits gives ``fallback``.
    """
    normalized = unicodedata.normalize("NFKD", text or "")
    normalized = DIGIT_PUNCTUATION.sub("-", normalized)
    slug = slugify(normalized)
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
        slug = slug[:max_length].strip("-")
    return slug or fallback


def with_suffix(slug: str, number: int, max_length: int) -> str:
    """Return ``slug-number`` shortened on a word boundary to fit ``max_length``."""
    suffix = f"-{number}"
    return ascii_slug(slug, max_length - len(suffix), fallback=slug[: max_length - len(suffix)]) + suffix
