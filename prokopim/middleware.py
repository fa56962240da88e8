"""Project-wide middleware."""

from django.conf import settings
from django.utils import translation

# The admin's rich-text editor sets inline styles and shows uploaded images
# as blob: URLs while they upload; public pages keep the strict policy.
ADMIN_CSP = {
    **settings.SECURE_CSP,
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}


class AdminContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/") or request.path.startswith("/articles/"):
            response._csp_config = ADMIN_CSP
        return response


class AdminLanguageMiddleware:
    """Use the language an editor chose for the admin (the language cookie).

    Reader pages carry their language in the address (i18n_patterns), and
    with those patterns LocaleMiddleware ignores the cookie on addresses
    without a language prefix, the admin's included. Placed after
    LocaleMiddleware, this switches admin requests to the cookie's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if code in self.languages:
                translation.activate(code)
                request.LANGUAGE_CODE = code
        return self.get_response(request)
