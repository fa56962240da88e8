"""Reading a PDF's words back: the text layer's quirks pass, lost or extra words do not."""

from editions.rendering.verify import compare_word_counts, compare_words, words

BODY = "Kemasan dirancang bersama siswa. Setiap bungkus mencantumkan nama desa dan rata-rata harga."
EXPECTED = words(BODY)
FURNITURE = set(words("KOPI Judul Berita Oleh Tim Redaksi · Tana Paser Foto: Rachel Bersambung ke halaman 7"))


def test_identical_text_passes():
    assert compare_words(words(BODY), EXPECTED, FURNITURE) is None


def test_furniture_around_body_passes():
    tokens = words("KOPI Judul Berita Oleh Tim Redaksi · Tana Paser " + BODY + " Bersambung ke halaman 7")

    assert compare_words(tokens, EXPECTED, FURNITURE) is None


def test_hyphenated_line_end_is_joined_again():
    text = BODY.replace("dirancang", "diran\x02cang").replace("mencantumkan", "mencantum\ufffe\r\nkan")

    assert compare_words(words(text), EXPECTED, FURNITURE) is None


def test_split_word_is_rejoined():
    tokens = words(BODY.replace("bersama", "ber sama"))

    assert compare_words(tokens, EXPECTED, FURNITURE) is None


def test_words_run_together_across_lines_pass():
    tokens = words(BODY.replace("Setiap bungkus", "Setiapbungkus"))

    assert compare_words(tokens, EXPECTED, FURNITURE) is None


def test_real_hyphen_at_a_line_end_passes():
    tokens = words(BODY.replace("rata-rata", "rata\x02rata"))

    assert compare_words(tokens, EXPECTED, FURNITURE) is None


def test_missing_word_is_reported():
    problem = compare_words(words(BODY.replace(" nama desa", " desa")), EXPECTED, FURNITURE)

    assert problem is not None
    assert "nama" in problem


def test_repeated_text_is_reported():
    problem = compare_words(words(BODY + " Setiap bungkus"), EXPECTED, FURNITURE)

    assert problem is not None


def test_words_out_of_order_are_reported():
    problem = compare_words(words(BODY.replace("siswa. Setiap", "Setiap siswa.")), EXPECTED, FURNITURE)

    assert problem is not None


def test_list_markers_are_not_words_of_the_body():
    tokens = words("1. " + BODY + " • ")

    assert compare_words(tokens, EXPECTED, FURNITURE) is None


def test_arabic_and_emoji_not_compared():
    assert words("Salam 🙂 السلام عليكم dari tamu.") == ["Salam", "dari", "tamu."]


def test_right_to_left_lines_compare_by_count():
    expected = words("dari warga dan dari tamu.")

    assert compare_word_counts(words(".tamu dari dan warga dari"), expected, set()) is None
    assert compare_word_counts(words(".tamu dan warga dari"), expected, set()) is not None
