"""Messages of Django and its add-ons that have no Indonesian translation yet.

Django 6.1 and django-reversion ship these strings untranslated for
Indonesian. Marking them here puts them in this project's catalogue
(locale/id/LC_MESSAGES/django.po), which takes precedence over the
packages' own. The admin's JavaScript strings are in djangojs.po beside it.
"""

from django.utils.translation import gettext_noop

STRINGS = [
    # django/db/models/fields/__init__.py: the empty choice of a select box.
    gettext_noop("- Select an option -"),
    # django/contrib/admin/templates/admin/date_hierarchy.html
    gettext_noop("Filter by %(field_name)s"),
    # django-reversion's model names, shown in the activity log's filter.
    gettext_noop("revision"),
    gettext_noop("revisions"),
    gettext_noop("version"),
    gettext_noop("versions"),
]
