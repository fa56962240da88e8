"""`make run` gives one demo login per newsroom role and prints them."""

import pytest
from django.contrib.auth import authenticate

from demo.management.commands.load_demo import Command, logins_file
from newsroom import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def logins(path) -> dict[str, str]:
    rows = [line.split() for line in path.read_text(encoding="utf-8").splitlines() if " / " in line]
    return {row[0]: row[2] for row in rows}


def test_one_login_per_role_is_written(var_dir):
    Command()._users()

    passwords = logins(logins_file())
    assert set(passwords) == {"penulis", "redaktur", "pemred", "admin"}
    for username, role in [("penulis", roles.WRITER), ("redaktur", roles.EDITOR), ("pemred", roles.CHIEF_EDITOR)]:
        user = authenticate(username=username, password=passwords[username])
        assert user is not None
        assert roles.role_of(user) == role
        assert user.is_staff and not user.is_superuser


def test_running_again_keeps_the_passwords(var_dir):
    Command()._users()
    first = logins(logins_file())

    Command()._users()

    assert logins(logins_file()) == first
