"""Project-wide middleware."""

from django.conf import settings

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
