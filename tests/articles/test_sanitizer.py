"""Every stored body keeps only the allow-list, whatever sends it."""

import json

import pytest

from articles.models import Article
from articles.sanitizer import plain_text, sanitize_html
from tests.factories import ArticleFactory

HOSTILE = """
<p>Berita <SCRIPT>alert('x')</SCRIPT>penting <img src=x onerror="alert(1)">hari ini.</p>
<p><a href="  JaVaScRiPt:alert(1)">tautan jahat</a> dan <a href="https://paserkab.go.id/">tautan baik</a></p>
<iframe src="https://evil.example/"></iframe>
<svg><script>alert(2)</script><circle r="4"/></svg>
<div style="position:fixed;top:0;left:0;width:100%;height:100%">menutupi halaman</div>
<p onclick="alert(3)" onmouseover="alert(4)">paragraf dengan atribut kejadian</p>
<math><mi>x</mi></math><object data="x.swf"></object><embed src="x.swf">
<form action="https://evil.example/"><input name="q"></form>
"""

WORD = """<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
<!--[if gte mso 10]><style>p.MsoNormal{margin:0;mso-style-parent:"";}</style><![endif]-->
<meta name=Generator content="Microsoft Word 15"><style>.x{color:red}</style>
<p class=MsoNormal style='mso-margin-top-alt:auto'><span lang=IN style='font-size:12.0pt;mso-ansi-language:IN'>Rapat koordinasi<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst><font face="Calibri">1.&nbsp;&nbsp;&nbsp;Stok pangan cukup</font><o:p>&nbsp;</o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal><a name="_GoBack"></a>Selesai.</p>
"""


@pytest.mark.parametrize("dangerous", ["<script", "onerror", "onclick", "onmouseover", "javascript:", "<iframe", "<svg",
                                       "style=", "<math", "<object", "<embed", "<form", "<input", "alert("])
def test_hostile_markup_is_removed(dangerous):
    assert dangerous.lower() not in sanitize_html(HOSTILE).lower()


def test_visible_words_of_hostile_body_survive():
    text = plain_text(sanitize_html(HOSTILE))

    for words in ["Berita penting", "hari ini", "tautan jahat", "tautan baik", "menutupi halaman",
                  "paragraf dengan atribut kejadian"]:
        assert words in text


def test_safe_link_keeps_its_address_and_gets_noopener():
    cleaned = sanitize_html('<p><a href="https://paserkab.go.id/">situs</a></p>')

    assert cleaned == '<p><a href="https://paserkab.go.id/" rel="noopener noreferrer">situs</a></p>'


@pytest.mark.parametrize("leftover", ["<o:p", "mso-", "MsoNormal", "<meta", "<style", "<xml", "<font", "lang=", "_GoBack"])
def test_word_leftovers_are_removed(leftover):
    assert leftover not in sanitize_html(WORD)


def test_word_body_keeps_its_text_and_drops_empty_paragraphs():
    cleaned = sanitize_html(WORD)

    assert cleaned == "<p>Rapat koordinasi</p>\n<p>1. Stok pangan cukup</p>\n\n<p>Selesai.</p>"


def test_images_are_kept_only_from_own_media_folder():
    cleaned = sanitize_html(
        '<img src="/media/photos/web/a.jpg" alt="a"><img src="https://tracker.example/p.gif">'
        '<img src="file:///etc/passwd"><img src="/media/../../settings.py"><img src="data:image/png;base64,AAAA">'
    )

    assert cleaned == '<img src="/media/photos/web/a.jpg" alt="a">'


def test_headings_are_brought_into_the_body_range():
    assert sanitize_html("<h1>A</h1><h5>B</h5><b>C</b><i>D</i>") == "<h2>A</h2><h4>B</h4><strong>C</strong><em>D</em>"


def test_only_pullquote_class_survives_on_blockquote():
    assert sanitize_html('<blockquote class="pullquote evil">k</blockquote>') == '<blockquote class="pullquote">k</blockquote>'


@pytest.mark.django_db
def test_article_body_is_sanitised_on_every_save():
    article = ArticleFactory(body=HOSTILE)
    article.refresh_from_db()

    assert "<script" not in article.body.lower()
    assert "onerror" not in article.body


@pytest.mark.django_db
def test_body_posted_to_admin_form_without_editor_is_sanitised(admin_client):
    section = ArticleFactory().section
    response = admin_client.post("/admin/articles/article/add/", {
        "section": section.pk, "headline": "Judul dari formulir", "kicker": "", "lead": "", "byline": "",
        "place": "", "status": "draft", "published_at_0": "", "published_at_1": "", "slug": "",
        "body": HOSTILE + WORD,
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(headline="Judul dari formulir")
    for dangerous in ["<script", "onerror", "javascript:", "<iframe", "<svg", "style=", "<meta", "mso-"]:
        assert dangerous not in article.body.lower()
    assert "Rapat koordinasi" in article.body


def test_corpus_word_article_loses_its_markup(corpus):
    data = json.loads((corpus / "articles" / "006-rakor-natal-tahun-baru-word.json").read_text())

    cleaned = sanitize_html(data["body_html"])

    for leftover in ["<o:p", "mso-", "Mso", "<font", "<style", "<xml", "_GoBack"]:
        assert leftover not in cleaned
    assert "TANA PASER" in cleaned
    assert "Paser ini rumah bersama" in cleaned
