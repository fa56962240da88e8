from django import forms
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from .models import Article, Photo
from .photos import MAX_PIXELS, PhotoRejected, inspect_upload


class PhotoAdminForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Photo file"),
        required=False,
        help_text=_("JPEG, PNG, WebP or HEIC, at most %(megapixels)s megapixels.") % {"megapixels": MAX_PIXELS // 1_000_000},
    )

    class Meta:
        model = Photo
        fields = ["upload", "caption", "credit", "alt_text", "focal_x", "focal_y"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            if self.instance.pk is None:
                raise forms.ValidationError(_("Choose a photo file to upload."), code="required")
            return None
        try:
            inspect_upload(upload)
        except PhotoRejected as rejected:
            raise forms.ValidationError(rejected.messages, code=rejected.code) from None
        return upload


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            "body": CKEditor5Widget(config_name="default"),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }
