"""Check a printed PDF against its layout: every word of every story, in order, once.

WeasyPrint drops text silently in some cases (content that does not fit a
box it cannot break). Before a build is stored, the text layer of each
story's rectangle is read back with pypdfium2 and compared with the words
the layout engine put there.
"""

import re
import unicodedata
from collections import Counter

import pypdfium2 as pdfium
from django.utils.translation import gettext as _

from articles.sanitizer import plain_text

# Generated list markers that are drawn but are not words of the body.
MARKER = re.compile(r"^(?:\d+\.|•|◦|▪|–)$")
# pdfium marks a hyphen at a line end, typed or inserted, with U+0002.
LINE_END_HYPHEN = re.compile(r"[\x02\ufffe]\s*")
ALT_TEXT = re.compile(r'\salt="([^"]*)"')
RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
PUNCTUATION = ".,;:!?()[]\"'“”‘’"


def words(text: str) -> list[str]:
    """Split text into the words the check compares: those with a Latin letter or a digit.

    Right-to-left scripts come back from the text layer reordered and split
    at joins, and emoji have no letters, so those words are left out.
    """
    text = LINE_END_HYPHEN.sub("", text)
    return [word for word in unicodedata.normalize("NFKC", text).split() if _is_latin_word(word)]


def _is_latin_word(word: str) -> bool:
    return any(char.isdigit() or (char.isalpha() and ord(char) < 0x250) for char in word)


def _same(token: str, word: str) -> bool:
    # "Rata-rata" broken after its hyphen comes back as "Ratarata".
    return token == word or ("-" in word and token == word.replace("-", ""))


def compare_words(tokens: list[str], expected: list[str], furniture: set[str]) -> str | None:
    """Return None when ``expected`` appears in ``tokens`` in order, each word once.

    Tokens around and between the expected words may only be ``furniture``
    (headline, lead, byline, caption, jump lines) or list markers. The text
    layer sometimes splits a word at a line break or runs two words of
    adjacent lines together, and both are accepted. Otherwise the function
    returns a description of the first difference.
    """
    position = 0
    index = 0
    while index < len(expected):
        word = expected[index]
        while position < len(tokens) and not _same(tokens[position], word):
            if _join_split(tokens, position, word) or _run_together(tokens[position], expected, index):
                break
            token = tokens[position]
            if token not in furniture and not MARKER.match(token):
                context = " ".join(expected[max(0, index - 4):index + 4])
                return f"unexpected {token!r} before word {index} {word!r} (near: {context})"
            position += 1
        if position == len(tokens):
            return f"word {index} {word!r} is missing (after: {' '.join(expected[max(0, index - 6):index])})"
        together = _run_together(tokens[position], expected, index)
        if together:
            index += together
            position += 1
            continue
        position += _join_split(tokens, position, word) or 1
        index += 1
    leftover = [token for token in tokens[position:] if token not in furniture and not MARKER.match(token)]
    if leftover:
        return f"text after the last word: {' '.join(leftover[:12])}"
    return None


def _run_together(token: str, expected: list[str], index: int) -> int:
    """Return how many expected words from ``index`` make up ``token`` when their spaces were lost (0 if none)."""
    if token == expected[index] or not token.startswith(expected[index]):
        return 0
    return _joined_count(expected, index, lambda joined: _same(token, joined))


def _join_split(tokens: list[str], position: int, word: str) -> int:
    """Return how many tokens from ``position`` make up ``word`` when a line break split it (0 if none)."""
    if tokens[position] == word or not word.startswith(tokens[position]):
        return 0
    return _joined_count(tokens, position, lambda joined: _same(joined, word))


def _joined_count(pieces: list[str], start: int, matches) -> int:
    """Return 2 or 3 when that many pieces from ``start``, joined without spaces, match; otherwise 0."""
    for count in (2, 3):
        if start + count > len(pieces):
            return 0
        if matches("".join(pieces[start:start + count])):
            return count
    return 0


def module_furniture(module) -> set[str]:
    story = module.story
    photo = module.photo.photo if module.photo else None
    parts = [story.kicker, story.headline, story.lead, story.byline, story.place, "·",
             _("By %(byline)s") % {"byline": ""}, _("Photo: %(credit)s") % {"credit": ""}]
    if photo is not None:
        parts += [photo.caption, photo.credit]
    # An image in the body that cannot be shown is replaced by its alt text.
    parts += ALT_TEXT.findall(module.beside_html + module.main_html)
    if module.jump_to:
        parts.append(_("Continued on page %(page)s") % {"page": module.jump_to})
    if module.jump_from:
        parts.append(_("Continued from page %(page)s") % {"page": module.jump_from})
    furniture = set(words(" ".join(part for part in parts if part)))
    # Letter-spaced kickers come back one letter at a time.
    return furniture | set(story.kicker.replace(" ", ""))


def compare_word_counts(tokens: list[str], expected: list[str], furniture: set[str]) -> str | None:
    """Check words without their order, for text mixed with a right-to-left script.

    The text layer gives such lines in visual order, so only the count of
    each word (punctuation stripped) can be compared.
    """
    found = Counter(token.strip(PUNCTUATION) for token in tokens)
    wanted = Counter(word.strip(PUNCTUATION) for word in expected)
    missing = wanted - found
    if missing:
        return f"words missing: {' '.join(sorted(missing)[:12])}"
    unexpected = [word for word in found - wanted if word not in furniture and not MARKER.match(word)]
    if unexpected:
        return f"unexpected words: {' '.join(sorted(unexpected)[:12])}"
    return None


def lost_text(pdf_bytes: bytes, layout, margins) -> list[dict]:
    """Return the stories whose words are not all in the PDF where the layout put them.

    ``margins(page)`` gives the (left, top) page margin in mm for a page layout.
    """
    problems = []
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        for index, page in enumerate(layout.pages):
            pdf_page = document[index]
            width_pt = pdf_page.get_width()
            scale = width_pt / page.width
            # The MediaBox of a cropped page need not start at zero.
            _, _, _, height_pt = pdf_page.get_mediabox()
            textpage = pdf_page.get_textpage()
            left_margin, top_margin = margins(page)
            for module in page.modules:
                left = (left_margin + module.x) * scale
                right = left + module.width * scale
                top = height_pt - (top_margin + module.y) * scale
                bottom = top - module.height * scale
                # A little slack below: balanced columns may end a fraction lower than measured.
                tokens = words(textpage.get_text_bounded(left, bottom - 2 * scale, right, top))
                text = plain_text(module.beside_html + " " + module.main_html)
                furniture = module_furniture(module)
                if RIGHT_TO_LEFT.search(text):
                    problem = compare_word_counts(tokens, words(text), {word.strip(PUNCTUATION) for word in furniture})
                else:
                    problem = compare_words(tokens, words(text), furniture)
                if problem:
                    problems.append({"page": page.number, "story": module.story.id, "detail": problem})
            textpage.close()
            pdf_page.close()
    finally:
        document.close()
    return problems
