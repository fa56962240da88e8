"""The chief editor's activity log: who did what, filtered by person, date and object."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from articles import workflow
from articles.models import Article
from newsroom.models import AuditEntry
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def day_of_work(writer, editor):
    first = ArticleFactory(status=Article.Status.DRAFT, created_by=writer, headline="Posyandu Songka")
    second = ArticleFactory(status=Article.Status.DRAFT, created_by=writer, headline="Pasar Tani")
    with time_machine.travel(datetime(2026, 12, 6, 10, 0, tzinfo=WITA)):
        workflow.apply(first, "submit", writer)
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=WITA)):
        workflow.apply(second, "submit", writer)
        workflow.apply(first, "approve", editor)
    return first, second


def listed(response) -> list[str]:
    return [f"{entry.actor.username}:{entry.action}:{entry.object_repr}" for entry in response.context["cl"].result_list]


def test_log_lists_who_did_what(day_of_work, chief, client):
    client.force_login(chief)

    response = client.get(reverse("admin:newsroom_auditentry_changelist"))

    assert listed(response) == [
        "budi:approved:Posyandu Songka", "rina:submitted:Pasar Tani", "rina:submitted:Posyandu Songka",
    ]


def test_filter_by_person(day_of_work, chief, editor, client):
    client.force_login(chief)

    response = client.get(reverse("admin:newsroom_auditentry_changelist"), {"actor__id__exact": editor.pk})

    assert listed(response) == ["budi:approved:Posyandu Songka"]


def test_filter_by_date(day_of_work, chief, client):
    client.force_login(chief)

    response = client.get(reverse("admin:newsroom_auditentry_changelist"),
                          {"at__year": 2026, "at__month": 12, "at__day": 6})

    assert listed(response) == ["rina:submitted:Posyandu Songka"]


def test_filter_by_object(day_of_work, chief, client):
    first, _second = day_of_work
    client.force_login(chief)

    response = client.get(reverse("admin:newsroom_auditentry_changelist"), {"object": f"articles.article:{first.pk}"})

    assert listed(response) == ["budi:approved:Posyandu Songka", "rina:submitted:Posyandu Songka"]


def test_log_cannot_be_changed(chief, client):
    client.force_login(chief)

    assert client.get(reverse("admin:newsroom_auditentry_add")).status_code == 403
