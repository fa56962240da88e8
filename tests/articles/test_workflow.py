"""Article states move only along the workflow, and every move records who, when and why."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from articles import workflow
from articles.models import Article
from newsroom.models import AuditEntry
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
MORNING = datetime(2026, 12, 7, 9, 30, tzinfo=WITA)

MOVES = [
    # (start, step, role fixture, note, end, audit action)
    (Article.Status.DRAFT, "submit", "writer", "", Article.Status.SUBMITTED, AuditEntry.Action.SUBMITTED),
    (Article.Status.SUBMITTED, "withdraw", "writer", "Masih ada data yang salah.", Article.Status.DRAFT,
     AuditEntry.Action.RETURNED),
    (Article.Status.SUBMITTED, "send_back", "editor", "Kutipan camat belum ada.", Article.Status.DRAFT,
     AuditEntry.Action.RETURNED),
    (Article.Status.SUBMITTED, "approve", "editor", "", Article.Status.APPROVED, AuditEntry.Action.APPROVED),
    (Article.Status.APPROVED, "send_back", "editor", "Judul terlalu panjang.", Article.Status.DRAFT,
     AuditEntry.Action.RETURNED),
    (Article.Status.APPROVED, "publish", "chief", "", Article.Status.PUBLISHED, AuditEntry.Action.PUBLISHED),
    (Article.Status.PUBLISHED, "unpublish", "chief", "Data anggaran keliru.", Article.Status.DRAFT,
     AuditEntry.Action.UNPUBLISHED),
]


@pytest.mark.parametrize(("start", "step", "role", "note", "end", "action"), MOVES)
def test_move_is_recorded(start, step, role, note, end, action, request, writer):
    actor = request.getfixturevalue(role)
    article = ArticleFactory(status=start, created_by=writer, published_at=None)

    with time_machine.travel(MORNING, tick=False):
        record = workflow.apply(article, step, actor, note)

    article.refresh_from_db()
    assert article.status == end
    assert record.from_status == start
    assert record.to_status == end
    assert record.actor == actor
    assert record.at == MORNING
    assert record.note == note
    entry = AuditEntry.objects.get(action=action)
    assert entry.actor == actor
    assert entry.object_id == str(article.pk)
    assert entry.note == note


INVALID = [
    (Article.Status.DRAFT, "approve"),
    (Article.Status.DRAFT, "publish"),
    (Article.Status.SUBMITTED, "publish"),
    (Article.Status.SUBMITTED, "submit"),
    (Article.Status.APPROVED, "approve"),
    (Article.Status.PUBLISHED, "send_back"),
    (Article.Status.DRAFT, "unpublish"),
]


@pytest.mark.parametrize(("start", "step"), INVALID)
def test_move_from_wrong_status_is_refused(start, step, chief):
    article = ArticleFactory(status=start)

    with pytest.raises(workflow.WorkflowError, match="Muat ulang halaman"):
        workflow.apply(article, step, chief, "alasan")

    article.refresh_from_db()
    assert article.status == start
    assert not article.transitions.exists()


@pytest.mark.parametrize("step", ["withdraw", "send_back", "unpublish"])
def test_back_to_draft_needs_a_reason(step, writer, chief):
    start = Article.Status.PUBLISHED if step == "unpublish" else Article.Status.SUBMITTED
    article = ArticleFactory(status=start, created_by=writer)
    actor = writer if step == "withdraw" else chief

    with pytest.raises(workflow.WorkflowError):
        workflow.apply(article, step, actor, "   ")

    article.refresh_from_db()
    assert article.status == start


def test_writer_cannot_submit_someone_elses_draft(writer, other_writer):
    article = ArticleFactory(status=Article.Status.DRAFT, created_by=other_writer)

    with pytest.raises(PermissionDenied):
        workflow.apply(article, "submit", writer)


def test_editor_cannot_publish(editor):
    article = ArticleFactory(status=Article.Status.APPROVED)

    with pytest.raises(PermissionDenied):
        workflow.apply(article, "publish", editor)


def test_publishing_sets_the_publish_time_once(chief):
    article = ArticleFactory(status=Article.Status.APPROVED, published_at=None)

    with time_machine.travel(MORNING, tick=False):
        workflow.apply(article, "publish", chief)

    article.refresh_from_db()
    assert article.published_at == MORNING


def test_unpublished_article_keeps_its_address(chief):
    article = ArticleFactory(status=Article.Status.PUBLISHED, headline="Jembatan Long Ikis Dibuka")
    address = article.get_absolute_url()

    workflow.apply(article, "unpublish", chief, "Menunggu konfirmasi dinas.")
    article.headline = "Jembatan Long Ikis Dibuka Bulan Depan"
    article.save()

    assert article.get_absolute_url() == address


def test_buttons_offered_match_role_and_status(writer, editor, chief):
    draft = ArticleFactory(status=Article.Status.DRAFT, created_by=writer)
    submitted = ArticleFactory(status=Article.Status.SUBMITTED, created_by=writer)
    approved = ArticleFactory(status=Article.Status.APPROVED, created_by=writer)

    def names(user, article):
        return [transition.name for transition in workflow.available(user, article)]

    assert names(writer, draft) == ["submit"]
    assert names(writer, submitted) == ["withdraw"]
    assert names(writer, approved) == []
    assert names(editor, submitted) == ["approve", "send_back"]
    assert names(editor, approved) == ["send_back"]
    assert names(chief, approved) == ["send_back", "publish"]


def test_each_move_keeps_a_revision(writer, editor):
    from articles.revisions import versions_of

    article = ArticleFactory(status=Article.Status.DRAFT, created_by=writer)

    workflow.apply(article, "submit", writer)
    workflow.apply(article, "approve", editor)

    statuses = [version.field_dict["status"] for version in versions_of(article)]
    assert statuses == [Article.Status.APPROVED, Article.Status.SUBMITTED]
