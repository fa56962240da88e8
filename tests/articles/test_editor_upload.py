"""The body editor's image button: staff only, CSRF-checked, through the same photo pipeline."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from articles.models import Photo
from tests import images

URL = "/articles/editor/photo/"


@pytest.fixture
def staff_client(db):
    user = get_user_model().objects.create_user("staf", password="rahasia-staf-123", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def jpeg(name="foto.jpg"):
    return SimpleUploadedFile(name, images.encoded(images.upright_arrow(800, 600), "JPEG"), content_type="image/jpeg")


def test_staff_upload_returns_a_web_rendition_url(staff_client, media_root):
    response = staff_client.post(URL, {"upload": jpeg()})

    assert response.status_code == 200
    assert response.json()["url"].startswith("/media/photos/web/")
    assert Photo.objects.count() == 1


@pytest.mark.django_db
def test_anonymous_upload_is_refused_and_nothing_is_stored(client, media_root):
    response = client.post(URL, {"upload": jpeg()})

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not Photo.objects.exists()


@pytest.mark.django_db
def test_upload_without_csrf_token_is_refused(media_root):
    user = get_user_model().objects.create_user("staf2", password="rahasia-staf-123", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(URL, {"upload": jpeg()})

    assert response.status_code == 403
    assert not Photo.objects.exists()


def test_bad_picture_gets_an_indonesian_message(staff_client, media_root):
    bomb = SimpleUploadedFile("bom.png", images.huge_png_header(), content_type="image/png")

    with translation.override("id"):
        response = staff_client.post(URL, {"upload": bomb}, HTTP_ACCEPT_LANGUAGE="id")

    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "megapiksel" in message
    assert not Photo.objects.exists()


def test_missing_file_gets_a_clear_message(staff_client):
    response = staff_client.post(URL, {})

    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_get_is_not_allowed(staff_client):
    assert staff_client.get(URL).status_code == 405
