from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

admin.site.site_header = "Koran Digital · Prokopim Paser"
admin.site.site_title = "Koran Digital"
admin.site.index_title = "Redaksi"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("articles/", include("articles.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("reader.urls")),
]

if settings.DEBUG:
    # In production the web server serves MEDIA_ROOT; see docs/operations.md.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler404 = "reader.views.not_found"
handler500 = "reader.views.server_error"
