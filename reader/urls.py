"""Reader pages, in Indonesian at their plain address and in English under /en/."""

from datetime import date

from django.urls import path, register_converter

from . import views


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        return date.fromisoformat(value)

    def to_url(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)


register_converter(IsoDateConverter, "isodate")

app_name = "reader"
urlpatterns = [
    path("", views.home, name="home"),
    path("edisi/<isodate:date>/", views.edition, name="edition"),
    path("edisi/<isodate:date>/halaman/<int:number>/", views.page, name="page"),
    path("edisi/<isodate:date>/unduh/<str:filename>", views.download_pdf, name="download"),
    path("edisi/<isodate:date>/halaman/<int:number>/unduh/<str:filename>", views.download_page_pdf, name="download-page"),
    path("berita/<slug:slug>/", views.article, name="article"),
    path("rubrik/", views.sections, name="sections"),
    path("rubrik/<slug:slug>/", views.section, name="section"),
    path("arsip/", views.archive, name="archive"),
    path("arsip/<int:year>/<int:month>/", views.archive_month, name="archive-month"),
    path("arsip/<int:year>/<int:month>/<int:day>/", views.archive_day, name="archive-day"),
    path("cari/", views.search, name="search"),
]
