"""A measurer that computes heights from word counts, for testing the engine's decisions."""

import math

from layout.blocks import parse_blocks, total_words
from layout.model import Metrics

LINE = 4.0  # mm per line
WORDS_PER_LINE = 4
HEAD = 20.0
CAPTION = 6.0


def text_height(html: str, columns: int) -> float:
    if not html:
        return 0.0
    words = total_words(parse_blocks(html))
    lines = math.ceil(words / WORDS_PER_LINE)
    return math.ceil(lines / max(columns, 1)) * LINE


class WordCountMeasurer:
    def __init__(self, header: float = 30.0, index: float = 30.0):
        self.header = header
        self.index = index
        self.calls = 0

    def measure(self, module, template) -> Metrics:
        self.calls += 1
        head = HEAD if module.show_head else 8.0
        figure = 0.0
        beside = 0.0
        if module.photo is not None:
            figure = module.photo.height + CAPTION
            if module.photo.placement == "side":
                beside = text_height(module.beside_html, module.beside_columns)
        main = text_height(module.main_html, module.columns)
        jump = LINE if module.jump_to else 0.0
        if module.photo is not None and module.photo.placement == "side":
            body = max(figure, beside) + main
        else:
            body = figure + main
        return Metrics(total=head + body + jump, figure=figure, beside=beside)

    def header_height(self, page, template, plan) -> float:
        return self.header

    def index_height(self, page, template, plan) -> float:
        return self.index
