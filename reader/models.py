"""Files the reader site derives from published content.

Share cards and smaller page images are made once and reused: each row is
keyed by what produced it, so a change to the inputs gives a new key and a
new file, and an unchanged input is never processed twice.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DerivedImage(models.Model):
    class Kind(models.TextChoices):
        SHARE = "share", _("Share image")
        PAGE = "page", _("Page image")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # For share images, a SHA-256 of everything drawn on the card; for page
    # images, the build, page number, width and format.
    key = models.CharField(_("key"), max_length=100)
    file = models.FileField(_("file"), max_length=200)
    image_format = models.CharField(_("format"), max_length=8)
    width = models.PositiveIntegerField(_("width (px)"))
    height = models.PositiveIntegerField(_("height (px)"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("derived image")
        verbose_name_plural = _("derived images")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="unique_derived_image_key")]

    def __str__(self):
        return f"{self.kind}:{self.key}"

    @property
    def url(self) -> str:
        return self.file.url
