import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from editions.composing import CompositionError, compose_automatically, compose_from_plan


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("%(value)r is not a date like 2026-12-07.") % {"value": value}) from None


class Command(BaseCommand):
    help = (
        "Compose the edition of DATE (YYYY-MM-DD): from a plan file with --plan, otherwise from the "
        "published articles since the previous edition."
    )

    def add_arguments(self, parser):
        parser.add_argument("date", type=iso_date, help="edition date, YYYY-MM-DD")
        parser.add_argument("--plan", type=Path, help="edition plan JSON (pages with placements by article uri)")
        parser.add_argument("--replace", action="store_true", help="recompose even if the edition is already published")

    def handle(self, *args, date, plan, replace, **options):
        try:
            if plan:
                try:
                    data = json.loads(plan.read_text(encoding="utf-8"))
                except (OSError, ValueError) as error:
                    raise CommandError(_("Cannot read the plan %(file)s: %(error)s") % {"file": plan, "error": error}) from None
                if str(data.get("edition", {}).get("date")) != date.isoformat():
                    raise CommandError(
                        _("The plan is for %(plan)s, not %(date)s.") % {"plan": data.get("edition", {}).get("date"), "date": date.isoformat()}
                    )
                edition = compose_from_plan(data, replace=replace)
            else:
                edition = compose_automatically(date, replace=replace)
        except CompositionError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(_("Edition %(number)s of %(date)s composed:") % {"number": edition.number, "date": date.isoformat()}))
        for page in edition.pages.prefetch_related("placements__article"):
            stories = ", ".join(
                f"{p.article.headline[:50]} ({p.get_role_display().lower()})" for p in page.placements.all()
            )
            self.stdout.write(f"  {page.number:>2} {page.title} [{page.template}]: {stories}")
