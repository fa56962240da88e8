"""Lay out an edition plan page by page.

For each page the engine builds one module per placement, packs modules
into rows (a lead or a continuation alone, other stories side by side),
picks column spans, fits text beside side photos, and then:

1. cuts a story that has a planned continuation so the page fits, carrying
   the rest to the continuation page with jump lines on both sides;
2. otherwise shrinks photos to their widest allowed crop, and if the page
   still does not fit, raises ``LayoutOverflow`` naming the page and stories;
3. fills a page that came out short by growing photos, then by widening the
   gaps between rows, and records how much stays empty.

Every height comes from the measurer, which typesets the same markup the
final PDF uses, so the engine never estimates how much text fits. Text is
only ever moved, never dropped: a story's words on its pages, in order, are
the words of its body.
"""

import logging
import math
from dataclasses import dataclass, field
from typing import Callable, Protocol

from .blocks import Block, join, parse_blocks, split_blocks, total_words
from .errors import LayoutError, LayoutOverflow
from .model import EditionLayout, EditionPlan, Metrics, Module, PageLayout, PagePlan, PhotoBox, Role
from .templates import PageTemplate, get_template

logger = logging.getLogger(__name__)

# More words than any line of body text fits. Searches stop at this bound, so
# a long story is never typeset whole just to learn that it does not fit.
MAX_WORDS_PER_LINE = 10
POINT = 25.4 / 72
# How many tightening steps a page may take so its continuation page fits.
MAX_SQUEEZE = 8
# Text beside a photo may end this much (mm) below the photo's caption.
TOLERANCE = 0.5
# Largest extra space added to each gap between rows when a page is short (mm).
MAX_EXTRA_GAP = 4.0
# A crop may change a photo's width/height ratio by at most this factor.
CROP_LIMIT = 1.35
# A side-by-side row whose taller story is this much taller than the
# shorter one is tried again with the wider span given to the longer story.
ROW_IMBALANCE = 1.3


class Measurer(Protocol):
    def measure(self, module: Module, template: PageTemplate) -> Metrics: ...

    def header_height(self, page: PageLayout, template: PageTemplate, plan: EditionPlan) -> float: ...

    def index_height(self, page: PageLayout, template: PageTemplate, plan: EditionPlan) -> float: ...


@dataclass
class _Entry:
    module: Module
    blocks: list[Block]
    cut_target: int | None
    beside_words: int = 0
    # Words of ``blocks`` kept on this page; None keeps them all.
    kept_words: int | None = None
    carried: list[Block] = field(default_factory=list)
    metrics: Metrics | None = None
    # Set when the engine resizes a photo or headline to make a page fit.
    photo_columns: int | None = None
    photo_height: float | None = None
    headline_size: str | None = None

    @property
    def words(self) -> int:
        return total_words(self.blocks)


def largest_fitting(low: int, high: int, height_of: Callable[[int], float], limit: float) -> int:
    """Return the largest n in [low, high] with height_of(n) <= limit, assuming it holds for ``low``.

    Text height grows with the number of words almost in proportion, so a
    step guesses by linear interpolation between the bracket's ends (usually
    three or four measurements in all). When a guess fails to halve the
    bracket, the next step bisects, which keeps the worst case near a binary
    search's.
    """
    high_height = height_of(high)
    if high_height <= limit:
        return high
    low_height = height_of(low)
    interpolate = True
    while high - low > 1:
        span = high - low
        if interpolate and high_height > low_height:
            guess = low + int((limit - low_height) / (high_height - low_height) * span)
        else:
            guess = low + span // 2
        guess = min(max(guess, low + 1), high - 1)
        height = height_of(guess)
        if height <= limit:
            low, low_height = guess, height
        else:
            high, high_height = guess, height
        interpolate = (high - low) * 2 <= span
    return low


class LayoutEngine:
    def __init__(self, measurer: Measurer):
        self.measurer = measurer

    def lay_out(self, plan: EditionPlan, on_page_done: Callable[[int, int], None] | None = None) -> EditionLayout:
        """Lay out every page of ``plan``; call ``on_page_done(done, total)`` after each."""
        self._check_plan(plan)
        ordered = sorted(plan.pages, key=lambda page: page.number)
        position = {page.number: index for index, page in enumerate(ordered)}
        carry: dict[tuple[int, object], tuple[list[Block], int]] = {}
        carry_before: dict[int, dict] = {}
        # Per source page: how tight it is set, and how many words it passed on
        # now and when it was last tightened.
        squeeze: dict[int, int] = {}
        carried_words: dict[int, int] = {}
        carried_before_squeeze: dict[int, int] = {}
        pages: list[PageLayout] = []

        index = 0
        while index < len(ordered):
            page_plan = ordered[index]
            carry_before[index] = dict(carry)
            builder = _PageBuilder(self.measurer, plan, page_plan, carry, squeeze.get(page_plan.number, 0))
            try:
                page = builder.build()
            except LayoutOverflow:
                # A continuation page that overflows: make its source page keep
                # more of the story by tightening that page, and lay out again.
                source = next((number for number in sorted(builder.sources, reverse=True)
                               if squeeze.get(number, 0) < MAX_SQUEEZE), None)
                if source is None or carried_words.get(source) == carried_before_squeeze.get(source):
                    raise
                carried_before_squeeze[source] = carried_words.get(source)
                squeeze[source] = squeeze.get(source, 0) + 1
                logger.debug("page=%s overflows; tightening page=%s level=%s", page_plan.number, source, squeeze[source])
                index = position[source]
                carry = dict(carry_before[index])
                del pages[index:]
                continue

            carried_words[page_plan.number] = sum(
                total_words(blocks) for (_, _), (blocks, source) in carry.items() if source == page_plan.number
            )
            pages.append(page)
            if on_page_done is not None:
                on_page_done(len(pages), len(ordered))
            index += 1

        if carry:
            (target, story_id), (_, source) = next(iter(carry.items()))
            raise LayoutError(
                "continuation_missing",
                f"story {story_id!r} continues from page {source} to page {target}, "
                f"but page {target} has no continuation placement for it",
                story=story_id, page=source, target=target,
            )
        return EditionLayout(plan=plan, pages=pages)

    @staticmethod
    def _check_plan(plan: EditionPlan) -> None:
        numbers = {page.number for page in plan.pages}
        for page in plan.pages:
            try:
                get_template(page.template)
            except KeyError as error:
                raise LayoutError("unknown_template", str(error), page=page.number, template=page.template) from None
            for placement in page.placements:
                if placement.story_id not in plan.stories:
                    raise LayoutError(
                        "unknown_story",
                        f"page {page.number} places unknown story {placement.story_id!r}",
                        story=placement.story_id, page=page.number,
                    )
                target = placement.continues_on
                if target is not None and (target <= page.number or target not in numbers):
                    raise LayoutError(
                        "continuation_target",
                        f"story {placement.story_id!r} on page {page.number} continues on page {target}, "
                        f"which must be a later page of the edition",
                        story=placement.story_id, page=page.number, target=target,
                    )


class _PageBuilder:
    def __init__(self, measurer: Measurer, plan: EditionPlan, page_plan: PagePlan, carry: dict, squeeze: int = 0):
        self.measurer = measurer
        self.plan = plan
        self.page_plan = page_plan
        self.carry = carry
        self.squeeze = squeeze
        self.template = get_template(page_plan.template)
        # Pages whose stories continue on this page.
        self.sources: list[int] = []

    # -- building ---------------------------------------------------------

    def build(self) -> PageLayout:
        template = self.template
        page = PageLayout(
            number=self.page_plan.number,
            title=self.page_plan.title,
            template=template.name,
            width=template.width,
            height=template.height,
            body_top=0.0,
            body_height=template.content_height,
            header=template.header,
        )
        page.header_height = self.measurer.header_height(page, template, self.plan)
        if template.index:
            page.teasers = [
                (self.plan.stories[teaser.story_id], teaser.page)
                for teaser in self.page_plan.teasers
                if teaser.story_id in self.plan.stories
            ]
            page.index = [(other.number, other.title) for other in self.plan.pages if other.number != page.number]
            page.index_height = self.measurer.index_height(page, template, self.plan)

        page.body_top = page.header_height + template.row_gap
        available = template.content_height - page.body_top
        if page.index_height:
            available -= page.index_height + template.row_gap
        page.body_height = available

        entries = self._entries(page)
        rows = self._pack(entries)
        for row in rows:
            self._set_row(row)
        for step, relieve in enumerate(self._reliefs(rows)):
            if step >= self.squeeze:
                break
            relieve()
        if self._total(rows) > available:
            self._resolve_overflow(page, rows, available)
        if self._total(rows) < available - TOLERANCE:
            self._fill(rows, available)
        self._position(page, rows, available)
        logger.debug("page=%s rows=%s empty=%.2f", page.number, len(rows), page.empty_fraction)
        return page

    def _entries(self, page: PageLayout) -> list[_Entry]:
        entries = []
        for placement in self.page_plan.placements:
            story = self.plan.stories[placement.story_id]
            jump_from = None
            if placement.role == Role.CONTINUATION:
                carried = self.carry.pop((page.number, story.id), None)
                if carried is None:
                    page.warnings.append({"code": "continuation_unused", "page": page.number, "story": story.id})
                    continue
                blocks, jump_from = carried
                self.sources.append(jump_from)
            else:
                blocks = parse_blocks(story.body_html)
            style = self.template.role(placement.role)
            module = Module(
                story=story,
                role=Role(placement.role),
                span=self.template.columns,
                columns=self.template.columns,
                width=self.template.content_width,
                headline_size=style.headline,
                show_head=jump_from is None,
                jump_from=jump_from,
            )
            entries.append(_Entry(module=module, blocks=blocks, cut_target=placement.continues_on))
        return entries

    def _pack(self, entries: list[_Entry]) -> list[list[_Entry]]:
        """Group entries into rows: leads and continuations alone, others by the role's per_row."""
        rows: list[list[_Entry]] = []
        for entry in entries:
            role = entry.module.role
            per_row = 1 if role in (Role.LEAD, Role.CONTINUATION) else self.template.role(role).per_row
            last = rows[-1] if rows else None
            if (
                last is not None
                and last[0].module.role == role
                and role not in (Role.LEAD, Role.CONTINUATION)
                and len(last) < per_row
            ):
                last.append(entry)
            else:
                rows.append([entry])
        return rows

    # -- rows and modules -------------------------------------------------

    def _span_options(self, row: list[_Entry]) -> list[tuple[int, ...]]:
        columns = self.template.columns
        count = len(row)
        base, extra = divmod(columns, count)
        return [tuple(base + 1 if index < extra else base for index in range(count))]

    def _set_row(self, row: list[_Entry]) -> None:
        spans = self._span_options(row)[0]
        self._apply_spans(row, spans)
        if len(row) == 2:
            heights = [entry.metrics.total for entry in row]
            if max(heights) > ROW_IMBALANCE * min(heights):
                longer = heights.index(max(heights))
                columns = self.template.columns
                wide = max(spans)
                if spans[longer] == wide:
                    wide = min(columns - 2, wide + 1)
                alternative = (wide, columns - wide) if longer == 0 else (columns - wide, wide)
                before = (list(spans), max(heights) - min(heights))
                self._apply_spans(row, alternative)
                after = [entry.metrics.total for entry in row]
                if max(after) - min(after) >= before[1]:
                    self._apply_spans(row, tuple(before[0]))

    def _apply_spans(self, row: list[_Entry], spans: tuple[int, ...]) -> None:
        for entry, span in zip(row, spans):
            self._configure(entry, span)

    def _aspect_range(self, entry: _Entry) -> tuple[float, float]:
        """Return the narrowest and widest crop allowed for the entry's photo, as width / height.

        A crop stays within CROP_LIMIT of the picture's own shape and within
        the template's limits for the role.
        """
        style = self.template.role(entry.module.role)
        natural = entry.module.story.photo.aspect
        low = max(style.min_aspect, natural / CROP_LIMIT)
        high = min(style.max_aspect, natural * CROP_LIMIT)
        if low > high:
            clamped = min(max(natural, style.min_aspect), style.max_aspect)
            return clamped, clamped
        return low, high

    def _photo_columns(self, entry: _Entry, span: int) -> int:
        style = self.template.role(entry.module.role)
        photo = entry.module.story.photo
        columns = min(style.photo_columns, span)
        if photo.aspect < 1 and columns > 1:
            # Portrait pictures take about half the width they would in landscape.
            columns = max(1, math.ceil(columns / 2))
        if entry.photo_columns is not None:
            columns = min(entry.photo_columns, span)
        return columns

    def _configure(self, entry: _Entry, span: int) -> None:
        """Set a module's span and photo box, fit text beside the photo and measure it."""
        template = self.template
        module = entry.module
        style = template.role(module.role)
        module.span = span
        module.columns = span
        module.width = template.span_width(span)
        module.headline_size = entry.headline_size or style.headline
        module.text_size = template.text_size
        module.text_leading = template.text_leading
        module.photo = None
        module.beside_columns = 0
        photo = module.story.photo if module.show_head else None
        if photo is not None and style.photo_columns > 0:
            columns = self._photo_columns(entry, span)
            width = template.span_width(columns)
            photo_height = entry.photo_height
            low, high = self._aspect_range(entry)
            if photo_height is None:
                photo_height = width / min(max(photo.aspect, low), high)
            photo_height = min(max(photo_height, width / high), width / low)
            placement = "top" if columns == span else "side"
            module.photo = PhotoBox(photo, columns, width, photo_height, placement)
            if placement == "side":
                module.beside_columns = span - columns
        self._fit_beside(entry)
        self._assign_text(entry)
        entry.metrics = self.measurer.measure(module, template)

    def _fit_beside(self, entry: _Entry) -> None:
        module = entry.module
        entry.beside_words = 0
        if module.photo is None or module.photo.placement != "side":
            return
        kept, _ = self._kept_blocks(entry)
        words = total_words(kept)
        module.main_html = ""
        module.beside_html = ""
        figure = self.measurer.measure(module, self.template).figure

        def beside_height(count: int) -> float:
            beside, _ = split_blocks(kept, count)
            module.beside_html = join(beside)
            module.main_html = ""
            return self.measurer.measure(module, self.template).beside

        lines = figure / (self.template.text_leading * POINT) + 2
        high = min(words, int(lines * module.beside_columns * MAX_WORDS_PER_LINE))
        entry.beside_words = largest_fitting(0, high, beside_height, figure + TOLERANCE)

    def _kept_blocks(self, entry: _Entry) -> tuple[list[Block], list[Block]]:
        if entry.kept_words is None:
            return list(entry.blocks), []
        return split_blocks(entry.blocks, entry.kept_words)

    def _assign_text(self, entry: _Entry) -> None:
        module = entry.module
        kept, entry.carried = self._kept_blocks(entry)
        if module.photo is not None and module.photo.placement == "side":
            beside, main = split_blocks(kept, entry.beside_words)
        else:
            beside, main = [], kept
        module.beside_html = join(beside)
        module.main_html = join(main)
        module.jump_to = entry.cut_target if entry.carried else None

    def _remeasure(self, entry: _Entry) -> None:
        self._assign_text(entry)
        entry.metrics = self.measurer.measure(entry.module, self.template)

    def _row_height(self, row: list[_Entry]) -> float:
        return max(entry.metrics.total for entry in row)

    def _total(self, rows: list[list[_Entry]]) -> float:
        return sum(self._row_height(row) for row in rows) + self.template.row_gap * (len(rows) - 1)

    # -- too much ---------------------------------------------------------

    def _resolve_overflow(self, page: PageLayout, rows: list[list[_Entry]], available: float) -> None:
        cuttable = [(row, entry) for row in rows for entry in row if entry.cut_target is not None]

        def fits() -> bool:
            return self._total(rows) <= available

        def cut_planned() -> None:
            if cuttable:
                row, entry = cuttable[-1]
                self._cut(page, entry, available - (self._total(rows) - self._row_height(row)))

        cut_planned()
        for relieve in self._reliefs(rows):
            if fits():
                return
            relieve()
            cut_planned()
        overflow = self._total(rows) - available
        if overflow > 0:
            stories = [entry.module.story.id for row in rows for entry in row]
            raise LayoutOverflow(page.number, stories, overflow)

    def _reliefs(self, rows: list[list[_Entry]]):
        """Yield steps that each make the page shorter, gentlest first.

        The lead story's photo is the page's main picture, so it gives way last:

        1. crop the other photos to their widest allowed shape;
        2. narrow the other photos by a column at a time, down to two columns;
        3. set the other stories' headlines one size smaller;
        4. crop the lead photo to its widest shape, then narrow it the same way.
        """
        entries = [entry for row in rows for entry in row]
        others = [entry for entry in entries if entry.module.role != Role.LEAD]
        leads = [entry for entry in entries if entry.module.role == Role.LEAD]
        yield from self._photo_reliefs([entry for entry in others if entry.module.photo is not None])
        smaller = {"xl": "l", "l": "m", "m": "s"}
        for entry in others:
            if entry.module.headline_size not in smaller:
                continue

            def shrink_headline(entry=entry):
                entry.headline_size = smaller[entry.module.headline_size]
                self._configure(entry, entry.module.span)

            yield shrink_headline
        yield from self._photo_reliefs([entry for entry in leads if entry.module.photo is not None])

    def _photo_reliefs(self, entries: list[_Entry]):
        for entry in entries:

            def widest(entry=entry):
                entry.photo_height = entry.module.photo.width / self._aspect_range(entry)[1]
                self._configure(entry, entry.module.span)

            yield widest
        for _ in range(self.template.columns):
            for entry in sorted(entries, key=lambda e: -(e.module.photo.columns if e.module.photo else 0)):
                if entry.module.photo is None or entry.module.photo.columns <= 2:
                    continue

                def narrower(entry=entry):
                    entry.photo_columns = entry.module.photo.columns - 1
                    entry.photo_height = self.template.span_width(entry.photo_columns) / self._aspect_range(entry)[1]
                    self._configure(entry, entry.module.span)

                yield narrower

    def _cut(self, page: PageLayout, entry: _Entry, limit: float) -> None:
        """Keep on this page as many words of ``entry`` as fit in ``limit`` mm."""
        words = entry.words
        floor = entry.beside_words

        def total_height(count: int) -> float:
            entry.kept_words = count
            self._remeasure(entry)
            return entry.metrics.total

        if total_height(floor) > limit:
            entry.kept_words = None
            self._remeasure(entry)
            return
        lines = limit / (self.template.text_leading * POINT) + 2
        high = min(words, floor + int(lines * entry.module.columns * MAX_WORDS_PER_LINE))
        kept = largest_fitting(floor, high, total_height, limit)
        entry.kept_words = kept if kept < words else None
        self._remeasure(entry)
        if entry.carried:
            key = (entry.cut_target, entry.module.story.id)
            self.carry[key] = (entry.carried, page.number)
            logger.debug("page=%s story=%s kept_words=%s continues_on=%s",
                         page.number, entry.module.story.id, kept, entry.cut_target)

    # -- too little -------------------------------------------------------

    def _fill(self, rows: list[list[_Entry]], available: float) -> None:
        """Grow photos into the space a short page leaves, lead photos first.

        A photo first gets taller, up to its narrowest allowed crop, then a
        column wider at a time, for as long as the page still fits.
        """
        with_photos = [entry for row in rows for entry in row if entry.module.photo is not None]
        with_photos.sort(key=lambda entry: entry.module.role != Role.LEAD)
        for entry in with_photos:
            self._grow_photo_height(rows, entry, available)
            while available - self._total(rows) > 2 and entry.module.photo.columns < entry.module.span:
                previous = (entry.photo_columns, entry.photo_height)
                entry.photo_columns = entry.module.photo.columns + 1
                entry.photo_height = None
                self._configure(entry, entry.module.span)
                if self._total(rows) > available:
                    entry.photo_columns, entry.photo_height = previous
                    self._configure(entry, entry.module.span)
                    break
                self._grow_photo_height(rows, entry, available)

    def _grow_photo_height(self, rows: list[list[_Entry]], entry: _Entry, available: float) -> None:
        leftover = available - self._total(rows)
        if leftover <= 2:
            return
        photo = entry.module.photo
        room = photo.width / self._aspect_range(entry)[0] - photo.height
        if room <= 1:
            return
        original = entry.photo_height
        grow = min(room, leftover)
        for _ in range(3):
            entry.photo_height = photo.height + grow
            self._configure(entry, entry.module.span)
            if self._total(rows) <= available:
                return
            grow /= 2
        entry.photo_height = original
        self._configure(entry, entry.module.span)

    def _position(self, page: PageLayout, rows: list[list[_Entry]], available: float) -> None:
        template = self.template
        total = self._total(rows) if rows else 0.0
        leftover = max(0.0, available - total)
        extra = min(MAX_EXTRA_GAP, leftover / len(rows)) if len(rows) > 1 else 0.0
        y = page.body_top
        for row in rows:
            height = self._row_height(row)
            x = 0.0
            for entry in row:
                module = entry.module
                module.x = x
                module.y = y
                module.height = height
                module.content_height = entry.metrics.total
                module.beside_height = entry.metrics.beside
                module.main_height = entry.metrics.main
                page.modules.append(module)
                x += module.width + template.gutter
            y += height + template.row_gap + extra
        empty = leftover - extra * (len(rows) - 1) if len(rows) > 1 else leftover
        page.empty_fraction = max(0.0, empty) / available if available > 0 else 0.0
        if page.empty_fraction > template.max_empty_fraction:
            page.warnings.append({
                "code": "page_underfilled",
                "page": page.number,
                "percent": round(page.empty_fraction * 100),
            })
