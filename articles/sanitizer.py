"""The one HTML sanitiser every stored article body goes through.

Bodies arrive from CKEditor, from forms posted without the editor, from
ninjs imports and from Word (pasted or converted). All of them keep only
the allow-list below; everything else is removed with its content (script,
style, iframe, svg and the like) or unwrapped so its words survive (font,
span, Word's o:p). Images are kept only when they point into the product's
own media folder, so a body can never make a reader's browser or the PDF
renderer fetch from another host.
"""

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "figure", "figcaption", "img",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "hr",
    # Renamed below: a body never carries the page's own h1, and h5/h6 are too small to be headings.
    "h1", "h5", "h6",
}
# Removed together with everything inside them.
REMOVED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "svg", "math", "noscript",
    "template", "xml", "meta", "title", "head", "link", "form", "button", "select",
    "textarea", "video", "audio", "canvas",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_CLASSES = {
    "blockquote": {"pullquote"},
    "figure": {"image", "image-style-side"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

RENAMES = [
    (re.compile(r"<(/?)h1>"), r"<\1h2>"),
    (re.compile(r"<(/?)h[56]>"), r"<\1h4>"),
    (re.compile(r"<(/?)b>"), r"<\1strong>"),
    (re.compile(r"<(/?)i>"), r"<\1em>"),
]
# Word and CKEditor leave runs of non-breaking spaces and empty paragraphs.
SPACE_RUN = re.compile(r"(?:\s|&nbsp;|\u00a0){2,}")
TRAILING_SPACE = re.compile(r"(?:\s|&nbsp;|\u00a0)+</(p|li|h[2-4]|td|th)>")
# Layout containers become paragraph breaks, so their words stay apart.
DIV_OPEN = re.compile(r"<div\b[^>]*>", re.I)
DIV_CLOSE = re.compile(r"</div\s*>", re.I)
BLOCK_BOUNDARY = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|caption|thead|tbody|tfoot|tr|th|td|br|hr|div)\b[^>]*>", re.I)
EMPTY_BLOCK = re.compile(r"<(p|h[2-4]|li|blockquote)>(?:\s|&nbsp;|\u00a0|<br>)*</\1>")
# A link whose URL was rejected, or a Word bookmark, keeps only its text.
ANCHOR_WITHOUT_HREF = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.S)
IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
EMPTY_FIGURE = re.compile(r"<figure(?: class=\"[^\"]*\")?>\s*(?:<figcaption>.*?</figcaption>)?\s*</figure>", re.S)


def sanitize_html(fragment: str, media_url: str = "/media/") -> str:
    """Return ``fragment`` reduced to the allow-list, with Word leftovers removed."""
    if not fragment:
        return ""

    def keep_attribute(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return value if value.startswith(media_url) and ".." not in value else None
        if tag == "ol" and attribute == "start":
            return value if value.isdigit() else None
        if attribute in ("colspan", "rowspan"):
            return value if value.isdigit() and int(value) <= 20 else None
        return value

    fragment = DIV_CLOSE.sub("</p>", DIV_OPEN.sub("<p>", fragment))
    cleaned = nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep_attribute,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
    for pattern, replacement in RENAMES:
        cleaned = pattern.sub(replacement, cleaned)
    cleaned = IMG_WITHOUT_SRC.sub("", cleaned)
    cleaned = ANCHOR_WITHOUT_HREF.sub(r"\1", cleaned)
    cleaned = SPACE_RUN.sub(" ", cleaned)
    cleaned = TRAILING_SPACE.sub(r"</\1>", cleaned)
    previous = None
    while previous != cleaned:
        previous = cleaned
        cleaned = EMPTY_BLOCK.sub("", cleaned)
        cleaned = EMPTY_FIGURE.sub("", cleaned)
    return cleaned.strip()


def plain_text(fragment: str) -> str:
    """Return the visible words of an HTML fragment as one line of text."""
    spaced = BLOCK_BOUNDARY.sub(" ", fragment or "")
    text = nh3.clean(spaced, tags=set(), clean_content_tags=REMOVED_WITH_CONTENT)
    text = text.replace("&nbsp;", " ").replace("\u00a0", " ")
    text = re.sub(r"&lt;", "<", text)
    text = re.sub(r"&gt;", ">", text)
    text = re.sub(r"&amp;", "&", text)
    text = re.sub(r"&quot;", '"', text)
    text = re.sub(r"&#39;", "'", text)
    return " ".join(text.split())
