from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("editor/photo/", views.editor_photo_upload, name="editor-photo-upload"),
]
