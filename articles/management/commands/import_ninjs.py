from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.importers.ninjs import import_file


class Command(BaseCommand):
    help = "Import articles from IPTC ninjs 1.x JSON files. Importing a file again updates its article."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="ninjs JSON files")
        parser.add_argument(
            "--photo-root", type=Path, default=None,
            help="folder that feature image paths must stay inside (default: the folder above each file's folder)",
        )

    def handle(self, *args, files, photo_root, **options):
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        for path in files:
            result = import_file(path, photo_root=photo_root)
            counts[result.outcome] += 1
            if result.outcome == "failed":
                self.stderr.write(self.style.ERROR(_("%(file)s: not imported: %(reason)s") % {"file": path, "reason": result.message}))
                continue
            label = {"created": _("new"), "updated": _("updated"), "unchanged": _("unchanged")}[result.outcome]
            self.stdout.write(f"{path}: {label} · {result.article.headline}")
            for warning in result.warnings:
                self.stdout.write(self.style.WARNING("  " + _("warning: %(text)s") % {"text": warning}))
        summary = _("%(created)s new, %(updated)s updated, %(unchanged)s unchanged, %(failed)s failed") % counts
        if counts["failed"]:
            self.stderr.write(self.style.ERROR(summary))
            raise CommandError(_("Some files were not imported; see the reasons above."))
        self.stdout.write(self.style.SUCCESS(summary))
