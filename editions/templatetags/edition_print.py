from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Return ``mapping[key]``, or an empty string when the key is missing."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def add_mm(value, other):
    """Add two lengths in millimetres and format the sum for CSS."""
    return f"{float(value) + float(other):.2f}"
