"""Create the three newsroom roles as groups with their permissions (newsroom.roles.ROLE_PERMISSIONS).

Running it again adds missing permissions and leaves extra ones an
administrator granted.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from newsroom.roles import ROLE_NAMES, ensure_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the roles
    # need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("articles", "0002_workflow"),
        ("editions", "0002_scheduling"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
