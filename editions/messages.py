"""Editor-facing wording for build failures and layout warnings.

Builds store codes and numbers; these functions turn them into sentences in
the active language when an editor looks at them.
"""

from django.utils.translation import gettext as _


def _headlines(story_ids, headlines: dict) -> str:
    return ", ".join(f"“{headlines.get(story_id, story_id)}”" for story_id in story_ids)


def layout_error_message(code: str, params: dict, headlines: dict) -> str:
    """Return what went wrong in a layout and what the editor can do about it."""
    story = headlines.get(params.get("story"), params.get("story"))
    if code == "overflow":
        return _(
            "Page %(page)s has about %(mm)s mm more content than fits (%(stories)s). "
            "Move a story to another page, shorten one, or add a continuation page for the longest story."
        ) % {"page": params["page"], "mm": params["overflow_mm"], "stories": _headlines(params["stories"], headlines)}
    if code == "continuation_missing":
        return _(
            "“%(story)s” must continue from page %(page)s to page %(target)s, but page %(target)s has no "
            "Continuation placement for it. Add one on page %(target)s."
        ) % {"story": story, "page": params["page"], "target": params["target"]}
    if code == "continuation_target":
        return _(
            "“%(story)s” on page %(page)s is set to continue on page %(target)s, which is not a later page "
            "of this edition. Choose a later page."
        ) % {"story": story, "page": params["page"], "target": params["target"]}
    if code == "text_lost":
        return _(
            "Part of the text of “%(story)s” on page %(page)s did not make it into the PDF, so the build "
            "stopped. Shorten the story or move it to another page and build again; if it happens again, "
            "tell the technical administrator."
        ) % {"story": story, "page": params["page"]}
    if code == "unknown_template":
        return _("Page %(page)s uses the page template “%(template)s”, which does not exist. Choose another.") % params
    if code == "page_count":
        return _(
            "The PDF came out with %(pdf)s pages instead of %(planned)s. A story is longer than its page "
            "allows; check the pages with the most text."
        ) % params
    return _("The layout failed: %(detail)s") % {"detail": params.get("detail", code)}


def warning_message(warning: dict) -> str:
    code = warning.get("code")
    if code == "page_underfilled":
        return _("Page %(page)s is about %(percent)s%% empty. Add a story or a photo.") % warning
    if code == "continuation_unused":
        return _(
            "“%(headline)s” fits on its first page, so its continuation on page %(page)s is not used."
        ) % {"headline": warning.get("headline", warning.get("story")), "page": warning["page"]}
    if code == "reference_refused":
        return _(
            "“%(headline)s” refers to %(url)s, which is not a file of this site; it was left out of the PDF."
        ) % warning
    if code == "photo_missing":
        return _("The photo of “%(headline)s” could not be read and was left out. Upload it again.") % warning
    if code == "article_not_published":
        return _("“%(headline)s” is not published yet, but it is placed in this edition.") % warning
    return str(warning)

