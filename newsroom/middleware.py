"""Record refused requests that try to change something.

Every view in the product refuses a forbidden action by raising
PermissionDenied, which Django answers with 403. A POST refused that way
did not come from a button the person was shown (the admin hides the
actions a role may not take), so it is logged and kept in the activity
log for the chief editor.
"""

import logging

from django.core.exceptions import PermissionDenied

from . import audit

logger = logging.getLogger(__name__)


class DeniedAttemptMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PermissionDenied) or request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        user = getattr(request, "user", None)
        logger.warning(
            "forbidden request refused user=%s method=%s path=%s reason=%s",
            getattr(user, "pk", None), request.method, request.path, exception,
        )
        # ATOMIC_REQUESTS rolled the view's transaction back before this
        # runs, so the entry is written in its own transaction.
        audit.record(
            user, audit.Action.DENIED, note=str(exception)[:500], path=request.path[:300], method=request.method,
        )
        return None
