"""The layout engine's decisions, with heights from a word-count measurer (no database, no WeasyPrint)."""

import pytest

from layout import LayoutEngine, LayoutError, LayoutOverflow
from layout.blocks import parse_blocks, split_blocks, tokenize
from layout.model import EditionPlan, PagePlan, PhotoSpec, PlacementPlan, Role, Story, Teaser
from layout.templates import available_templates, get_template

from .fakes import WordCountMeasurer


def body(words: int, per_paragraph: int = 50) -> str:
    vocabulary = [f"kata{index}" for index in range(words)]
    return "".join(f"<p>{' '.join(vocabulary[start:start + per_paragraph])}</p>" for start in range(0, words, per_paragraph))


def story(story_id, words, photo=None):
    return Story(id=story_id, headline=f"Judul {story_id}", body_html=body(words), photo=photo)


def plan(pages, stories):
    return EditionPlan(masthead="Koran", date_label="Senin, 7 Desember 2026", number=1, pages=pages,
                       stories={item.id: item for item in stories})


def words_of(html: str) -> list[str]:
    return "".join(t.raw if t.kind == "data" else " " for t in tokenize(html)).split()


def story_words_in_layout(layout, story_id) -> list[str]:
    words = []
    for page in layout.pages:
        for module in page.modules:
            if module.story.id == story_id:
                words += words_of(module.beside_html) + words_of(module.main_html)
    return words


def test_templates_load_from_json_files():
    templates = available_templates()

    assert {"front", "section", "feature", "back"} <= set(templates)
    assert get_template("section").columns >= 5


def test_unknown_template_is_named_in_the_error():
    with pytest.raises(KeyError, match="front"):
        get_template("broadsheet-xl")


def test_short_page_places_every_story_in_order():
    stories = [story("a", 120), story("b", 80)]
    layout = LayoutEngine(WordCountMeasurer()).lay_out(plan(
        [PagePlan(1, "Depan", "front", [PlacementPlan("a", Role.LEAD), PlacementPlan("b", Role.SECONDARY)])], stories))

    page = layout.pages[0]
    assert [module.story.id for module in page.modules] == ["a", "b"]
    assert page.modules[0].y < page.modules[1].y
    assert story_words_in_layout(layout, "a") == words_of(stories[0].body_html)


def test_long_story_continues_on_planned_page_without_losing_words():
    long_story = story("long", 3000)
    layout = LayoutEngine(WordCountMeasurer()).lay_out(plan([
        PagePlan(1, "Laporan", "feature", [PlacementPlan("long", Role.LEAD, continues_on=2)]),
        PagePlan(2, "Sambungan", "feature", [PlacementPlan("long", Role.CONTINUATION)]),
    ], [long_story]))

    first, second = layout.pages
    assert first.modules[0].jump_to == 2
    assert second.modules[0].jump_from == 1
    assert story_words_in_layout(layout, "long") == words_of(long_story.body_html)


def test_overflow_without_continuation_names_page_and_stories():
    with pytest.raises(LayoutOverflow) as raised:
        LayoutEngine(WordCountMeasurer()).lay_out(plan(
            [PagePlan(3, "Rubrik", "section", [PlacementPlan("big", Role.LEAD)])], [story("big", 9000)]))

    assert raised.value.page_number == 3
    assert raised.value.story_ids == ["big"]
    assert raised.value.code == "overflow"


def test_continuation_to_earlier_page_is_refused():
    with pytest.raises(LayoutError) as raised:
        LayoutEngine(WordCountMeasurer()).lay_out(plan([
            PagePlan(1, "A", "section", [PlacementPlan("x", Role.LEAD)]),
            PagePlan(2, "B", "section", [PlacementPlan("x", Role.LEAD, continues_on=1)]),
        ], [story("x", 100)]))

    assert raised.value.code == "continuation_target"


def test_missing_continuation_placement_is_reported():
    with pytest.raises(LayoutError) as raised:
        LayoutEngine(WordCountMeasurer()).lay_out(plan([
            PagePlan(1, "A", "feature", [PlacementPlan("x", Role.LEAD, continues_on=2)]),
            PagePlan(2, "B", "section", []),
        ], [story("x", 4000)]))

    assert raised.value.code == "continuation_missing"


def test_unused_continuation_gives_a_warning():
    layout = LayoutEngine(WordCountMeasurer()).lay_out(plan([
        PagePlan(1, "A", "feature", [PlacementPlan("x", Role.LEAD, continues_on=2)]),
        PagePlan(2, "B", "feature", [PlacementPlan("x", Role.CONTINUATION)]),
    ], [story("x", 100)]))

    assert {"code": "continuation_unused", "page": 2, "story": "x"} in layout.warnings


def test_photo_boxes_fit_their_module_and_page():
    photo = PhotoSpec(key="1", width=4000, height=2661, caption="Kucing", credit="CC0")
    stories = [story("a", 300, photo=photo), story("b", 200, photo=PhotoSpec("2", 3000, 4000))]
    layout = LayoutEngine(WordCountMeasurer()).lay_out(plan(
        [PagePlan(2, "Rubrik", "section", [PlacementPlan("a", Role.LEAD), PlacementPlan("b", Role.SECONDARY)])], stories))

    template = get_template("section")
    for module in layout.pages[0].modules:
        assert module.photo.width <= module.width + 0.01
        assert module.x + module.width <= template.content_width + 0.01
        assert module.y + module.height <= template.content_height + 0.01


def test_portrait_photo_takes_fewer_columns_than_landscape():
    landscape = story("land", 300, photo=PhotoSpec("1", 4000, 2661))
    portrait = story("port", 300, photo=PhotoSpec("2", 3000, 4000))
    engine = LayoutEngine(WordCountMeasurer())

    wide = engine.lay_out(plan([PagePlan(2, "R", "section", [PlacementPlan("land", Role.LEAD)])], [landscape]))
    tall = engine.lay_out(plan([PagePlan(2, "R", "section", [PlacementPlan("port", Role.LEAD)])], [portrait]))

    assert tall.pages[0].modules[0].photo.columns < wide.pages[0].modules[0].photo.columns


def test_crowded_page_shrinks_photos_before_failing():
    photo = PhotoSpec("1", 4000, 2661)
    stories = [story("a", 800, photo=photo), story("b", 500)]
    layout = LayoutEngine(WordCountMeasurer()).lay_out(plan(
        [PagePlan(2, "R", "section", [PlacementPlan("a", Role.LEAD), PlacementPlan("b", Role.SECONDARY)])], stories))

    lead = layout.pages[0].modules[0]
    assert lead.photo.columns < get_template("section").role("lead").photo_columns


def test_front_page_reserves_room_for_masthead_and_index():
    stories = [story("a", 100), story("b", 100), story("c", 100)]
    layout = LayoutEngine(WordCountMeasurer(header=40, index=25)).lay_out(plan([
        PagePlan(1, "Depan", "front", [PlacementPlan("a", Role.LEAD)], teasers=[Teaser("c", 2)]),
        PagePlan(2, "Dalam", "section", [PlacementPlan("c", Role.LEAD), PlacementPlan("b", Role.SECONDARY)]),
    ], stories))

    front = layout.pages[0]
    assert front.modules[0].y >= 40
    assert front.index == [(2, "Dalam")]
    assert [target for _, target in front.teasers] == [2]


def test_empty_page_warns_how_empty_it_is():
    layout = LayoutEngine(WordCountMeasurer()).lay_out(plan(
        [PagePlan(4, "Sepi", "section", [PlacementPlan("a", Role.LEAD)])], [story("a", 40)]))

    warning = layout.pages[0].warnings[0]
    assert warning["code"] == "page_underfilled"
    assert warning["percent"] > 50


def test_progress_is_reported_per_page():
    seen = []
    LayoutEngine(WordCountMeasurer()).lay_out(plan([
        PagePlan(1, "A", "section", [PlacementPlan("a", Role.LEAD)]),
        PagePlan(2, "B", "section", [PlacementPlan("b", Role.LEAD)]),
    ], [story("a", 50), story("b", 50)]), on_page_done=lambda done, total: seen.append((done, total)))

    assert seen == [(1, 2), (2, 2)]


def test_split_blocks_round_trip_matches_engine_cut():
    blocks = parse_blocks(body(500))
    head, tail = split_blocks(blocks, 123)

    assert len(words_of("".join(b.html for b in head))) == 123


@pytest.mark.parametrize("words_per_line,limit", [(3, 40.0), (7, 13.0), (5, 1000.0), (4, 4.0), (11, 57.5)])
def test_largest_fitting_matches_a_full_scan(words_per_line, limit):
    from layout.engine import largest_fitting

    calls = []

    def height(count):
        calls.append(count)
        return -(-count // words_per_line) * 4.0

    found = largest_fitting(0, 2500, height, limit)

    expected = max(n for n in range(0, 2501) if height(n) <= limit)
    assert found == expected
    assert len(set(calls[-40:])) <= 40
