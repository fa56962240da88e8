"""Full-text search over the articles readers may open, and the editions that printed them.

On PostgreSQL the search uses the ``indonesian`` text-search configuration,
so "membangun" finds "pembangunan" (both stem to "bangun"), ranks headline
matches above lead and body matches, and highlights the matched words with
``ts_headline``. Other databases (SQLite in development) get a simpler
fallback. Each query word is reduced to its likely roots by stripping common
Indonesian prefixes and suffixes (``indonesian_stems``). An article matches
when one root of every word occurs in its headline, lead or body, and results
are ranked by where and how often the roots occur.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, F, Func, Q, TextField, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, Section
from articles.sanitizer import plain_text
from editions.models import Edition

from .queries import visible_articles

# Maximum query length in characters. Longer input is cut to this length.
MAX_QUERY_LENGTH = 200
# The SQLite fallback ranks at most this many matching articles in Python.
FALLBACK_CANDIDATES = 500
SNIPPET_WORDS = 32
# Sentinels that PostgreSQL puts around matches; replaced by <mark> after escaping.
MARK_START, MARK_END = "\x02", "\x03"
TAG = re.compile(r"<[^>]+>")

STOP_WORDS = {
    "dan", "di", "ke", "dari", "yang", "untuk", "dengan", "pada", "ini", "itu", "atau", "juga", "akan",
    "the", "of", "and", "in",
}
PREFIXES = (
    # (prefix, replacements for the first letter it swallowed)
    ("meny", ("s",)), ("peny", ("s",)),
    ("meng", ("", "k")), ("peng", ("", "k")),
    ("mem", ("", "p")), ("pem", ("", "p")),
    ("men", ("", "t")), ("pen", ("", "t")),
    ("me", ("",)), ("pe", ("",)), ("ber", ("",)), ("be", ("",)), ("ter", ("",)),
    ("per", ("",)), ("di", ("",)), ("ke", ("",)), ("se", ("",)),
)
SUFFIXES = ("kannya", "annya", "nya", "kan", "lah", "kah", "pun", "an", "i")
MIN_STEM = 4


@dataclass
class Filters:
    text: str = ""
    section: Section | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


@dataclass
class Hit:
    article: Article
    headline: SafeString
    snippet: SafeString
    rank: float = 0.0


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    # (edition, number of matching articles in it), most matches first.
    editions: list[tuple[Edition, int]] = field(default_factory=list)
    engine: str = "fallback"


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _filtered(filters: Filters):
    queryset = visible_articles().select_related("section", "feature_photo")
    if filters.section is not None:
        queryset = queryset.filter(section=filters.section)
    if filters.date_from is not None:
        queryset = queryset.filter(published_at__date__gte=filters.date_from)
    if filters.date_to is not None:
        queryset = queryset.filter(published_at__date__lte=filters.date_to)
    return queryset


def search(filters: Filters, limit: int = 200) -> Results:
    """Return up to ``limit`` matching articles, best first, and the editions that printed them."""
    if filters.is_empty:
        return Results()
    text = filters.text.strip()[:MAX_QUERY_LENGTH]
    if uses_postgres():
        results = Results(hits=_postgres_hits(text, _filtered(filters), limit), engine="postgresql")
    else:
        results = Results(hits=_fallback_hits(text, _filtered(filters), limit), engine="fallback")
    results.editions = _editions_of([hit.article.pk for hit in results.hits])
    return results


def _editions_of(article_ids: list[int], limit: int = 6) -> list[tuple[Edition, int]]:
    if not article_ids:
        return []
    editions = (
        Edition.objects.published()
        .filter(pages__placements__article__in=article_ids)
        .annotate(matches=Count("pages__placements__article", distinct=True))
        .order_by("-matches", "-date")[:limit]
    )
    return [(edition, edition.matches) for edition in editions]


# PostgreSQL ----------------------------------------------------------------

def _without_tags(expression):
    return Func(expression, Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace", output_field=TextField())


def _postgres_hits(text: str, queryset, limit: int) -> list[Hit]:
    query = SearchQuery(text, search_type="websearch", config="indonesian")
    vector = (
        SearchVector("headline", weight="A", config="indonesian")
        + SearchVector("lead", weight="B", config="indonesian")
        + SearchVector(_without_tags(F("body")), weight="C", config="indonesian")
    )
    # NOTE: the vector is computed per row at query time; there is no GIN
    # index because the articles table belongs to another app. A few
    # thousand articles search in milliseconds; add an expression index on
    # the same vector when the archive grows past that.
    rows = (
        queryset.annotate(document=vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(F("document"), query, normalization=Value(1)),
            headline_marked=SearchHeadline(
                "headline", query, config="indonesian", start_sel=MARK_START, stop_sel=MARK_END, highlight_all=True,
            ),
            snippet_marked=SearchHeadline(
                _without_tags(F("body")), query, config="indonesian", start_sel=MARK_START, stop_sel=MARK_END,
                max_words=SNIPPET_WORDS, min_words=12, max_fragments=2, fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-published_at")[:limit]
    )
    return [
        Hit(article=row, headline=_marked(row.headline_marked), snippet=_marked(row.snippet_marked), rank=row.rank)
        for row in rows
    ]


def _marked(text: str) -> SafeString:
    """Escape ``text`` from ts_headline and turn its sentinels into <mark> elements."""
    cleaned = html.unescape(TAG.sub(" ", text or ""))
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    escaped = str(escape(cleaned))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


# Fallback ------------------------------------------------------------------

def query_words(text: str) -> list[str]:
    words = re.findall(r"\w+", text.lower())
    return [word for word in words if word not in STOP_WORDS and len(word) >= 2]


def indonesian_stems(word: str) -> set[str]:
    """Return the word and the roots it may have once common affixes are removed.

    A rough affix stripper, not a real stemmer: it over-generates on purpose
    ("mengambil" gives "ambil" and "kambil"), because the fallback matches
    any of the roots as a substring.
    """
    word = word.lower()
    stems = {word}
    bare = word
    for suffix in SUFFIXES:
        if bare.endswith(suffix) and len(bare) - len(suffix) >= MIN_STEM:
            bare = bare[: -len(suffix)]
            break
    stems.add(bare)
    for prefix, replacements in PREFIXES:
        if bare.startswith(prefix) and len(bare) - len(prefix) >= MIN_STEM - 1:
            rest = bare[len(prefix):]
            for first in replacements:
                if first and rest[:1] not in "aeiou":
                    continue
                candidate = first + rest
                if len(candidate) >= MIN_STEM:
                    stems.add(candidate)
            break
    return {stem for stem in stems if len(stem) >= min(MIN_STEM, len(word))}


def _fallback_hits(text: str, queryset, limit: int) -> list[Hit]:
    words = query_words(text)
    if not words:
        return []
    stem_sets = [indonesian_stems(word) for word in words]
    for stems in stem_sets:
        any_field = Q()
        for stem in stems:
            any_field |= Q(headline__icontains=stem) | Q(lead__icontains=stem) | Q(body__icontains=stem)
        queryset = queryset.filter(any_field)

    hits = []
    for article in queryset.order_by("-published_at")[:FALLBACK_CANDIDATES]:
        body = plain_text(article.body)
        rank = 0.0
        for stems in stem_sets:
            found = [len(_matching_words(text, stems)) for text in (article.headline, article.lead, body)]
            if not any(found):
                # The database matched a root inside an unrelated word.
                rank = 0.0
                break
            rank += 3 * found[0] + 2 * found[1] + min(found[2], 10) * 0.5
        if rank == 0:
            continue
        all_stems = set().union(*stem_sets)
        hits.append(Hit(
            article=article,
            headline=_highlight(article.headline, all_stems),
            snippet=_fallback_snippet(body, all_stems),
            rank=rank,
        ))
    hits.sort(key=lambda hit: (-hit.rank, -(hit.article.published_at.timestamp() if hit.article.published_at else 0)))
    return hits[:limit]


def _matching_words(text: str, stems: set[str]) -> list[re.Match]:
    """Return the words of ``text`` that share a root with the query (their own affixes stripped)."""
    return [match for match in re.finditer(r"\w+", text) if indonesian_stems(match.group(0)) & stems]


def _highlight(text: str, stems: set[str]) -> SafeString:
    parts, last = [], 0
    for match in _matching_words(text, stems):
        parts.append(str(escape(text[last:match.start()])))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(str(escape(text[last:])))
    return mark_safe("".join(parts))


def _fallback_snippet(body: str, stems: set[str]) -> SafeString:
    words = body.split()
    first = next((index for index, word in enumerate(words) if _matching_words(word, stems)), 0)
    start = max(0, first - SNIPPET_WORDS // 3)
    excerpt = " ".join(words[start:start + SNIPPET_WORDS])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
    return mark_safe(prefix + _highlight(excerpt, stems) + suffix)
