import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.importers.ninjs import import_file
from articles.models import Article
from editions import building
from editions.composing import CompositionError, compose_automatically
from editions.models import Build, Edition, Placement
from newsroom import roles

CONTENT = Path(__file__).resolve().parents[2] / "content"
# Username, first and last name, and role of the demo newsroom.
DEMO_ACCOUNTS = [
    ("penulis", "Rina", "Lestari", roles.WRITER),
    ("redaktur", "Budi", "Santoso", roles.EDITOR),
    ("pemred", "Siti", "Rahmawati", roles.CHIEF_EDITOR),
]
DEMO_URI_PREFIX = "urn:koran-digital:demo:"


def logins_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-logins.txt"


class Command(BaseCommand):
    help = (
        "Load the demo articles and photos, compose and build the demo edition, and create a demo login for "
        "each newsroom role (Penulis, Redaktur, Pemimpin Redaksi) and a superuser. Running it again changes "
        "nothing that already exists."
    )

    def handle(self, *args, **options):
        if not settings.DEVELOPMENT:
            raise CommandError(_("Demo content is only loaded when KORAN_ENV is development."))
        self._users()
        self._articles()
        self._edition()
        self.stdout.write(logins_file().read_text(encoding="utf-8"))

    def _users(self):
        """Create one login per newsroom role, and a superuser for technical work; write them to the logins file.

        Running again keeps the passwords when every account exists and is
        listed in the file; otherwise all passwords are set anew.
        """
        path = logins_file()
        User = get_user_model()
        accounts = [*DEMO_ACCOUNTS, ("admin", "", "", "")]
        listed = path.read_text(encoding="utf-8") if path.exists() else ""
        if all(User.objects.filter(username=name).exists() and f"  {name} / " in listed for name, *_rest in accounts):
            return
        lines = [
            _("Demo logins for http://%(host)s:%(port)s/admin/ (development only):") % {"host": "127.0.0.1", "port": 8000},
        ]
        for username, first_name, last_name, role in accounts:
            password = secrets.token_urlsafe(9)
            user, _created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@localhost"})
            user.first_name, user.last_name = first_name, last_name
            user.is_staff = True
            user.is_superuser = not role
            user.set_password(password)
            user.save()
            if role:
                roles.set_role(user, role)
            label = role or str(roles.SUPERUSER_LABEL)
            lines.append(f"  {username} / {password}   ({label})")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _articles(self):
        now = timezone.now()
        for path in sorted((CONTENT / "articles").glob("*.json")):
            result = import_file(path, photo_root=CONTENT)
            if result.outcome == "failed":
                raise CommandError(f"{path}: {result.message}")
        not_in_edition = Article.objects.filter(source_uri__startswith=DEMO_URI_PREFIX).exclude(
            pk__in=Placement.objects.values("article_id")
        )
        not_in_edition.update(published_at=now)

    def _edition(self):
        demo_edition = (
            Edition.objects.filter(pages__placements__article__source_uri__startswith=DEMO_URI_PREFIX).distinct().first()
        )
        if demo_edition is not None and demo_edition.live_build_id and demo_edition.is_published:
            self.stdout.write(_("The demo edition of %(date)s is already built.") % {"date": demo_edition.date})
            return
        if demo_edition is None:
            try:
                demo_edition = compose_automatically(timezone.localdate())
            except CompositionError as error:
                raise CommandError(str(error)) from None
        self.stdout.write(_("Building the demo edition of %(date)s…") % {"date": demo_edition.date})
        build = Build.objects.create(edition=demo_edition, publish_when_done=True)
        build = building.run_build(build.pk)
        if build is None or build.status != Build.Status.DONE:
            raise CommandError(_("The demo edition did not build: %(error)s") % {"error": getattr(build, "error", "")})
        self.stdout.write(self.style.SUCCESS(
            _("Demo edition built: %(pages)s pages, PDF %(size)s KB.") % {"pages": build.page_count, "size": build.pdf_size // 1024}
        ))
