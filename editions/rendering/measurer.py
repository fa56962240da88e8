"""Measure typeset content with WeasyPrint, for the layout engine.

Each measurement renders one module (or the masthead, folio or index) in a
page as wide as its slot and far taller than any page, with the edition's
own stylesheet and fonts, and reads the heights from WeasyPrint's layout
boxes. The markup is the same template the edition uses, with photos left
as empty boxes of their placed size.
"""

import hashlib
import logging

from django.template.loader import render_to_string
from weasyprint import HTML

from layout.model import Metrics, Module

from .resources import PrintResources

logger = logging.getLogger(__name__)

PX_TO_MM = 25.4 / 96


def _walk(box):
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _walk(child)


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None:
        return set()
    return set((element.get("class") or "").split())


def _first_height(boxes, css_class: str) -> float:
    """Return the margin-box height (mm) of the first element with ``css_class``.

    Anonymous boxes share their parent's element, so the tallest box of that
    element is the element's own box.
    """
    element = None
    height = 0.0
    for box in boxes:
        if element is None and css_class in _classes(box):
            element = box.element
        if element is not None and getattr(box, "element", None) is element:
            height = max(height, box.margin_height())
    return height * PX_TO_MM


class WeasyPrintMeasurer:
    def __init__(self, resources: PrintResources, edition: dict):
        self.resources = resources
        self.edition = edition
        self.renders = 0
        self._cache: dict[str, Metrics] = {}

    def _render(self, width: float, context: dict):
        html = render_to_string("print/measure.html", {"width": width, "edition": self.edition, **context})
        document = HTML(
            string=html, base_url=self.resources.base_url, url_fetcher=self.resources.fetcher
        ).render(stylesheets=[self.resources.stylesheet], font_config=self.resources.font_config)
        self.renders += 1
        if len(document.pages) != 1:
            logger.warning("measured content ran over %s pages width_mm=%.1f", len(document.pages), width)
        return list(_walk(document.pages[0]._page_box))

    def _key(self, module: Module, gutter: float) -> str:
        photo = module.photo
        parts = [
            module.story.id, module.role, module.width, module.columns, module.headline_size,
            module.show_head, module.jump_from, module.jump_to, module.beside_columns, gutter,
            (photo.width, photo.height, photo.placement) if photo else None,
            hashlib.sha1(module.beside_html.encode()).hexdigest(),
            hashlib.sha1(module.main_html.encode()).hexdigest(),
        ]
        return repr(parts)

    def measure(self, module: Module, template) -> Metrics:
        key = self._key(module, template.gutter)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        boxes = self._render(
            module.width,
            {"part": "module", "module": module, "gutter": template.gutter, "measuring": True},
        )
        metrics = Metrics(
            total=_first_height(boxes, "m"),
            figure=_first_height(boxes, "m-figure"),
            beside=_first_height(boxes, "m-beside"),
            main=_first_height(boxes, "m-main"),
        )
        self._cache[key] = metrics
        return metrics

    def header_height(self, page, template, plan) -> float:
        part = "masthead" if template.header == "masthead" else "folio"
        boxes = self._render(template.content_width, {"part": part, "page": page, **self.resources.page_context})
        return _first_height(boxes, part)

    def index_height(self, page, template, plan) -> float:
        boxes = self._render(template.content_width, {"part": "index", "page": page})
        return _first_height(boxes, "index")
