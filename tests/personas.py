"""The newsroom cast for tests: two writers, an editor and a chief editor, each in their real role.

Import the fixtures into a package's conftest.py with
``from tests.personas import *``.
"""

import pytest
from django.contrib.auth import get_user_model

from newsroom import roles

__all__ = ["make_member", "writer", "other_writer", "editor", "chief", "as_user"]


def make_member(username: str, role: str, first_name: str = "", last_name: str = ""):
    # Transactional tests empty the database afterwards, groups made by the migration included.
    roles.ensure_roles()
    user = get_user_model().objects.create_user(
        username=username, password="rahasia-demo-123", first_name=first_name, last_name=last_name, is_staff=True
    )
    roles.set_role(user, role)
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def writer(db):
    return make_member("rina", roles.WRITER, "Rina", "Lestari")


@pytest.fixture
def other_writer(db):
    return make_member("dedi", roles.WRITER, "Dedi", "Kurniawan")


@pytest.fixture
def editor(db):
    return make_member("budi", roles.EDITOR, "Budi", "Santoso")


@pytest.fixture
def chief(db):
    return make_member("siti", roles.CHIEF_EDITOR, "Siti", "Rahmawati")


@pytest.fixture
def as_user(client):
    """Log the test client in as a given user and return it."""

    def login(user):
        client.force_login(user)
        return client

    return login
