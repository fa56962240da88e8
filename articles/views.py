import logging

from django.contrib.admin.views.decorators import staff_member_required
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .photos import PhotoRejected
from .renditions import store_photo

logger = logging.getLogger(__name__)

# Width of the rendition an image placed in an article body points to.
BODY_IMAGE_WIDTH = 1280


@require_POST
@staff_member_required
def editor_photo_upload(request):
    """Take a picture from the body editor's image button through the photo pipeline.

    Answers in the JSON shape CKEditor 5's upload adapter expects.
    """
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("No file was sent. Choose a photo and try again.")}}, status=400)
    try:
        photo = store_photo(upload, original_name=upload.name, uploaded_by=request.user)
    except PhotoRejected as rejected:
        logger.info("editor photo rejected user=%s name=%r", request.user.pk, upload.name)
        return JsonResponse({"error": {"message": " ".join(rejected.messages)}}, status=400)
    rendition = photo.rendition(BODY_IMAGE_WIDTH, "JPEG")
    return JsonResponse({"url": rendition.url})
