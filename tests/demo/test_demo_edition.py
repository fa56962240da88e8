"""`make run` ends with a published demo edition that readers can open."""

from io import StringIO

import pytest
from django.core.management import call_command

from editions.models import Build, Edition

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_load_demo_builds_and_publishes_the_demo_edition(settings, tmp_path, media_root, client):
    settings.VAR_DIR = tmp_path
    out = StringIO()

    call_command("load_demo", stdout=out)

    edition = Edition.objects.get()
    assert edition.is_published
    assert edition.live_build.status == Build.Status.DONE
    assert "pemred /" in out.getvalue()
    assert client.get("/").status_code == 200


def test_load_demo_twice_builds_once(settings, tmp_path, media_root):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=StringIO())

    call_command("load_demo", stdout=StringIO())

    assert Build.objects.count() == 1
