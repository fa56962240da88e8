from django import template
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .. import seo

register = template.Library()


@register.simple_tag
def picture(photo, sizes="100vw", css_class="", eager=False, alt=None):
    """Render a <picture> with WebP and JPEG srcsets from the photo's renditions."""
    if photo is None:
        return ""
    renditions = list(photo.renditions.all())
    webp = sorted((r for r in renditions if r.image_format == "WEBP"), key=lambda r: r.width)
    jpeg = sorted((r for r in renditions if r.image_format == "JPEG"), key=lambda r: r.width)
    if not jpeg:
        return ""
    fallback = next((r for r in jpeg if r.width >= 640), jpeg[-1])

    def srcset(items):
        return ", ".join(f"{r.url} {r.width}w" for r in items)

    sources = format_html('<source type="image/webp" srcset="{}" sizes="{}">', srcset(webp), sizes) if webp else ""
    return format_html(
        '<picture class="{}">{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"{}></picture>',
        css_class,
        sources,
        fallback.url,
        srcset(jpeg),
        sizes,
        fallback.width,
        fallback.height,
        photo.alt_text if alt is None else alt,
        "eager" if eager else "lazy",
        mark_safe(' fetchpriority="high"') if eager else "",
    )


@register.filter
def filesize(size):
    """Format a byte count the way readers see download sizes: 840 KB, 3,4 MB (Indonesian decimal comma)."""
    if not size:
        return ""
    if size < 1_048_576:
        return _("%(size)s KB") % {"size": max(1, round(size / 1024))}
    return _("%(size)s MB") % {"size": formats.number_format(size / 1_048_576, 1)}


# Words a reader reads in a minute, for the reading time shown under a headline.
WORDS_PER_MINUTE = 200


@register.filter
def reading_minutes(words):
    return max(1, -(-int(words or 0) // WORDS_PER_MINUTE))


@register.simple_tag
def rect_attrs(rect, width=1400, height=1980):
    """Return SVG rect attributes for a rectangle given as fractions of the page, in a width x height viewBox."""
    x, y, w, h = rect
    return format_html_join(" ", '{}="{}"', [("x", round(x * width, 1)), ("y", round(y * height, 1)),
                                               ("width", round(w * width, 1)), ("height", round(h * height, 1))])


@register.simple_tag
def json_ld(data):
    return seo.json_ld(data)


@register.inclusion_tag("reader/_share.html")
def share_buttons(url, title, label=""):
    return {"links": seo.share_links(url, title), "url": url, "title": title, "label": label}
