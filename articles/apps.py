from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from PIL import ImageFile

        import weasyprint  # noqa: F401 - imported first so the reset below sticks

        from . import photos, revisions  # noqa: F401 - revisions registers Article with django-reversion

        photos.register_heif()
        # WeasyPrint switches this on when imported; uploads must fail on
        # cut-off files instead of being padded with grey.
        ImageFile.LOAD_TRUNCATED_IMAGES = False
