"""Import articles in IPTC ninjs 1.x JSON.

Reads headline, slugline (kicker), description_text (lead), body_html,
byline, located, the section subject, firstcreated and versioncreated, and
the feature image in associations.featureimage with the file its rendition
href points to. An article is identified by its ``uri``: importing the same
file again updates the article only when its versioncreated changed.
Relative image paths are resolved against the article file and must stay
inside ``photo_root``; network URLs are never fetched.
"""

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ..models import Article, Photo, Section
from ..photos import PhotoRejected
from ..renditions import store_photo

logger = logging.getLogger(__name__)

# ninjs pubstatus -> article status
STATUS_FOR_PUBSTATUS = {
    "usable": Article.Status.PUBLISHED,
    "withheld": Article.Status.DRAFT,
    "canceled": Article.Status.DRAFT,
}
SECTION_ORDER = [
    "pemerintahan", "ekonomi", "pendidikan", "kesehatan", "infrastruktur",
    "olahraga", "budaya", "opini", "pengumuman",
]


class ImportProblem(Exception):
    """A file that cannot be imported; the message gives the reason in the active language."""


@dataclass
class ImportResult:
    path: Path
    outcome: str  # "created", "updated", "unchanged" or "failed"
    article: Article | None = None
    message: str = ""
    warnings: tuple[str, ...] = ()


def _text(data: dict, key: str, limit: int | None = None) -> str:
    value = data.get(key) or ""
    if not isinstance(value, str):
        raise ImportProblem(_("the field “%(field)s” must be text") % {"field": key})
    value = " ".join(value.split())
    if limit and len(value) > limit:
        raise ImportProblem(
            _("the field “%(field)s” is %(length)s characters long; at most %(limit)s are allowed")
            % {"field": key, "length": len(value), "limit": limit}
        )
    return value


def _datetime(data: dict, key: str) -> datetime | None:
    value = data.get(key)
    if not value:
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise ImportProblem(_("the field “%(field)s” is not an ISO 8601 date and time: %(value)r") % {"field": key, "value": value})
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _section(data: dict) -> Section:
    subjects = data.get("subject") or []
    if not isinstance(subjects, list):
        raise ImportProblem(_("the field “subject” must be a list"))
    for subject in subjects:
        if isinstance(subject, dict) and subject.get("scheme") == "section" and subject.get("code"):
            code = str(subject["code"]).strip().lower()
            name = str(subject.get("name") or code.title()).strip()
            position = SECTION_ORDER.index(code) + 1 if code in SECTION_ORDER else 100
            section, _created = Section.objects.get_or_create(slug=code[:60], defaults={"name": name[:60], "position": position})
            return section
    raise ImportProblem(_("no section: add a subject with scheme “section”, such as {\"scheme\": \"section\", \"code\": \"ekonomi\", \"name\": \"Ekonomi\"}"))


def _feature_photo(data: dict, source: Path, photo_root: Path, warnings: list) -> Photo | None:
    """Return the article's feature photo, stored or found again by its uri; add a warning when there is none."""
    associations = data.get("associations") or {}
    picture = associations.get("featureimage") if isinstance(associations, dict) else None
    if not isinstance(picture, dict):
        return None

    uri = picture.get("uri")
    if uri:
        existing = Photo.objects.filter(source_uri=uri).first()
        if existing is not None:
            return existing

    renditions = picture.get("renditions")
    rendition = None
    if isinstance(renditions, dict):
        rendition = renditions.get("original") or next(iter(renditions.values()), None)
    href = rendition.get("href") if isinstance(rendition, dict) else None
    if not href:
        warnings.append(_("the feature image has no rendition href, so the article has no photo"))
        return None
    if "://" in href:
        warnings.append(_("the feature image %(href)s is on another site and was not downloaded") % {"href": href})
        return None
    path = (source.parent / href).resolve()
    if not path.is_relative_to(photo_root.resolve()) or not path.is_file():
        warnings.append(_("the feature image %(href)s was not found inside %(root)s") % {"href": href, "root": photo_root})
        return None

    try:
        with path.open("rb") as handle:
            return store_photo(
                handle,
                original_name=path.name,
                caption=_text(picture, "description_text"),
                credit=_text(picture, "byline", 150),
                alt_text=_text(picture, "headline", 250),
                source_uri=uri or None,
            )
    except PhotoRejected as rejected:
        warnings.append(" ".join(rejected.messages))
        return None


def import_file(path: Path, photo_root: Path | None = None) -> ImportResult:
    """Import one ninjs file and return what happened; a bad file gives a failed result, not an exception."""
    path = Path(path)
    photo_root = Path(photo_root) if photo_root else path.resolve().parent.parent
    try:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ImportProblem(_("the file does not exist")) from None
        except UnicodeDecodeError:
            raise ImportProblem(_("the file is not UTF-8 text")) from None
        except json.JSONDecodeError as error:
            raise ImportProblem(_("the file is not valid JSON (line %(line)s: %(error)s)") % {"line": error.lineno, "error": error.msg}) from None
        if not isinstance(data, dict):
            raise ImportProblem(_("the file must hold one ninjs object"))
        if data.get("type", "text") != "text":
            raise ImportProblem(_("the item is of type “%(type)s”; only text items are articles") % {"type": data.get("type")})
        uri = _text(data, "uri", 200)
        if not uri:
            raise ImportProblem(_("the field “uri” is missing; it identifies the article"))
        headline = _text(data, "headline", 200)
        if not headline:
            raise ImportProblem(_("the field “headline” is missing"))
        body = data.get("body_html") or ""
        if not isinstance(body, str) or not body.strip():
            raise ImportProblem(_("the field “body_html” is missing or empty"))
        version = _datetime(data, "versioncreated")
        existing = Article.objects.filter(source_uri=uri).first()
        if existing is not None and version is not None and existing.source_version == version:
            return ImportResult(path, "unchanged", existing)

        with transaction.atomic():
            section = _section(data)
            warnings: list[str] = []
            photo = _feature_photo(data, path, photo_root, warnings)
            article = existing or Article(source_uri=uri)
            article.section = section
            article.headline = headline
            article.kicker = _text(data, "slugline", 60)
            article.lead = _text(data, "description_text")
            article.body = body
            article.byline = _text(data, "byline", 150)
            article.place = _text(data, "located", 80)
            article.status = STATUS_FOR_PUBSTATUS.get(data.get("pubstatus", "usable"), Article.Status.DRAFT)
            article.published_at = _datetime(data, "firstcreated") or version or timezone.now()
            article.source_version = version
            if photo is not None:
                article.feature_photo = photo
            article.save()
        for warning in warnings:
            logger.warning("ninjs import warning file=%s uri=%s warning=%s", path, uri, warning)
        outcome = "updated" if existing else "created"
        logger.info("ninjs imported file=%s uri=%s article=%s outcome=%s", path, uri, article.pk, outcome)
        return ImportResult(path, outcome, article, warnings=tuple(warnings))
    except ImportProblem as problem:
        logger.warning("ninjs import failed file=%s reason=%s", path, problem)
        return ImportResult(path, "failed", message=str(problem))
