class LayoutError(Exception):
    """A composition the engine cannot lay out.

    ``code`` names the kind of problem and ``params`` its details (page
    numbers, story ids), so callers can tell the editor in their language.
    """

    def __init__(self, code: str, message: str, **params):
        self.code = code
        self.params = params
        super().__init__(message)


class LayoutOverflow(LayoutError):
    """Content does not fit its page and no continuation can take the rest."""

    def __init__(self, page_number: int, story_ids: list, overflow_mm: float):
        super().__init__(
            "overflow",
            f"page {page_number} overflows by {overflow_mm:.0f} mm; stories {story_ids}",
            page=page_number,
            stories=story_ids,
            overflow_mm=round(overflow_mm),
        )
        self.page_number = page_number
        self.story_ids = story_ids
        self.overflow_mm = overflow_mm
