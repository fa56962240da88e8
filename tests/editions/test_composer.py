"""The composer: pages with thumbnails, approved articles added, order, lead, template; bad posts change nothing."""

import pytest
from django.urls import reverse

from articles.models import Article
from editions.models import Page, Placement
from newsroom.models import AuditEntry
from tests.factories import ArticleFactory

from .newsroom_helpers import edition_of_approved, fake_done_build

pytestmark = pytest.mark.django_db


def compose_url(edition):
    return reverse("admin:editions_edition_compose", args=[edition.pk])


def current_form(edition) -> dict:
    """The composer's fields for the edition as it is stored, as the page would post them."""
    data = {}
    for page in edition.pages.all():
        data[f"page-{page.pk}-title"] = page.title
        data[f"page-{page.pk}-template"] = page.template
        for placement in page.placements.all():
            data[f"placement-{placement.pk}-page"] = page.pk
            data[f"placement-{placement.pk}-position"] = placement.position
            data[f"placement-{placement.pk}-role"] = "secondary" if placement.role == "lead" else placement.role
            data[f"placement-{placement.pk}-continues_on"] = placement.continues_on or ""
            if placement.role == "lead":
                data[f"page-{page.pk}-lead"] = placement.article_id
    return data


def headlines(page):
    return [p.article.headline for p in page.placements.order_by("position")]


def test_composer_lists_pages_with_thumbnails_once_built(editor, client, media_root):
    edition = edition_of_approved((2, 1))
    fake_done_build(edition, media_root)
    client.force_login(editor)

    html = client.get(compose_url(edition)).content.decode()
    thumbnail = reverse("admin:editions_edition_preview_file", args=[edition.pk, "pages/thumb-02.jpg"])

    assert thumbnail in html
    assert client.get(thumbnail).status_code == 200
    assert "Sortable.min.js" in html
    for placement in Placement.objects.filter(page__edition=edition):
        assert placement.article.headline in html


def test_only_approved_articles_not_in_an_edition_are_offered(editor, client):
    edition = edition_of_approved((1,))
    waiting = ArticleFactory(status=Article.Status.APPROVED, headline="Menunggu Tempat")
    ArticleFactory(status=Article.Status.SUBMITTED, headline="Belum Disetujui")
    client.force_login(editor)

    pool = client.get(compose_url(edition)).context["available"]

    assert waiting in pool
    assert [a.headline for a in pool] == ["Menunggu Tempat"]


def test_adds_an_approved_article_to_a_page(editor, client):
    edition = edition_of_approved((1, 1))
    second = edition.pages.get(number=2)
    waiting = ArticleFactory(status=Article.Status.APPROVED)
    existing = second.placements.get()
    client.force_login(editor)

    response = client.post(compose_url(edition), {
        **current_form(edition), f"placement-{existing.pk}-position": "1",
        f"add-{waiting.pk}-page": second.pk, f"add-{waiting.pk}-position": "0",
    })

    assert response.status_code == 302
    assert headlines(second)[0] == waiting.headline
    assert AuditEntry.objects.filter(action=AuditEntry.Action.COMPOSED, actor=editor).exists()


def test_reorders_moves_and_chooses_the_lead(editor, client):
    edition = edition_of_approved((2, 1))
    first, second = edition.pages.order_by("number")
    lead, other = first.placements.order_by("position")
    moved = second.placements.get()
    data = current_form(edition)
    data[f"placement-{lead.pk}-position"] = 1
    data[f"placement-{other.pk}-position"] = 0
    data[f"page-{first.pk}-lead"] = other.article_id
    data[f"placement-{moved.pk}-page"] = first.pk
    data[f"placement-{moved.pk}-position"] = 2
    data[f"page-{second.pk}-template"] = "back"
    data[f"page-{second.pk}-title"] = "Olahraga"
    client.force_login(editor)

    client.post(compose_url(edition), data)

    first.refresh_from_db()
    second.refresh_from_db()
    assert headlines(first) == [other.article.headline, lead.article.headline, moved.article.headline]
    roles = {p.article_id: p.role for p in first.placements.all()}
    assert roles[other.article_id] == Placement.Role.LEAD
    assert roles[lead.article_id] == Placement.Role.SECONDARY
    assert (second.title, second.template) == ("Olahraga", "back")


def test_takes_an_article_off_the_edition(editor, client):
    edition = edition_of_approved((2,))
    removed = edition.pages.get().placements.order_by("position").last()
    data = current_form(edition)
    data[f"placement-{removed.pk}-page"] = ""
    client.force_login(editor)

    client.post(compose_url(edition), data)

    assert not Placement.objects.filter(article=removed.article).exists()


def test_adds_and_deletes_pages_and_renumbers(editor, client):
    edition = edition_of_approved((1, 1, 1))
    middle = edition.pages.get(number=2)
    client.force_login(editor)

    client.post(compose_url(edition), {
        **current_form(edition), f"page-{middle.pk}-delete": "on",
        "action": "add_page", "new_page_title": "Pengumuman", "new_page_template": "back",
    })

    assert [(p.number, p.title) for p in edition.pages.order_by("number")] == [
        (1, "Halaman 1"), (2, "Halaman 3"), (3, "Pengumuman"),
    ]


BAD_POSTS = [
    ("template", lambda page, placement: {f"page-{page.pk}-template": "poster-raksasa"}),
    ("title", lambda page, placement: {f"page-{page.pk}-title": "  "}),
    ("position", lambda page, placement: {f"placement-{placement.pk}-position": "kedua"}),
    ("continues_on", lambda page, placement: {f"placement-{placement.pk}-continues_on": "tujuh"}),
    ("page", lambda page, placement: {f"placement-{placement.pk}-page": "999999"}),
    ("role", lambda page, placement: {f"placement-{placement.pk}-role": "iklan"}),
]


@pytest.mark.parametrize(("field", "change"), BAD_POSTS, ids=[field for field, _change in BAD_POSTS])
def test_bad_post_is_explained_and_changes_nothing(field, change, editor, client):
    edition = edition_of_approved((2,))
    page = edition.pages.get()
    placement = page.placements.first()
    before = list(Placement.objects.filter(page__edition=edition).values_list("pk", "article_id", "position", "role"))
    client.force_login(editor)

    response = client.post(compose_url(edition), {**current_form(edition), **change(page, placement)})

    assert response.status_code == 400
    assert response.context["errors"]
    assert 'id="composer-errors"' in response.content.decode()
    after = list(Placement.objects.filter(page__edition=edition).values_list("pk", "article_id", "position", "role"))
    assert after == before
    page.refresh_from_db()
    assert page.template == "front"


def test_article_approved_elsewhere_meanwhile_is_refused_with_a_message(editor, client):
    edition = edition_of_approved((1,))
    page = edition.pages.get()
    sent_back = ArticleFactory(status=Article.Status.DRAFT)
    client.force_login(editor)

    response = client.post(compose_url(edition), {**current_form(edition), f"add-{sent_back.pk}-page": page.pk})

    assert response.status_code == 400
    assert not Placement.objects.filter(article=sent_back).exists()


def test_composer_shows_warnings_before_building(editor, client):
    edition = edition_of_approved((1,))
    article = Placement.objects.get(page__edition=edition).article
    article.status = Article.Status.SUBMITTED
    article.save()
    client.force_login(editor)

    html = client.get(compose_url(edition)).content.decode()

    assert 'id="edition-problems"' in html
    assert article.headline in html
    assert "problem-not_approved" in html


def test_saving_pages_marks_the_build_stale(editor, client, media_root):
    from editions.publishing import needs_build

    edition = edition_of_approved((1,))
    fake_done_build(edition, media_root)
    client.force_login(editor)
    data = current_form(edition)
    page = edition.pages.get()
    data[f"page-{page.pk}-title"] = "Judul Baru"

    client.post(compose_url(edition), data)

    edition.refresh_from_db()
    assert needs_build(edition)


def test_page_cannot_be_created_without_a_title(editor, client):
    edition = edition_of_approved((1,))
    client.force_login(editor)

    response = client.post(compose_url(edition), {**current_form(edition), "action": "add_page",
                                                  "new_page_title": "", "new_page_template": "section"})

    assert response.status_code == 400
    assert Page.objects.filter(edition=edition).count() == 1
