from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from .importers.docx import MAX_DOCX_BYTES
from .models import Article, Photo, Section
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


# Changing one of these on a published article is a correction readers are told about.
PUBLIC_TEXT_FIELDS = ("headline", "kicker", "lead", "body")


class ArticleAdminForm(forms.ModelForm):
    """The article form; on a published article it also asks for the correction note.

    ``editing_user`` is set by the admin for each request, so the form can
    refuse a save from someone whose edit lock was taken over.
    """

    correction_note = forms.CharField(
        label=_("Correction note (ralat)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with its date under the published article, such as: An earlier version said the bridge "
                    "cost Rp 15 billion; it cost Rp 1.5 billion."),
    )
    minor_fix = forms.BooleanField(
        label=_("Minor fix, no correction note"), required=False,
        help_text=_("Only for spelling or punctuation that does not change what the article says."),
    )

    editing_user = None

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            "body": CKEditor5Widget(config_name="default"),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        self._check_lock()
        if self._is_published() and any(name in self.changed_data for name in PUBLIC_TEXT_FIELDS):
            if not cleaned.get("correction_note", "").strip() and not cleaned.get("minor_fix"):
                self.add_error("correction_note", forms.ValidationError(
                    _("This article is published. Write a correction note for readers, or tick “Minor fix” if "
                      "you only corrected spelling or punctuation."),
                    code="correction_required",
                ))
        return cleaned

    def _is_published(self) -> bool:
        return self.instance.pk is not None and self.instance.status == Article.Status.PUBLISHED

    def _check_lock(self) -> None:
        from newsroom import locks

        if self.instance.pk is None or self.editing_user is None:
            return
        holder = locks.held_by_other(self.instance, self.editing_user)
        if holder is None:
            return
        raise forms.ValidationError(
            _("%(name)s took over editing this article at %(time)s, so your changes were NOT saved. Copy the text "
              "you changed, reload the page, and agree with %(name)s who saves it."),
            code="locked",
            params={"name": holder.user.get_full_name() or holder.user.get_username(),
                    "time": timezone.localtime(holder.acquired_at).strftime("%H.%M")},
        )


class DocxImportForm(forms.Form):
    document = forms.FileField(
        label=_("Word document"),
        help_text=_("A .docx file saved by Microsoft Word or LibreOffice, at most %(megabytes)s MB.")
        % {"megabytes": MAX_DOCX_BYTES // 1_048_576},
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
    )
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.all(), empty_label=None)

    def clean_document(self):
        document = self.cleaned_data["document"]
        if not document.name.lower().endswith(".docx"):
            raise forms.ValidationError(
                _("%(name)s is not a .docx file. In Word choose Save As → Word Document (.docx) and upload that file.")
                % {"name": document.name},
                code="extension",
            )
        return document


class RestoreForm(forms.Form):
    """Restoring a revision; a published article needs the same correction note as an edit."""

    correction_note = ArticleAdminForm.base_fields["correction_note"]
    minor_fix = ArticleAdminForm.base_fields["minor_fix"]

    def __init__(self, *args, published: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.published = published

    def clean(self):
        cleaned = super().clean()
        if self.published and not cleaned.get("correction_note", "").strip() and not cleaned.get("minor_fix"):
            raise forms.ValidationError(
                _("This article is published. Write a correction note for readers, or tick “Minor fix”."),
                code="correction_required",
            )
        return cleaned
