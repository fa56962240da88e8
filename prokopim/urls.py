from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

admin.site.site_header = _("Koran Digital · Newsroom of Prokopim Paser")
admin.site.site_title = "Koran Digital"
admin.site.index_title = _("Newsroom")
# The list of every model beside each page leaves article lists too narrow
# on a laptop screen; the home page and breadcrumbs already lead everywhere.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/", admin.site.urls),
    path("articles/", include("articles.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Feeds, sitemaps, robots.txt, the web app manifest, the service worker
    # and share images have one address whatever the reader's language.
    path("", include("reader.site_urls")),
]
# Reader pages are in Indonesian at their plain address and in English under
# /en/, so a cached page never depends on a cookie or on Accept-Language.
urlpatterns += i18n_patterns(path("", include("reader.urls")), prefix_default_language=False)

if settings.DEBUG:
    # In production the web server serves MEDIA_ROOT; see docs/operations.md.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler404 = "reader.views.not_found"
handler500 = "reader.views.server_error"
