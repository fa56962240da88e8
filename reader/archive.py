"""The archive: which days have an edition or articles, laid out as month calendars."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from editions.models import Edition

from .queries import published_editions, visible_articles


@dataclass
class Day:
    day: int
    date: date | None
    edition: Edition | None = None
    article_count: int = 0

    @property
    def has_content(self) -> bool:
        return self.edition is not None or self.article_count > 0


def months_with_content() -> list[date]:
    """First days of the months that have an edition or a visible article, newest first."""
    months = set(published_editions().dates("date", "month"))
    tz = timezone.get_current_timezone()
    months |= {m.date() if hasattr(m, "date") else m for m in visible_articles().datetimes("published_at", "month", tzinfo=tz)}
    return sorted(months, reverse=True)


def month_calendar(year: int, month: int) -> list[list[Day]]:
    """Weeks of the month, Monday first; days outside the month have day 0."""
    editions = {edition.date: edition for edition in published_editions().filter(date__year=year, date__month=month)}
    counts = dict(
        visible_articles()
        .filter(published_at__year=year, published_at__month=month)
        .annotate(day=TruncDate("published_at"))
        .values_list("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdayscalendar(year, month):
        row = []
        for day in week:
            if day == 0:
                row.append(Day(day=0, date=None))
                continue
            current = date(year, month, day)
            row.append(Day(day=day, date=current, edition=editions.get(current), article_count=counts.get(current, 0)))
        weeks.append(row)
    return weeks


def neighbour_months(current: date) -> tuple[date | None, date | None]:
    months = months_with_content()
    older = next((m for m in months if m < current), None)
    newer = next((m for m in reversed(months) if m > current), None)
    return older, newer


def articles_on(day: date):
    return visible_articles().filter(published_at__date=day).select_related("section", "feature_photo").order_by("published_at")
