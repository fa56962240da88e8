"""Import a Microsoft Word (.docx) document as a draft article.

mammoth converts the document's structure (headings, bold, italics,
lists, tables, links) to HTML; Word's look (fonts, colours, sizes) is
dropped. Then:

1. the paragraph in Word's Title style becomes the headline (else the
   document's title property, else its first short paragraph), and a short
   bold line above it, such as "SIARAN PERS", becomes the kicker;
2. each embedded picture goes through the photo pipeline like any upload
   and is attached to the article, the first one as its feature photo; an
   italic paragraph right after a picture becomes its caption, and a
   trailing "(Foto: …)" its credit;
3. the rest is the body, which Article.save passes through the same
   sanitiser as every body.

Nothing is stored when the file is not a usable Word document.
"""

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from xml.etree import ElementTree

import mammoth
from django.db import transaction
from django.utils.translation import gettext as _

from layout.blocks import parse_blocks
from newsroom import audit

from ..models import Article, Photo
from ..photos import PhotoRejected
from ..renditions import store_photo
from ..revisions import save_with_revision
from ..sanitizer import plain_text

logger = logging.getLogger(__name__)

# Largest .docx accepted. A release with a dozen phone photos is about 30 MB.
MAX_DOCX_BYTES = 40 * 1024 * 1024
# Largest total size of the files inside the .docx, so a zip bomb is
# rejected before anything is unpacked.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Pictures beyond this many are left out with a warning.
MAX_PICTURES = 30
HEADLINE_LENGTH = Article._meta.get_field("headline").max_length
KICKER_LENGTH = Article._meta.get_field("kicker").max_length

# Word stores its built-in style names in English whatever the language of
# its menus; the lower-case forms are what some versions write.
STYLE_MAP = """
p[style-name='Title'] => h1.docx-title:fresh
p[style-name='title'] => h1.docx-title:fresh
p[style-name='Subtitle'] => p.docx-subtitle:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='heading 1'] => h2:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='heading 2'] => h3:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='heading 3'] => h4:fresh
p[style-name='Heading 4'] => h4:fresh
p[style-name='heading 4'] => h4:fresh
p[style-name='Caption'] => p.docx-caption:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
"""
PICTURE_MARK = "docx-picture:"
PICTURE_ONLY = re.compile(r'^<p>\s*<img src="docx-picture:(\d+)"[^>]*>\s*</p>$')
ITALIC_ONLY = re.compile(r"^<p>\s*<em>(.*)</em>\s*</p>$", re.S)
CREDIT = re.compile(r"\(\s*(?:Foto|Photo|Gambar|Sumber)\s*:\s*([^()]+?)\s*\)\s*\.?\s*$", re.I)
BOLD_ONLY = re.compile(r"^<p>\s*<strong>([^<]*)</strong>\s*</p>$")
CORE_NS = {"dc": "http://purl.org/dc/elements/1.1/"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Word puts a paragraph in every table cell; a cell with one paragraph keeps only its text.
CELL_PARAGRAPH = re.compile(r"<(td|th)([^>]*)>\s*<p>((?:(?!</?p>).)*)</p>\s*</\1>", re.S)


class DocxRejected(Exception):
    """A file that cannot become an article; the message says why and what to do."""


@dataclass
class DocxImport:
    article: Article
    photos: list[Photo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Picture:
    number: int
    content_type: str
    data: bytes
    alt_text: str
    caption: str = ""
    credit: str = ""


def _check_package(data: bytes, name: str) -> zipfile.ZipFile:
    if not data:
        raise DocxRejected(_("%(name)s is empty. Save the document in Word again and upload the new file.") % {"name": name})
    if data.startswith(OLE_MAGIC):
        raise DocxRejected(_(
            "%(name)s is an old Word document (.doc) or is protected with a password. Open it in Word, remove "
            "the password if there is one, choose Save As → Word Document (.docx), and upload the new file."
        ) % {"name": name})
    if data.startswith(b"%PDF"):
        raise DocxRejected(_(
            "%(name)s is a PDF, not a Word document. Ask for the .docx file, or copy the text into a new article."
        ) % {"name": name})
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        names = set(package.namelist())
        unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocxRejected(_(
            "%(name)s is not a Word document this site can read (it may be damaged or cut off while sending). "
            "Save it in Word as Word Document (.docx) and upload it again."
        ) % {"name": name}) from None
    if "word/document.xml" not in names:
        raise DocxRejected(_(
            "%(name)s is a zip file but not a Word document. Upload a file saved by Word as Word Document (.docx)."
        ) % {"name": name})
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocxRejected(_(
            "%(name)s unpacks to %(size)s MB; the limit is %(limit)s MB. Make the pictures smaller in Word "
            "(Compress Pictures) and upload it again."
        ) % {"name": name, "size": unpacked // 1_048_576, "limit": MAX_UNPACKED_BYTES // 1_048_576})
    return package


def _core_title(package: zipfile.ZipFile) -> str:
    try:
        root = ElementTree.fromstring(package.read("docProps/core.xml"))
    except (KeyError, ElementTree.ParseError):
        return ""
    element = root.find("dc:title", CORE_NS)
    return " ".join((element.text or "").split()) if element is not None else ""


def _convert(data: bytes) -> tuple[str, list[_Picture]]:
    pictures: list[_Picture] = []

    def keep_picture(image):
        number = len(pictures) + 1
        with image.open() as stream:
            pictures.append(_Picture(number, image.content_type or "", stream.read(), (image.alt_text or "").strip()))
        return {"src": f"{PICTURE_MARK}{number}"}

    result = mammoth.convert_to_html(
        io.BytesIO(data), style_map=STYLE_MAP, convert_image=mammoth.images.img_element(keep_picture),
    )
    for message in result.messages:
        logger.info("docx conversion message type=%s message=%s", message.type, message.message)
    return CELL_PARAGRAPH.sub(r"<\1\2>\3</\1>", result.value), pictures


def _split(html: str, pictures: list[_Picture]) -> dict:
    """Pick headline, kicker, lead and captions out of the converted blocks; the rest is the body."""
    blocks = [block.html for block in parse_blocks(html)]
    headline, kicker, lead = "", "", ""
    body: list[str] = []
    by_number = {picture.number: picture for picture in pictures}

    title_index = next((i for i, block in enumerate(blocks) if block.startswith('<h1 class="docx-title">')), None)
    if title_index is not None:
        headline = plain_text(blocks[title_index])
        before = blocks[:title_index]
        if len(before) == 1 and BOLD_ONLY.match(before[0]) and len(plain_text(before[0])) <= KICKER_LENGTH:
            kicker = plain_text(before[0])
            before = []
        blocks = before + blocks[title_index + 1:]

    index = 0
    while index < len(blocks):
        block = blocks[index]
        picture_match = PICTURE_ONLY.match(block)
        if picture_match:
            picture = by_number.get(int(picture_match.group(1)))
            following = blocks[index + 1] if index + 1 < len(blocks) else ""
            caption_match = ITALIC_ONLY.match(following) or (following.startswith('<p class="docx-caption">') and following)
            if picture is not None and caption_match:
                caption = plain_text(following)
                credit = CREDIT.search(caption)
                if credit:
                    picture.credit = credit.group(1)[:150]
                    caption = caption[: credit.start()].strip()
                picture.caption = caption
                index += 1
            index += 1
            continue
        if block.startswith('<p class="docx-subtitle">') and not lead:
            lead = plain_text(block)
        elif PICTURE_MARK in block:
            # A picture inside text or a table: the picture is attached, its place is dropped.
            body.append(re.sub(r'<img src="docx-picture:\d+"[^>]*>', "", block))
        else:
            body.append(block)
        index += 1
    return {"headline": headline, "kicker": kicker, "lead": lead, "body": body}


def _store_pictures(pictures: list[_Picture], name: str, user, warnings: list[str]) -> list[Photo]:
    stored = []
    for picture in pictures:
        if len(stored) >= MAX_PICTURES:
            warnings.append(_(
                "Only the first %(count)s pictures were imported; attach the others as photos by hand."
            ) % {"count": MAX_PICTURES})
            break
        label = _("picture %(number)s of %(name)s") % {"number": picture.number, "name": name}
        try:
            photo = store_photo(
                io.BytesIO(picture.data),
                original_name=f"{PurePath(name).stem}-{picture.number}",
                uploaded_by=user,
                caption=picture.caption,
                credit=picture.credit,
                alt_text=picture.alt_text[:250],
            )
        except PhotoRejected as rejected:
            logger.info("docx picture rejected name=%r picture=%s type=%s", name, picture.number, picture.content_type)
            warnings.append(_("%(picture)s was left out: %(reason)s") % {
                "picture": label.capitalize(), "reason": " ".join(rejected.messages),
            })
            continue
        stored.append(photo)
    return stored


def import_docx(upload, *, section, user, name: str = "") -> DocxImport:
    """Create a draft article owned by ``user`` from an uploaded .docx; raise DocxRejected if it is unusable."""
    name = name or getattr(upload, "name", "") or "dokumen.docx"
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_DOCX_BYTES:
        raise DocxRejected(_(
            "%(name)s is %(size)s MB; the limit is %(limit)s MB. Make the pictures smaller in Word "
            "(Compress Pictures) and upload it again."
        ) % {"name": name, "size": round(size / 1_048_576, 1), "limit": MAX_DOCX_BYTES // 1_048_576})
    upload.seek(0)
    data = upload.read()
    package = _check_package(data, name)

    try:
        html, pictures = _convert(data)
    except (KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError) as error:
        logger.warning("docx conversion failed name=%r error=%s", name, error)
        raise DocxRejected(_(
            "%(name)s could not be read as a Word document. Open it in Word, save it again as Word Document "
            "(.docx), and upload the new file."
        ) % {"name": name}) from None

    parts = _split(html, pictures)
    body_blocks = parts["body"]
    headline = parts["headline"] or _core_title(package)
    if not headline and body_blocks:
        first = body_blocks[0]
        if len(plain_text(first)) <= HEADLINE_LENGTH and first.startswith(("<p", "<h")):
            headline = plain_text(first)
            body_blocks = body_blocks[1:]
    body = "".join(body_blocks)
    if not plain_text(body):
        raise DocxRejected(_(
            "%(name)s has no text to use as the article body. Check that you chose the right file."
        ) % {"name": name})

    warnings: list[str] = []
    if not headline:
        headline = PurePath(name).stem.replace("_", " ")
        warnings.append(_("The document has no title, so the file name became the headline. Change it below."))
    if len(headline) > HEADLINE_LENGTH:
        warnings.append(_("The title was longer than %(limit)s characters and was shortened. Check the headline.")
                        % {"limit": HEADLINE_LENGTH})
        headline = headline[:HEADLINE_LENGTH].rsplit(" ", 1)[0]

    with transaction.atomic():
        photos = _store_pictures(pictures, name, user, warnings)
        article = Article(
            section=section,
            headline=headline,
            kicker=parts["kicker"],
            lead=parts["lead"],
            body=body,
            status=Article.Status.DRAFT,
            created_by=user,
            feature_photo=photos[0] if photos else None,
        )
        save_with_revision(article, user, _("Imported from Word: %(name)s") % {"name": name})
        article.photos.set(photos)
        audit.record(user, audit.Action.IMPORTED, article, note=name, pictures=len(photos), warnings=len(warnings))
    for photo in photos:
        if not photo.alt_text:
            warnings.append(_(
                "The picture “%(photo)s” has no alt text. Describe what it shows in the photo's alt text field."
            ) % {"photo": photo.caption[:60] or photo.original_name})
        if not photo.credit:
            warnings.append(_(
                "The picture “%(photo)s” has no credit. Add the photographer or source in the photo's credit field."
            ) % {"photo": photo.caption[:60] or photo.original_name})
    logger.info(
        "docx imported article=%s name=%r pictures=%s warnings=%s user=%s",
        article.pk, name, len(photos), len(warnings), getattr(user, "pk", None),
    )
    return DocxImport(article, photos, warnings)
