"""The Celery application: settings come from Django's CELERY_* names."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prokopim.settings")

app = Celery("prokopim")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
