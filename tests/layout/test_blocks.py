"""Cutting article HTML at a word keeps every word once and the markup valid."""

import pytest

from layout.blocks import join, parse_blocks, split_blocks, total_words
from layout.blocks import tokenize

BODY = (
    "<p>Satu dua <strong>tiga empat</strong> lima.</p>"
    "<h2>Subjudul</h2>"
    "<ol><li>a b</li><li>c d e</li><li>f</li></ol>"
    "<table><tr><td>x y</td></tr></table>"
    "<blockquote class=\"pullquote\"><p>kutipan satu dua</p></blockquote>"
    "<p>akhir</p>"
)


def words_of(html: str) -> list[str]:
    text = "".join(token.raw if token.kind == "data" else " " for token in tokenize(html))
    return text.split()


def test_blocks_count_words_per_top_level_element():
    blocks = parse_blocks(BODY)

    assert [block.tag for block in blocks] == ["p", "h2", "ol", "table", "blockquote", "p"]
    assert [block.words for block in blocks] == [5, 1, 6, 2, 3, 1]


@pytest.mark.parametrize("cut", range(0, 20))
def test_split_keeps_every_word_once_in_order(cut):
    blocks = parse_blocks(BODY)

    head, tail = split_blocks(blocks, cut)

    assert words_of(join(head)) + words_of(join(tail)) == words_of(BODY)
    assert total_words(head) <= cut


def test_split_inside_paragraph_closes_and_reopens_inline_tags():
    head, tail = split_blocks(parse_blocks("<p>Satu dua <strong>tiga empat</strong> lima.</p>"), 3)

    assert join(head) == "<p>Satu dua <strong>tiga</strong></p>"
    assert join(tail) == '<p class="continued"><strong>empat</strong> lima.</p>'


def test_split_never_leaves_heading_at_end_of_first_part():
    head, tail = split_blocks(parse_blocks(BODY), 6)

    assert head[-1].tag == "p"
    assert tail[0].tag == "h2"


def test_split_numbered_list_continues_numbering():
    blocks = parse_blocks("<ol><li>a b</li><li>c d e</li><li>f</li></ol>")

    _, tail = split_blocks(blocks, 2)

    assert join(tail).startswith('<ol start="2">')


def test_split_never_cuts_a_table():
    blocks = parse_blocks("<p>satu</p><table><tr><td>x y z</td></tr></table>")

    head, tail = split_blocks(blocks, 2)

    assert join(head) == "<p>satu</p>"
    assert tail[0].tag == "table"


def test_loose_text_becomes_a_paragraph():
    blocks = parse_blocks("teks <em>lepas</em><p>paragraf</p>")

    assert join(blocks) == "<p>teks <em>lepas</em></p>\n<p>paragraf</p>"
