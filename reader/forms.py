from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Section

from .search import MAX_QUERY_LENGTH, Filters


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH, required=False, strip=True)
    rubrik = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.all(), to_field_name="slug", required=False,
        empty_label=_("All sections"),
    )
    dari = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    sampai = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("dari"), cleaned.get("sampai")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date. Swap the two dates and search again."))
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(text=data["q"], section=data.get("rubrik"), date_from=data.get("dari"), date_to=data.get("sampai"))

    def query_string_without_page(self) -> str:
        pairs = [(name, value) for name, value in self.data.items() if name != "halaman" and value]
        return urlencode(pairs)
