"""A server-side cache of published reader pages, cleared when content changes.

Every cached page is stored under the current *generation*, a number kept in
the cache itself. Saving or deleting an edition, page, placement, article,
photo or section sets a new generation (reader/signals.py), so every
page cached before the change is ignored from then on and expires by itself.
With Redis (REDIS_URL) all web processes share the generation; with the
in-memory cache of development each process has its own.

Reader pages are the same for every visitor: the language comes from the
address (/en/ for English), and public templates use no session, user or
CSRF token, so one cached copy serves everyone.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

GENERATION_KEY = "reader:generation"
# Browsers and proxies may reuse a page for this many seconds without asking;
# after that an ETag lets them revalidate without downloading it again.
BROWSER_MAX_AGE = 60
# Response headers kept with a cached page; middleware adds the rest each time.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def invalidate() -> None:
    """Make every cached reader page stale."""
    # A clock value rather than an increment, so a generation evicted from
    # the cache can never come back with a number used before.
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"reader:page:{generation()}:{get_language()}:{path}"


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:24] + '"'


def _finish(request, response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
    conditional = get_conditional_response(request, etag=etag, response=response)
    return conditional


def cached_page(view):
    """Cache the successful GET responses of a public page view, and answer If-None-Match with 304."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], status=stored["status"])
            for name, value in stored["headers"].items():
                response[name] = value
            return _finish(request, response, stored["etag"])

        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        etag = _etag(response.content)
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        cache.set(
            key,
            {"content": response.content, "status": response.status_code, "headers": headers, "etag": etag},
            timeout=settings.READER_CACHE_SECONDS,
        )
        return _finish(request, response, etag)

    return wrapper
