"""Preview is for staff only; build progress and failures show on the edition page without a reload."""

import pytest
from django.urls import reverse
from django.utils import timezone

from editions.models import Build

from .newsroom_helpers import edition_of_approved, fake_done_build

pytestmark = pytest.mark.django_db


def preview_file(edition, name):
    return reverse("admin:editions_edition_preview_file", args=[edition.pk, name])


def test_editor_previews_the_draft_html_and_pdf(editor, client, media_root):
    edition = edition_of_approved((1,))
    fake_done_build(edition, media_root)
    client.force_login(editor)

    page = client.get(reverse("admin:editions_edition_preview", args=[edition.pk]))
    html = client.get(preview_file(edition, "edition.html"))
    pdf = client.get(preview_file(edition, "koran.pdf"))

    assert page.status_code == 200
    assert preview_file(edition, "edition.html") in page.content.decode()
    assert b"Edisi percobaan" in b"".join(html.streaming_content)
    assert pdf["Content-Type"] == "application/pdf"
    assert "no-store" in pdf["Cache-Control"]
    assert "private" in pdf["Cache-Control"]


def test_public_never_sees_the_draft(client, writer, media_root):
    edition = edition_of_approved((1,))
    fake_done_build(edition, media_root)

    anonymous = client.get(preview_file(edition, "koran.pdf"))
    reader_page = client.get(edition.get_absolute_url())
    client.force_login(writer)
    as_writer = client.get(preview_file(edition, "koran.pdf"))

    assert anonymous.status_code == 302
    assert reverse("admin:login") in anonymous["Location"]
    assert reader_page.status_code == 404
    assert as_writer.status_code == 403


@pytest.mark.parametrize("name", ["../../../etc/passwd", "pages/../../other/koran.pdf", "tidak-ada.pdf"])
def test_preview_serves_only_files_of_the_build(name, editor, client, media_root):
    edition = edition_of_approved((1,))
    fake_done_build(edition, media_root)
    client.force_login(editor)

    assert client.get(preview_file(edition, name)).status_code == 404


def test_progress_reports_pages_and_elapsed_time(editor, client):
    edition = edition_of_approved((2,))
    Build.objects.create(edition=edition, status=Build.Status.BUILDING, pages_total=8, pages_done=3, stage="layout",
                         started_at=timezone.now() - timezone.timedelta(seconds=42))
    client.force_login(editor)

    state = client.get(reverse("admin:editions_edition_build_status", args=[edition.pk])).json()

    assert (state["status"], state["pages_done"], state["pages_total"]) == ("building", 3, 8)
    assert 42 <= state["elapsed_seconds"] < 50
    assert state["finished"] is False
    assert state["stage"]


def test_failed_build_shows_its_error_and_try_again(editor, client):
    edition = edition_of_approved((1,))
    message = "Halaman 1 kelebihan isi sekitar 40 mm. Pindahkan satu berita ke halaman lain."
    Build.objects.create(edition=edition, status=Build.Status.FAILED, error=message, started_at=timezone.now(),
                         finished_at=timezone.now())
    client.force_login(editor)

    state = client.get(reverse("admin:editions_edition_build_status", args=[edition.pk])).json()
    html = client.get(reverse("admin:editions_edition_change", args=[edition.pk])).content.decode()

    assert state["error"] == message
    assert state["retry_url"] == reverse("admin:editions_edition_build", args=[edition.pk])
    assert message in html
    assert "build-status.js" in html


def test_try_again_keeps_the_intent_to_publish(chief, client, django_capture_on_commit_callbacks):
    edition = edition_of_approved((1,))
    Build.objects.create(edition=edition, status=Build.Status.FAILED, publish_when_done=True, error="x")
    client.force_login(chief)

    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("admin:editions_edition_build", args=[edition.pk]))

    assert edition.builds.get(status=Build.Status.QUEUED).publish_when_done


def test_progress_is_staff_only(writer, client):
    edition = edition_of_approved((1,))

    assert client.get(reverse("admin:editions_edition_build_status", args=[edition.pk])).status_code == 302
    client.force_login(writer)
    assert client.get(reverse("admin:editions_edition_build_status", args=[edition.pk])).status_code == 403


def test_edition_page_lists_pages_with_thumbnails(editor, client, media_root):
    edition = edition_of_approved((1, 2))
    fake_done_build(edition, media_root)
    client.force_login(editor)

    html = client.get(reverse("admin:editions_edition_change", args=[edition.pk])).content.decode()

    assert 'id="edition-pages"' in html
    assert preview_file(edition, "pages/thumb-01.jpg") in html
    assert preview_file(edition, "pages/thumb-02.jpg") in html
