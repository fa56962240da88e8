import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from editions import building
from editions.messages import warning_message
from editions.models import Build, Edition


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("%(value)r is not a date like 2026-12-07.") % {"value": value}) from None


class Command(BaseCommand):
    help = (
        "Build the edition of DATE into HTML, PDF and page images, showing progress. Runs in this process, "
        "like a worker; with --queue it hands the build to the Celery workers and follows it."
    )

    def add_arguments(self, parser):
        parser.add_argument("date", type=iso_date, help="edition date, YYYY-MM-DD")
        parser.add_argument("--publish", action="store_true", help="publish the edition once it is built")
        parser.add_argument("--queue", action="store_true", help="let a Celery worker build it and wait for the result")

    def handle(self, *args, date, publish, queue, **options):
        edition = Edition.objects.filter(date=date).first()
        if edition is None:
            raise CommandError(_("There is no edition of %(date)s. Compose it first with compose_edition.") % {"date": date.isoformat()})
        if not edition.pages.exists():
            raise CommandError(_("The edition of %(date)s has no pages yet.") % {"date": date.isoformat()})
        build = building.request_build(edition, publish=publish) if queue else self._create(edition, publish)
        if queue:
            build = self._follow(build)
        else:
            try:
                build = building.run_build(build.pk, progress=self._show) or Build.objects.get(pk=build.pk)
            except Exception as error:  # noqa: BLE001 - recorded on the build by run_build; report it here
                build = Build.objects.get(pk=build.pk)
                raise CommandError(f"{build.error}\n{error}") from None
        self.stdout.write("")
        if build.status != Build.Status.DONE:
            raise CommandError(build.error or _("The build did not finish."))
        for warning in build.warnings:
            self.stdout.write(self.style.WARNING(_("Warning: %(text)s") % {"text": warning_message(warning)}))
        edition.refresh_from_db()
        self.stdout.write(self.style.SUCCESS(
            _("Built %(pages)s pages in %(seconds).1f s; PDF %(size).1f MB: %(path)s")
            % {"pages": build.page_count, "seconds": build.duration_ms / 1000, "size": build.pdf_size / 1_048_576,
               "path": build.pdf_path}
        ))
        if edition.is_published:
            self.stdout.write(self.style.SUCCESS(_("The edition is published.")))

    def _create(self, edition, publish):
        return Build.objects.create(edition=edition, publish_when_done=publish)

    def _show(self, build):
        stage = {"layout": _("layout"), "pdf": _("PDF"), "images": _("page images")}.get(build.stage, build.stage)
        self.stdout.write(
            "\r" + _("%(stage)s: %(done)s of %(total)s pages") % {"stage": stage, "done": build.pages_done, "total": build.pages_total},
            ending="",
        )
        self.stdout.flush()

    def _follow(self, build):
        while True:
            build.refresh_from_db()
            self._show(build)
            if build.is_finished:
                return build
            time.sleep(1)
