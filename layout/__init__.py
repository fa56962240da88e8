"""The layout engine: turns an edition plan into positioned page modules.

Plain Python with no Django import. It takes plain data (stories, photos,
page plans and page templates) and a measurer that reports how tall a piece
of typeset content is, and returns where each story and photo goes on each
page, which text continues on which page, and what went wrong.
"""

from .engine import LayoutEngine
from .errors import LayoutError, LayoutOverflow
from .model import (
    EditionLayout,
    EditionPlan,
    Module,
    PageLayout,
    PagePlan,
    PhotoSpec,
    PlacementPlan,
    Story,
    Teaser,
)
from .templates import PageTemplate, available_templates, get_template

__all__ = [
    "EditionLayout",
    "EditionPlan",
    "LayoutEngine",
    "LayoutError",
    "LayoutOverflow",
    "Module",
    "PageLayout",
    "PagePlan",
    "PageTemplate",
    "PhotoSpec",
    "PlacementPlan",
    "Story",
    "Teaser",
    "available_templates",
    "get_template",
]
