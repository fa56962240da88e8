"""Article revisions: every save is kept (django-reversion); compare two and restore one.

A restore brings back the words and pictures of a revision, never its
workflow status: the status moves only through the workflow.
"""

import difflib
import html
import logging
import re
from dataclasses import dataclass

import reversion
from django.db import transaction
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from reversion.models import Version

from newsroom import audit

from .models import Article, Correction, Photo, Section
from .sanitizer import plain_text

logger = logging.getLogger(__name__)

# Fields a revision restores, by attribute name, in the order a diff lists them.
CONTENT_FIELDS = ["headline", "kicker", "lead", "body", "section_id", "feature_photo_id", "byline", "place"]
# A paragraph boundary in a body, so a diff shows paragraphs apart.
PARAGRAPH_END = re.compile(r"</(?:p|h[2-4]|li|blockquote|figcaption|tr|caption)>", re.I)

reversion.register(Article, exclude=["updated_at"])


@dataclass
class FieldDiff:
    label: str
    html: SafeString


def versions_of(article: Article):
    """Stored revisions of ``article``, newest first."""
    return Version.objects.get_for_object(article).select_related("revision", "revision__user")


def save_with_revision(article: Article, user, comment: str) -> None:
    """Save ``article`` and keep the saved state as a revision by ``user``."""
    with reversion.create_revision():
        article.save()
        if getattr(user, "is_authenticated", False):
            reversion.set_user(user)
        reversion.set_comment(comment)


def _paragraphs(body: str) -> list[str]:
    text = PARAGRAPH_END.sub("\n", body or "")
    return [plain_text(part) for part in text.split("\n") if plain_text(part)]


def _word_diff(old: str, new: str) -> str:
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        removed = html.escape(" ".join(old_words[a_start:a_end]))
        added = html.escape(" ".join(new_words[b_start:b_end]))
        if operation == "equal":
            parts.append(removed)
        if operation in ("delete", "replace"):
            parts.append(f"<del>{removed}</del>")
        if operation in ("insert", "replace"):
            parts.append(f"<ins>{added}</ins>")
    return " ".join(parts)


def _body_diff(old: str, new: str) -> str:
    """Paragraph by paragraph, with changed words marked inside changed paragraphs."""
    old_paragraphs, new_paragraphs = _paragraphs(old), _paragraphs(new)
    matcher = difflib.SequenceMatcher(a=old_paragraphs, b=new_paragraphs, autojunk=False)
    blocks = []
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            blocks += [f'<p class="diff-same">{html.escape(p)}</p>' for p in old_paragraphs[a_start:a_end]]
            continue
        removed, added = old_paragraphs[a_start:a_end], new_paragraphs[b_start:b_end]
        for index in range(max(len(removed), len(added))):
            before = removed[index] if index < len(removed) else ""
            after = added[index] if index < len(added) else ""
            blocks.append(f'<p class="diff-changed">{_word_diff(before, after)}</p>')
    return "".join(blocks)


def _display(name: str, value) -> str:
    if value in (None, ""):
        return "—"
    if name == "section_id":
        return str(Section.objects.filter(pk=value).first() or value)
    if name == "feature_photo_id":
        photo = Photo.objects.filter(pk=value).first()
        return f"#{value} {photo}" if photo else f"#{value}"
    return str(value)


def compare(older: Version, newer: Version) -> list[FieldDiff]:
    """The content fields that differ between two revisions, with removed and added words marked."""
    old, new = older.field_dict, newer.field_dict
    diffs = []
    for name in CONTENT_FIELDS:
        if old.get(name) == new.get(name):
            continue
        label = str(Article._meta.get_field(name.removesuffix("_id")).verbose_name).capitalize()
        if name == "body":
            rendered = _body_diff(old.get(name) or "", new.get(name) or "")
        elif name in ("section_id", "feature_photo_id"):
            rendered = _word_diff(_display(name, old.get(name)), _display(name, new.get(name)))
        else:
            rendered = _word_diff(str(old.get(name) or ""), str(new.get(name) or ""))
        # Every piece of text in ``rendered`` went through html.escape above.
        diffs.append(FieldDiff(label, mark_safe(rendered)))  # noqa: S308
    return diffs


def status_change(older: Version, newer: Version) -> str:
    old, new = older.field_dict.get("status"), newer.field_dict.get("status")
    if old == new:
        return ""
    return f"{Article.Status(old).label} → {Article.Status(new).label}"


def changed_content(article: Article, version: Version) -> bool:
    return any(getattr(article, name) != version.field_dict.get(name) for name in CONTENT_FIELDS)


def restore(article: Article, version: Version, user, correction_note: str = "") -> Article:
    """Bring back the content of ``version`` as a new revision; return the article.

    Photos and sections deleted since the revision are left as they are
    now rather than restored as dangling references. A ``correction_note``
    on a published article becomes its public correction.
    """
    if version.object_id != str(article.pk):
        raise ValueError(f"version {version.pk} belongs to another object")
    fields = version.field_dict
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        for name in CONTENT_FIELDS:
            value = fields.get(name)
            if name == "section_id" and not Section.objects.filter(pk=value).exists():
                continue
            if name == "feature_photo_id" and value is not None and not Photo.objects.filter(pk=value).exists():
                continue
            setattr(locked, name, value)
        stamp = version.revision.date_created
        save_with_revision(
            locked, user, _("Restored the revision of %(time)s") % {"time": _local_stamp(stamp)}
        )
        if correction_note and locked.status == Article.Status.PUBLISHED:
            Correction.objects.create(article=locked, note=correction_note, corrected_by=user)
        audit.record(user, audit.Action.RESTORED, locked, note=correction_note, version=version.pk)
    logger.info("article revision restored article=%s version=%s user=%s", article.pk, version.pk, user.pk)
    return locked


def _local_stamp(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y H.i")


def history_rows(article: Article) -> list[dict]:
    """Revisions with what each changed compared with the one before it, for the revisions page."""
    versions = list(versions_of(article))
    rows = []
    for index, version in enumerate(versions):
        older = versions[index + 1] if index + 1 < len(versions) else None
        changed = []
        if older is not None:
            changed = [
                str(Article._meta.get_field(name.removesuffix("_id")).verbose_name)
                for name in CONTENT_FIELDS
                if older.field_dict.get(name) != version.field_dict.get(name)
            ]
        rows.append({
            "version": version,
            "changed": changed,
            "status": Article.Status(version.field_dict.get("status", "draft")).label,
            "words": len(plain_text(version.field_dict.get("body") or "").split()),
        })
    return rows
