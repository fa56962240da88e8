"""Stored file names are always the product's own: ASCII, unique, inside the media folder."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from articles.renditions import store_photo
from articles.uploads import clean_original_name, stored_name
from tests import images

HOSTILE_NAMES = [
    "Peresmian Jembatan – Tahap II (1).JPG",
    "Pe\u0301resmian.jpg",
    "..\\..\\settings.py.jpg",
    "../../../etc/passwd.jpg",
    "x" * 296 + ".jpg",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_stored_name_is_short_ascii_slug(name):
    stored = stored_name(name, "jpg")

    assert stored.isascii()
    assert "/" not in stored and "\\" not in stored and ".." not in stored
    assert len(stored) <= 60
    assert stored.endswith(".jpg")


def test_stored_names_are_unique_for_the_same_upload_name():
    assert stored_name("foto.jpg", "jpg") != stored_name("foto.jpg", "jpg")


def test_readable_name_survives_in_the_slug():
    assert stored_name("Peresmian Jembatan – Tahap II (1).JPG", "jpg").startswith("peresmian-jembatan-tahap-ii-1-")


@pytest.mark.django_db
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_uploaded_photo_lands_inside_media_root(name, media_root, upload):
    uploaded = upload(images.encoded(images.upright_arrow(120, 90), "JPEG"), name)
    photo = store_photo(uploaded)

    for field in (photo.master, photo.working):
        path = (media_root / field.name).resolve()
        assert path.is_relative_to(media_root.resolve())
        assert path.is_file()
        assert len(field.name) <= photo._meta.get_field(field.field.name).max_length
        assert field.name.isascii()
    # Django keeps at most 255 characters of an upload's name, extension included.
    assert photo.original_name == clean_original_name(uploaded.name)
    assert "/" not in photo.original_name


def test_original_name_metadata_drops_folders_and_control_characters():
    assert clean_original_name("..\\..\\a\x00b.jpg") == "ab.jpg"


def test_upload_naming_works_with_lang_c(tmp_path):
    """Workers often run with LANG=C; naming must not depend on the locale."""
    script = (
        "from articles.uploads import stored_name; "
        f"print(stored_name({HOSTILE_NAMES[1]!r}, 'jpg')); print(stored_name({HOSTILE_NAMES[0]!r}, 'jpg'))"
    )
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)

    first, second = result.stdout.split()
    assert first.startswith("peresmian-")
    assert second.startswith("peresmian-jembatan-tahap-ii-1-")


@pytest.mark.django_db
def test_non_ascii_download_name_uses_rfc_5987(client, media_root):
    from django.test import RequestFactory

    from reader.downloads import ranged_file_response

    path = media_root / "berkas.pdf"
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    response = ranged_file_response(RequestFactory().get("/"), path, "Peresmian Jembatan – Tahap II.pdf")

    disposition = response["Content-Disposition"]
    assert "filename*=utf-8''Peresmian%20Jembatan%20%E2%80%93%20Tahap%20II.pdf" in disposition
