from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject


def _alternates(request) -> list[dict]:
    """The current page in each language, for hreflang links and the language switch."""
    return [
        {"code": code, "name": name, "path": translate_url(request.path, code)}
        for code, name in (("id", "Bahasa Indonesia"), ("en", "English"))
    ]


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "publisher_name": settings.PUBLISHER_NAME,
        "language_alternates": SimpleLazyObject(lambda: _alternates(request)),
    }
