"""Builds: queued after commit, claimed once, recorded, and never replacing a good PDF with a broken one."""

from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from editions import building
from editions.models import Build, Edition, Placement
from tests.factories import edition_with_stories

from .helpers import build_now, pdf_path, pdfium_text


@pytest.mark.slow
@pytest.mark.django_db
def test_build_records_status_and_files(media_root):
    edition = edition_with_stories(((2,), (2,)))

    build = build_now(edition)

    assert build.status == Build.Status.DONE
    assert build.page_count == 2
    assert build.started_at <= build.finished_at
    assert build.duration_ms > 0
    assert set(build.timings) == {"layout", "pdf", "images"}
    assert build.pdf_size == pdf_path(build).stat().st_size
    assert build.pdf_name == f"koran-digital-paser-{edition.date.isoformat()}.pdf"
    folder = Path(settings.MEDIA_ROOT) / build.files_dir
    assert (folder / "edition.html").is_file()
    assert len(list((folder / "pages").glob("image-*.webp"))) == 2
    assert len(list((folder / "pages").glob("*-hal-*.pdf"))) == 2
    assert not list(folder.parent.glob(".build-*"))
    edition.refresh_from_db()
    assert edition.live_build == build
    assert edition.status == Edition.Status.DRAFT


@pytest.mark.django_db
def test_build_task_is_queued_only_after_commit(django_capture_on_commit_callbacks):
    edition = edition_with_stories(((1,),))
    with mock.patch("editions.tasks.build_edition_task.delay") as delay:
        with django_capture_on_commit_callbacks() as callbacks:
            with transaction.atomic():
                build = building.request_build(edition)
                assert delay.call_count == 0
        assert len(callbacks) == 1
        for callback in callbacks:
            callback()

    delay.assert_called_once_with(build.pk)


@pytest.mark.django_db
def test_admin_action_queues_after_commit(admin_client, django_capture_on_commit_callbacks):
    edition = edition_with_stories(((1,),))
    with mock.patch("editions.tasks.build_edition_task.delay") as delay:
        with django_capture_on_commit_callbacks() as callbacks:
            response = admin_client.post("/admin/editions/edition/", {
                "action": "build_editions", "_selected_action": [edition.pk],
            })
            assert delay.call_count == 0

        assert response.status_code == 302
        assert len(callbacks) == 1
        build = Build.objects.get(edition=edition)
        assert build.status == Build.Status.QUEUED
        for callback in callbacks:
            callback()
        delay.assert_called_once_with(build.pk)


@pytest.mark.django_db
def test_second_request_reuses_the_queued_build():
    edition = edition_with_stories(((1,),))
    with mock.patch("editions.tasks.build_edition_task.delay"):
        first = building.request_build(edition)
        second = building.request_build(edition, publish=True)

    assert first.pk == second.pk
    assert Build.objects.get(pk=first.pk).publish_when_done


@pytest.mark.slow
@pytest.mark.django_db
def test_build_status_and_progress_sequence(media_root):
    edition = edition_with_stories(((1,), (1,)))
    build = Build.objects.create(edition=edition)
    seen = []

    building.run_build(build.pk, progress=lambda b: seen.append((Build.objects.get(pk=b.pk).status, b.stage, b.pages_done)))

    assert seen[0] == (Build.Status.BUILDING, "layout", 0)
    assert (Build.Status.BUILDING, "layout", 2) in seen
    assert {stage for _, stage, _ in seen} == {"layout", "pdf", "images"}
    assert Build.objects.get(pk=build.pk).status == Build.Status.DONE


@pytest.mark.slow
@pytest.mark.django_db
def test_failed_rebuild_keeps_good_pdf(media_root, client):
    edition = edition_with_stories(((1,), (1,)))
    good = build_now(edition, publish=True)
    article = Article.objects.filter(placements__page__number=2, placements__page__edition=edition).get()
    article.body = "".join(f"<p>{'kata ' * 120}</p>" for _ in range(60))
    article.save()

    failed = build_now(edition)

    assert failed.status == Build.Status.FAILED
    assert "Halaman 2" in failed.error or "Page 2" in failed.error
    edition.refresh_from_db()
    assert edition.live_build == good
    assert pdf_path(good).is_file()
    response = client.get(f"/edisi/{edition.date.isoformat()}/unduh/{good.pdf_name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_crash_leaves_no_partial_files(media_root):
    edition = edition_with_stories(((1,),))
    with mock.patch("editions.building.write_page_images", side_effect=OSError("disk full")):
        with pytest.raises(OSError):
            build_now(edition)

    build = Build.objects.get(edition=edition)
    assert build.status == Build.Status.FAILED
    assert "disk full" in build.error_detail
    assert build.error
    assert not list(Path(media_root).rglob("*.pdf"))
    edition.refresh_from_db()
    assert edition.live_build is None


@pytest.mark.django_db
def test_dead_worker_build_taken_over(media_root):
    edition = edition_with_stories(((1,),))
    stale = timezone.now() - building.STALE_AFTER - timedelta(seconds=5)
    build = Build.objects.create(edition=edition, status=Build.Status.BUILDING, attempts=1, started_at=stale, heartbeat_at=stale)

    claimed = building.claim(build.pk)

    assert claimed is not None
    assert claimed.attempts == 2
    assert claimed.status == Build.Status.BUILDING


@pytest.mark.django_db
def test_live_worker_keeps_its_build():
    edition = edition_with_stories(((1,),))
    build = Build.objects.create(edition=edition, status=Build.Status.BUILDING, attempts=1,
                                 started_at=timezone.now(), heartbeat_at=timezone.now())

    with pytest.raises(building.BuildBusy):
        building.claim(build.pk)


@pytest.mark.django_db
def test_repeatedly_dying_build_fails():
    edition = edition_with_stories(((1,),))
    stale = timezone.now() - building.STALE_AFTER - timedelta(seconds=5)
    build = Build.objects.create(edition=edition, status=Build.Status.BUILDING, attempts=building.MAX_ATTEMPTS,
                                 started_at=stale, heartbeat_at=stale)

    assert building.claim(build.pk) is None

    build.refresh_from_db()
    assert build.status == Build.Status.FAILED
    assert str(building.MAX_ATTEMPTS) in build.error


@pytest.mark.django_db
def test_stalled_builds_are_failed_by_the_periodic_check():
    edition = edition_with_stories(((1,),))
    long_ago = timezone.now() - timedelta(seconds=settings.BUILD_TIME_LIMIT) - building.STALE_AFTER - timedelta(minutes=1)
    stuck = Build.objects.create(edition=edition, status=Build.Status.BUILDING, attempts=1, started_at=long_ago, heartbeat_at=long_ago)

    assert building.fail_stalled_builds() == 1

    stuck.refresh_from_db()
    assert stuck.status == Build.Status.FAILED
    assert stuck.error


@pytest.mark.slow
@pytest.mark.django_db
def test_finished_build_is_not_built_twice(media_root):
    edition = edition_with_stories(((1,),))
    build = build_now(edition)

    assert building.run_build(build.pk) is None
    assert Build.objects.get(pk=build.pk).attempts == 1


@pytest.mark.slow
@pytest.mark.django_db
def test_publish_when_done_publishes_after_the_build(media_root):
    edition = edition_with_stories(((1,),))

    build = build_now(edition, publish=True)

    edition.refresh_from_db()
    assert build.status == Build.Status.DONE
    assert edition.status == Edition.Status.PUBLISHED
    assert edition.published_at is not None


@pytest.mark.slow
@pytest.mark.django_db
def test_pdf_masthead_numbers_bookmarks(media_root):
    edition = edition_with_stories(((2,), (1,)), masthead="Koran Digital Kabupaten Paser")
    headlines = list(Article.objects.filter(placements__page__edition=edition).order_by("placements__page__number", "placements__position").values_list("headline", flat=True))

    build = build_now(edition)

    pages = pdfium_text(pdf_path(build))
    assert "Koran Digital Kabupaten Paser" in pages[0]
    assert "Halaman 1" in pages[0]
    assert "Halaman 2" in pages[1]
    import pikepdf

    with pikepdf.open(pdf_path(build)) as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
            children = [child.title for item in outline.root for child in item.children]
    assert len(titles) == 2
    assert children == headlines


@pytest.mark.django_db
def test_unpublished_article_gives_warning(media_root):
    edition = edition_with_stories(((1,),))
    Article.objects.update(status=Article.Status.DRAFT)

    build = build_now(edition)

    assert build.status == Build.Status.DONE
    assert [w["code"] for w in build.warnings if w["code"] == "article_not_published"] == ["article_not_published"]
