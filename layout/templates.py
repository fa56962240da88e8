"""Page templates: JSON files in page_templates/ that the engine reads.

A template gives the page size and margins in millimetres, the column grid,
which header the page carries (the masthead or a folio line), whether it
shows the index of inside pages, the body text size, and per story role the headline size, the
photo width in columns and the crop limits. Adding a JSON file adds a
template; no code changes.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

TEMPLATE_DIR = Path(__file__).parent / "page_templates"


@dataclass(frozen=True)
class RoleStyle:
    headline: str = "m"
    photo_columns: int = 3
    # Crop limits as width / height: a photo is cut to fit between them.
    min_aspect: float = 0.8
    max_aspect: float = 1.9
    per_row: int = 1


@dataclass(frozen=True)
class PageTemplate:
    name: str
    label: str
    width: float
    height: float
    margin_top: float
    margin_right: float
    margin_bottom: float
    margin_left: float
    columns: int
    gutter: float
    row_gap: float
    header: str
    index: bool
    roles: dict = field(default_factory=dict)
    # Body text size and line height in points.
    text_size: float = 9.6
    text_leading: float = 12.0
    # A page left emptier than this fraction gets a warning.
    max_empty_fraction: float = 0.12

    @property
    def content_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def content_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom

    @property
    def column_width(self) -> float:
        return (self.content_width - (self.columns - 1) * self.gutter) / self.columns

    def span_width(self, columns: int) -> float:
        return columns * self.column_width + (columns - 1) * self.gutter

    def role(self, name: str) -> RoleStyle:
        return self.roles.get(name) or self.roles.get("secondary") or RoleStyle()


def _load(path: Path) -> PageTemplate:
    data = json.loads(path.read_text(encoding="utf-8"))
    page = data["page"]
    top, right, bottom, left = page["margin"]
    roles = {name: RoleStyle(**style) for name, style in data.get("roles", {}).items()}
    return PageTemplate(
        name=data["name"],
        label=data["label"],
        width=page["width"],
        height=page["height"],
        margin_top=top,
        margin_right=right,
        margin_bottom=bottom,
        margin_left=left,
        columns=data["columns"],
        gutter=data["gutter"],
        row_gap=data["row_gap"],
        header=data["header"],
        index=data.get("index", False),
        roles=roles,
        max_empty_fraction=data.get("max_empty_fraction", 0.12),
        text_size=data.get("text", {}).get("size", 9.6),
        text_leading=data.get("text", {}).get("leading", 12.0),
    )


@cache
def available_templates() -> dict[str, PageTemplate]:
    """All templates by name, read once per process."""
    templates = {}
    for path in sorted(TEMPLATE_DIR.glob("*.json")):
        template = _load(path)
        templates[template.name] = template
    return templates


def get_template(name: str) -> PageTemplate:
    try:
        return available_templates()[name]
    except KeyError:
        known = ", ".join(sorted(available_templates()))
        raise KeyError(f"unknown page template {name!r}; known templates: {known}") from None
