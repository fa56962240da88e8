"""Plain data that goes into and comes out of the layout engine.

Lengths are millimetres. Story and photo identifiers are whatever the
caller uses (database ids in the product, strings in tests).
"""

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    LEAD = "lead"
    SECONDARY = "secondary"
    BRIEF = "brief"
    CONTINUATION = "continuation"


@dataclass(frozen=True)
class PhotoSpec:
    key: str
    width: int
    height: int
    caption: str = ""
    credit: str = ""
    alt: str = ""
    focal_x: float = 0.5
    focal_y: float = 0.5

    @property
    def aspect(self) -> float:
        """Width divided by height."""
        return self.width / self.height


@dataclass(frozen=True)
class Story:
    id: object
    headline: str
    body_html: str
    kicker: str = ""
    lead: str = ""
    byline: str = ""
    place: str = ""
    section: str = ""
    section_slug: str = ""
    url: str = ""
    photo: PhotoSpec | None = None


@dataclass(frozen=True)
class PlacementPlan:
    story_id: object
    role: Role = Role.SECONDARY
    # For a story that may not fit: the later page its rest continues on.
    continues_on: int | None = None


@dataclass(frozen=True)
class Teaser:
    story_id: object
    page: int


@dataclass
class PagePlan:
    number: int
    title: str
    template: str
    placements: list[PlacementPlan] = field(default_factory=list)
    teasers: list[Teaser] = field(default_factory=list)


@dataclass
class EditionPlan:
    masthead: str
    date_label: str
    number: int
    pages: list[PagePlan]
    stories: dict  # story id -> Story


@dataclass
class PhotoBox:
    """A photo as placed: its box, the crop aspect and the caption width."""

    photo: PhotoSpec
    columns: int
    width: float
    height: float
    placement: str  # "top" or "side"


@dataclass
class Module:
    """One story's block on one page: head, optional photo and text parts.

    ``beside_html`` is text set next to a side photo; ``main_html`` runs in
    ``columns`` columns under everything else.
    """

    story: Story
    role: Role
    span: int
    columns: int
    width: float
    headline_size: str
    text_size: float = 9.6
    text_leading: float = 12.0
    beside_html: str = ""
    beside_columns: int = 0
    main_html: str = ""
    photo: PhotoBox | None = None
    show_head: bool = True
    jump_from: int | None = None
    jump_to: int | None = None
    # Filled in when the page is positioned.
    x: float = 0.0
    y: float = 0.0
    height: float = 0.0
    content_height: float = 0.0
    # Heights of the text parts as measured with balanced columns; the
    # final page fills columns to exactly these heights.
    beside_height: float = 0.0
    main_height: float = 0.0


@dataclass
class Metrics:
    """Heights reported by a measurer for one module, in millimetres."""

    total: float
    figure: float = 0.0
    beside: float = 0.0
    main: float = 0.0


@dataclass
class PageLayout:
    number: int
    title: str
    template: str
    width: float
    height: float
    body_top: float
    body_height: float
    header: str = "folio"
    modules: list[Module] = field(default_factory=list)
    teasers: list[tuple] = field(default_factory=list)  # (Story, page number)
    index: list[tuple] = field(default_factory=list)  # (page number, title)
    index_height: float = 0.0
    header_height: float = 0.0
    # Height of the body area left empty after filling, as a fraction.
    empty_fraction: float = 0.0
    warnings: list[str] = field(default_factory=list)


@dataclass
class EditionLayout:
    plan: EditionPlan
    pages: list[PageLayout]

    @property
    def warnings(self) -> list[str]:
        return [warning for page in self.pages for warning in page.warnings]
