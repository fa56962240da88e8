"""Warnings before building: photo credit and alt text, amount of text, unapproved articles."""

import pytest

from articles.models import Article, Photo
from editions import checks
from editions.models import Page, Placement
from tests.factories import ArticleFactory, EditionFactory, paragraphs

from .newsroom_helpers import edition_of_approved

pytestmark = pytest.mark.django_db


def photo(**fields):
    values = {"width": 1600, "height": 1067, "mime_type": "image/jpeg", "file_size": 1, "checksum": "0" * 64,
              "credit": "Prokopim Paser", "alt_text": "Bupati menggunting pita"}
    values.update(fields)
    return Photo.objects.create(**values)


def codes(edition):
    return [problem.code for problem in checks.check_edition(edition)]


def test_photo_without_credit_or_alt_text_is_named(writer):
    edition = edition_of_approved((1,))
    placement = Placement.objects.get(page__edition=edition)
    placement.article.feature_photo = photo(credit="", alt_text="")
    placement.article.save()

    problems = checks.check_edition(edition)

    messages = [p.message for p in problems if p.code in ("photo_credit", "photo_alt")]
    assert len(messages) == 2
    assert all(placement.article.headline in message for message in messages)


def test_unapproved_article_blocks_publication():
    edition = edition_of_approved((2,))
    article = Placement.objects.filter(page__edition=edition).last().article
    article.status = Article.Status.SUBMITTED
    article.save()

    blockers = checks.publication_blockers(edition)

    assert [problem.code for problem in blockers] == ["not_approved"]
    assert article.headline in blockers[0].message


def test_overfull_page_is_warned():
    edition = EditionFactory()
    page = Page.objects.create(edition=edition, number=1, title="Depan", template="section")
    for position in range(3):
        Placement.objects.create(page=page, position=position, role="lead" if position == 0 else "secondary",
                                 article=ArticleFactory(status=Article.Status.APPROVED, body=paragraphs(12, 80)))

    assert "too_much_text" in codes(edition)


def test_nearly_empty_page_is_warned():
    edition = EditionFactory()
    page = Page.objects.create(edition=edition, number=1, title="Depan", template="section")
    Placement.objects.create(page=page, role="lead", article=ArticleFactory(body=paragraphs(1, 60)))

    assert "too_little_text" in codes(edition)


def test_well_filled_page_has_no_amount_warning():
    edition = EditionFactory()
    page = Page.objects.create(edition=edition, number=1, title="Rubrik", template="section")
    for position in range(3):
        Placement.objects.create(page=page, position=position, role="lead" if position == 0 else "secondary",
                                 article=ArticleFactory(body=paragraphs(6, 65)))

    assert not {"too_much_text", "too_little_text"} & set(codes(edition))


def test_long_story_continuing_on_a_later_page_is_not_overfull():
    edition = EditionFactory()
    first = Page.objects.create(edition=edition, number=1, title="Laporan", template="feature")
    second = Page.objects.create(edition=edition, number=2, title="Laporan", template="feature")
    story = ArticleFactory(body=paragraphs(30, 80))
    Placement.objects.create(page=first, article=story, role="lead", continues_on=2)
    Placement.objects.create(page=second, article=story, role="continuation")

    estimates = checks.page_estimates(edition)

    assert estimates[1].words <= estimates[1].capacity
    assert estimates[1].words + estimates[2].words == story.word_count
    assert "continuation_missing" not in codes(edition)


def test_missing_continuation_and_lead_are_named():
    edition = EditionFactory()
    first = Page.objects.create(edition=edition, number=1, title="Laporan", template="feature")
    Page.objects.create(edition=edition, number=2, title="Lain", template="section")
    Placement.objects.create(page=first, article=ArticleFactory(), role="secondary", continues_on=2)

    found = codes(edition)

    assert "continuation_missing" in found
    assert "no_lead" in found
    assert "empty_page" in found


def test_edition_without_pages_blocks_publication():
    edition = EditionFactory()

    assert [p.code for p in checks.publication_blockers(edition)] == ["no_pages"]
