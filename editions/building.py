"""Build and publish editions: the one place that does it.

The admin action, the ``build_edition`` command and the Celery task all call
these functions. A build:

1. is requested as a Build row, and its task is queued after the request's
   transaction commits;
2. is claimed atomically (queued -> building), so two workers never build
   the same row, and a build whose worker died is taken over once its
   heartbeat is old;
3. lays the edition out, renders HTML and PDF, rasterises page images and
   splits per-page PDFs, all into a temporary folder that is renamed into
   place only when everything is written;
4. records status, timings, sizes, warnings and errors on the Build row, and
   makes the build the edition's live build. A failed build leaves the
   previous live build, and its PDF, in place.
"""

import json
import logging
import secrets
import shutil
import time
import traceback
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from layout import LayoutEngine, LayoutError
from layout.templates import get_template

from . import messages
from .models import Build, Edition
from .planning import edition_plan
from .rendering.document import edition_context, page_context, refused_references, render_html, render_pdf
from .rendering.measurer import WeasyPrintMeasurer
from .rendering.page_images import write_page_images, write_page_pdfs
from .rendering.resources import PrintResources
from .rendering.verify import lost_text

logger = logging.getLogger(__name__)

# A build is tried at most this many times (worker deaths and retries included).
MAX_ATTEMPTS = 3
# A building build with no sign of life for this long is taken to be dead.
STALE_AFTER = timedelta(minutes=3)
# Finished builds whose files are kept besides the live one.
KEEP_BUILDS = 3


class BuildBusy(Exception):
    """Another worker is building this row and still shows signs of life."""


class PageCountMismatch(LayoutError):
    def __init__(self, planned: int, pdf: int):
        super().__init__("page_count", f"PDF has {pdf} pages, plan has {planned}", planned=planned, pdf=pdf)


class TextLost(LayoutError):
    """The PDF misses words the layout placed; the build stops rather than publish it."""

    def __init__(self, problems: list[dict]):
        first = problems[0]
        super().__init__(
            "text_lost",
            f"text missing from the PDF: {problems}",
            page=first["page"], story=first["story"], detail=first["detail"],
        )


def _margins(page) -> tuple[float, float]:
    template = get_template(page.template)
    return template.margin_left, template.margin_top


def pdf_file_name(edition: Edition) -> str:
    return f"{settings.DOWNLOAD_PREFIX}-{edition.date.isoformat()}.pdf"


def build_folder(edition: Edition, build: Build) -> str:
    """Return the media folder of a build.

    The random part keeps a draft edition's files unguessable: the media
    folder is served without checks, and drafts must not be found by URL.
    """
    return f"editions/{edition.date.isoformat()}/build-{build.pk}-{secrets.token_hex(8)}"


def request_build(edition: Edition, *, user=None, publish: bool = False) -> Build:
    """Return a queued build of ``edition``, creating it and queuing its task after commit.

    A build that is still queued is reused rather than queued twice.
    """
    from .tasks import build_edition_task

    with transaction.atomic():
        Edition.objects.select_for_update().filter(pk=edition.pk).first()
        queued = edition.builds.filter(status=Build.Status.QUEUED).order_by("-requested_at").first()
        if queued is not None:
            if publish and not queued.publish_when_done:
                Build.objects.filter(pk=queued.pk).update(publish_when_done=True)
                queued.publish_when_done = True
            return queued
        build = Build.objects.create(edition=edition, requested_by=user, publish_when_done=publish)
        transaction.on_commit(lambda: build_edition_task.delay(build.pk))
    logger.info("build requested build=%s edition=%s publish=%s", build.pk, edition.pk, publish)
    return build


def claim(build_id: int) -> Build | None:
    """Mark the build as building for this worker; return it, or None if there is nothing to do.

    Raises BuildBusy while another live worker is building it.
    """
    now = timezone.now()
    claimable = Q(status=Build.Status.QUEUED) | Q(status=Build.Status.BUILDING, heartbeat_at__lt=now - STALE_AFTER)
    updated = (
        Build.objects.filter(pk=build_id, attempts__lt=MAX_ATTEMPTS)
        .filter(claimable)
        .update(
            status=Build.Status.BUILDING,
            started_at=now,
            heartbeat_at=now,
            attempts=F("attempts") + 1,
            stage="layout",
            pages_done=0,
            error="",
            error_detail="",
        )
    )
    build = Build.objects.select_related("edition").filter(pk=build_id).first()
    if build is None:
        logger.warning("build not found build=%s", build_id)
        return None
    if updated:
        return build
    if build.status == Build.Status.BUILDING and build.attempts >= MAX_ATTEMPTS and build.heartbeat_at < now - STALE_AFTER:
        _fail(build, _message_attempts_exhausted(build), "attempts exhausted")
        return None
    if build.status == Build.Status.BUILDING:
        raise BuildBusy(f"build {build_id} is being built by another worker")
    logger.info("build already finished build=%s status=%s", build_id, build.status)
    return None


def _message_attempts_exhausted(build: Build) -> str:
    from django.utils.translation import gettext as _

    return _(
        "The build stopped %(attempts)s times before it could finish (the worker may have run out of memory "
        "or been restarted). Try again; if it stops again, tell the technical administrator build number %(id)s."
    ) % {"attempts": build.attempts, "id": build.pk}


def _progress(build: Build, **fields) -> None:
    fields["heartbeat_at"] = timezone.now()
    Build.objects.filter(pk=build.pk).update(**fields)
    for name, value in fields.items():
        setattr(build, name, value)


def _fail(build: Build, message: str, detail: str) -> None:
    now = timezone.now()
    duration = int((now - build.started_at).total_seconds() * 1000) if build.started_at else None
    Build.objects.filter(pk=build.pk).update(
        status=Build.Status.FAILED, finished_at=now, error=message, error_detail=detail[:20000], duration_ms=duration
    )
    build.status, build.error, build.error_detail = Build.Status.FAILED, message, detail
    logger.error("build failed build=%s edition=%s error=%s", build.pk, build.edition_id, detail.splitlines()[-1:] or detail)


def run_build(build_id: int, progress=None) -> Build | None:
    """Claim and build ``build_id``; return the finished Build, or None if there was nothing to do.

    ``progress(build)`` is called after each page and stage. Layout problems
    mark the build failed with an editor-facing message; other exceptions do
    too, and are raised again for the caller to log.
    """
    build = claim(build_id)
    if build is None:
        return None
    started = time.monotonic()
    logger.info("build started build=%s edition=%s attempt=%s", build.pk, build.edition_id, build.attempts)
    # Workers have no request: the language and time zone of the edition are set here.
    with translation.override(settings.LANGUAGE_CODE), timezone.override(ZoneInfo(settings.TIME_ZONE)):
        try:
            _build(build, progress)
        except LayoutError as error:
            headlines = dict(build.edition.pages.values_list("placements__article_id", "placements__article__headline"))
            _fail(build, messages.layout_error_message(error.code, error.params, headlines), str(error))
        except Exception as error:
            from celery.exceptions import SoftTimeLimitExceeded
            from django.utils.translation import gettext as _

            if isinstance(error, SoftTimeLimitExceeded):
                message = _(
                    "The build took longer than %(seconds)s seconds and was stopped. Try again; if the edition "
                    "has many large photos, tell the technical administrator."
                ) % {"seconds": settings.BUILD_SOFT_TIME_LIMIT}
            else:
                message = _(
                    "The build failed because of a system error. Try again; if it fails again, tell the "
                    "technical administrator build number %(id)s."
                ) % {"id": build.pk}
            _fail(build, message, traceback.format_exc())
            raise
    logger.info(
        "build finished build=%s edition=%s status=%s duration_ms=%d",
        build.pk, build.edition_id, build.status, (time.monotonic() - started) * 1000,
    )
    return build


def _photo_urls(layout, photos_by_key) -> tuple[dict, list]:
    from articles.renditions import print_crop_path

    urls, warnings = {}, []
    for page in layout.pages:
        for module in page.modules:
            box = module.photo
            if box is None:
                continue
            photo = photos_by_key.get(box.photo.key)
            try:
                path = print_crop_path(photo, box.width, box.height)
            except (OSError, ValueError) as error:
                logger.warning("print crop failed photo=%s story=%s error=%s", box.photo.key, module.story.id, error)
                warnings.append({"code": "photo_missing", "story": module.story.id, "headline": module.story.headline})
                continue
            urls[box.photo.key] = settings.MEDIA_URL + path
    return urls, warnings


def _snapshot(layout, page_files: list[dict]) -> dict:
    pages = []
    for page, files in zip(layout.pages, page_files):
        template = page.template
        geometry = get_template(template)
        articles = []
        for module in page.modules:
            left = geometry.margin_left + module.x
            top = geometry.margin_top + module.y
            articles.append({
                "id": module.story.id,
                "role": str(module.role),
                "continued_from": module.jump_from,
                "continues_on": module.jump_to,
                "rect": [
                    round(left / page.width, 4),
                    round(top / page.height, 4),
                    round(module.width / page.width, 4),
                    round(module.height / page.height, 4),
                ],
            })
        pages.append({
            "number": page.number,
            "title": page.title,
            "template": template,
            "width_mm": page.width,
            "height_mm": page.height,
            "empty_fraction": round(page.empty_fraction, 3),
            "articles": articles,
            "teasers": [{"id": story.id, "page": target} for story, target in page.teasers],
            **files,
        })
    return {"pages": pages}


def _build(build: Build, progress) -> None:
    from articles.models import Article, Photo

    edition = build.edition
    timings = {}
    clock = time.monotonic()

    plan = edition_plan(edition)
    _progress(build, stage="layout", pages_total=len(plan.pages), pages_done=0)
    if progress:
        progress(build)
    resources = PrintResources(context=f"edition={edition.pk} build={build.pk}", page_context=page_context())
    measurer = WeasyPrintMeasurer(resources, edition_context(plan))

    def page_done(done, total):
        _progress(build, pages_done=done)
        if progress:
            progress(build)

    layout = LayoutEngine(measurer).lay_out(plan, on_page_done=page_done)
    timings["layout"] = int((time.monotonic() - clock) * 1000)
    logger.info("build layout done build=%s pages=%s renders=%s duration_ms=%s",
                build.pk, len(layout.pages), measurer.renders, timings["layout"])

    warnings = []
    for warning in layout.warnings:
        story = plan.stories.get(warning.get("story"))
        warnings.append({**warning, "headline": story.headline} if story else warning)
    warnings += refused_references(layout, resources)
    unpublished = Article.objects.filter(pk__in=plan.stories).exclude(status=Article.Status.PUBLISHED)
    warnings += [{"code": "article_not_published", "story": a.pk, "headline": a.headline} for a in unpublished]

    clock = time.monotonic()
    _progress(build, stage="pdf")
    if progress:
        progress(build)
    photo_keys = {module.photo.photo.key for page in layout.pages for module in page.modules if module.photo}
    photos_by_key = {str(photo.pk): photo for photo in Photo.objects.filter(pk__in=photo_keys)}
    photo_urls, photo_warnings = _photo_urls(layout, photos_by_key)
    warnings += photo_warnings
    html = render_html(layout, photo_urls)
    pdf_bytes, document = render_pdf(html, resources, [page.height for page in layout.pages])
    if len(document.pages) != len(layout.pages):
        raise PageCountMismatch(len(layout.pages), len(document.pages))
    problems = lost_text(pdf_bytes, layout, _margins)
    if problems:
        raise TextLost(problems)
    timings["pdf"] = int((time.monotonic() - clock) * 1000)

    clock = time.monotonic()
    _progress(build, stage="images")
    if progress:
        progress(build)
    media_root = Path(settings.MEDIA_ROOT)
    final_dir = build_folder(edition, build)
    file_name = pdf_file_name(edition)
    temporary = media_root / f"editions/{edition.date.isoformat()}/.build-{build.pk}.tmp"
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True)
    try:
        (temporary / file_name).write_bytes(pdf_bytes)
        (temporary / "edition.html").write_text(html, encoding="utf-8")
        images = write_page_images(pdf_bytes, temporary / "pages")
        page_pdfs = write_page_pdfs(pdf_bytes, temporary / "pages", file_name.removesuffix(".pdf"))
        page_files = [{**image, **single} for image, single in zip(images, page_pdfs)]
        snapshot = _snapshot(layout, page_files)
        (temporary / "layout.json").write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
        # Only a complete folder is moved into place; readers never see a half-written build.
        target = media_root / final_dir
        shutil.rmtree(target, ignore_errors=True)
        temporary.replace(target)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    timings["images"] = int((time.monotonic() - clock) * 1000)

    now = timezone.now()
    duration = int((now - build.started_at).total_seconds() * 1000)
    with transaction.atomic():
        Build.objects.filter(pk=build.pk).update(
            status=Build.Status.DONE,
            finished_at=now,
            heartbeat_at=now,
            duration_ms=duration,
            stage="",
            page_count=len(document.pages),
            pages_done=len(layout.pages),
            files_dir=final_dir,
            pdf_name=file_name,
            pdf_size=len(pdf_bytes),
            timings=timings,
            layout=snapshot,
            warnings=warnings,
        )
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        locked.live_build = build
        fields = ["live_build", "updated_at"]
        if build.publish_when_done and locked.status != Edition.Status.PUBLISHED:
            locked.status = Edition.Status.PUBLISHED
            locked.published_at = now
            fields += ["status", "published_at"]
        locked.save(update_fields=fields)
    build.refresh_from_db()
    logger.info(
        "build stored build=%s edition=%s pages=%s pdf_bytes=%s warnings=%s timings=%s",
        build.pk, edition.pk, build.page_count, build.pdf_size, len(warnings), timings,
    )
    prune_build_files(edition)


def prune_build_files(edition: Edition) -> None:
    """Delete the files of old builds, keeping the live build and the newest few."""
    edition.refresh_from_db()
    done = list(edition.builds.filter(status=Build.Status.DONE).exclude(files_dir="").order_by("-finished_at"))
    keep = {build.pk for build in done[:KEEP_BUILDS]}
    if edition.live_build_id:
        keep.add(edition.live_build_id)
    for build in done:
        if build.pk in keep:
            continue
        shutil.rmtree(Path(settings.MEDIA_ROOT) / build.files_dir, ignore_errors=True)
        Build.objects.filter(pk=build.pk).update(files_dir="")
        logger.info("build files removed build=%s edition=%s", build.pk, edition.pk)


def fail_stalled_builds() -> int:
    """Mark builds that stopped showing signs of life as failed; return how many."""
    from django.utils.translation import gettext as _

    now = timezone.now()
    limit = timedelta(seconds=settings.BUILD_TIME_LIMIT) + STALE_AFTER
    stalled = Build.objects.filter(
        Q(status=Build.Status.BUILDING, heartbeat_at__lt=now - limit)
        | Q(status=Build.Status.QUEUED, requested_at__lt=now - timedelta(hours=6))
    ).select_related("edition")
    count = 0
    with translation.override(settings.LANGUAGE_CODE):
        for build in stalled:
            message = _(
                "The build stopped without finishing (no progress since %(time)s). Click “Try again” to build "
                "the edition anew."
            ) % {"time": timezone.localtime(build.heartbeat_at or build.requested_at).strftime("%H:%M")}
            _fail(build, message, "stalled: no heartbeat")
            count += 1
    if count:
        logger.warning("stalled builds marked failed count=%s", count)
    return count


def publish_edition(edition: Edition, *, user=None) -> Build | None:
    """Publish ``edition`` now if it has a finished build; otherwise build it and publish when done.

    Returns the build that was requested, or None when the edition went public at once.
    """
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        if locked.live_build_id is None:
            return request_build(locked, user=user, publish=True)
        if locked.status != Edition.Status.PUBLISHED:
            locked.status = Edition.Status.PUBLISHED
            locked.published_at = timezone.now()
            locked.save(update_fields=["status", "published_at", "updated_at"])
            logger.info("edition published edition=%s build=%s user=%s", locked.pk, locked.live_build_id, getattr(user, "pk", None))
    edition.refresh_from_db()
    return None


def unpublish_edition(edition: Edition, *, user=None) -> None:
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.DRAFT, updated_at=timezone.now())
    edition.refresh_from_db()
    logger.info("edition unpublished edition=%s user=%s", edition.pk, getattr(user, "pk", None))


def build_todays_edition() -> Build | None:
    """Build the edition of today's date in Paser, composing it first when it has no pages.

    Runs from the nightly schedule, so it sets the time zone itself: "today"
    is the local date in Asia/Makassar, whatever the worker's clock zone.
    """
    from .composing import CompositionError, compose_automatically

    with timezone.override(ZoneInfo(settings.TIME_ZONE)), translation.override(settings.LANGUAGE_CODE):
        day = timezone.localdate()
        edition = Edition.objects.filter(date=day).first()
        if edition is None or not edition.pages.exists():
            try:
                edition = compose_automatically(day)
            except CompositionError as error:
                logger.info("nightly build skipped date=%s reason=%s", day, error)
                return None
        build = request_build(edition)
    logger.info("nightly build requested date=%s edition=%s build=%s", day, edition.pk, build.pk)
    return build
