from django import template
from django.utils.html import format_html, format_html_join

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
    srcset = lambda items: ", ".join(f"{r.url} {r.width}w" for r in items)  # noqa: E731
    sources = format_html('<source type="image/webp" srcset="{}" sizes="{}">', srcset(webp), sizes) if webp else ""
    return format_html(
        '<picture class="{}">{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"></picture>',
        css_class,
        sources,
        fallback.url,
        srcset(jpeg),
        sizes,
        fallback.width,
        fallback.height,
        photo.alt_text if alt is None else alt,
        "eager" if eager else "lazy",
    )


@register.filter
def filesize_mb(size):
    """Format a byte count as megabytes with one decimal, the way readers see download sizes."""
    if not size:
        return ""
    if size < 1_048_576:
        return f"{round(size / 1024)} KB"
    return f"{size / 1_048_576:.1f} MB".replace(".", ",")


@register.simple_tag
def rect_attrs(rect, width=1000, height=1414):
    """Return SVG rect attributes for a rectangle given as fractions of the page."""
    x, y, w, h = rect
    return format_html_join(" ", '{}="{}"', [("x", round(x * width, 1)), ("y", round(y * height, 1)),
                                               ("width", round(w * width, 1)), ("height", round(h * height, 1))])
