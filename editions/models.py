from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layout.templates import available_templates


def template_choices():
    return [(name, template.label) for name, template in available_templates().items()]


class EditionQuerySet(models.QuerySet):
    def published(self):
        """Editions readers may see: published and with a finished build."""
        return self.filter(status=Edition.Status.PUBLISHED, live_build__isnull=False)


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    date = models.DateField(_("date"), unique=True, help_text=_("The day the edition is for, in Paser's time zone."))
    number = models.PositiveIntegerField(_("number"), unique=True)
    masthead = models.CharField(_("masthead"), max_length=120, blank=True, help_text=_("Leave empty for the site's name."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The last build that finished; readers get its files, so a failed
    # rebuild leaves the previous PDF online.
    live_build = models.ForeignKey(
        "Build", verbose_name=_("live build"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )
    scheduled_at = models.DateTimeField(
        _("publish automatically at"), null=True, blank=True, db_index=True,
        help_text=_("The edition is built if needed and published at this time (WITA), such as 05:00 on its date. "
                    "Leave empty to publish by hand."),
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scheduled by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    # Why the last requested publication did not happen, shown to the editors.
    publish_error = models.TextField(_("publication problem"), blank=True, editable=False)
    # When pages or placements last changed; a build older than this is stale.
    composed_at = models.DateTimeField(_("pages last changed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        permissions = [
            ("compose_edition", _("Can compose the pages of editions")),
            ("build_edition", _("Can build and preview editions")),
            ("publish_edition", _("Can publish, schedule and unpublish editions")),
        ]

    def __str__(self):
        return _("Edition %(number)s, %(date)s") % {"number": self.number, "date": self.date.isoformat()}

    def get_absolute_url(self):
        return reverse("reader:edition", kwargs={"date": self.date.isoformat()})

    @property
    def masthead_text(self) -> str:
        return self.masthead or settings.SITE_NAME

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def latest_build(self):
        return self.builds.order_by("-requested_at", "-pk").first()

    def lead_placement(self):
        return (
            Placement.objects.filter(page__edition=self, role=Placement.Role.LEAD)
            .select_related("article", "page")
            .order_by("page__number", "position")
            .first()
        )

    @classmethod
    def next_number(cls) -> int:
        last = cls.objects.order_by("-number").values_list("number", flat=True).first()
        return (last or 0) + 1


class Page(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="pages", verbose_name=_("edition"))
    number = models.PositiveSmallIntegerField(_("page number"))
    title = models.CharField(_("title"), max_length=80, help_text=_("Shown at the top of the page, such as Pemerintahan."))
    template = models.CharField(_("page template"), max_length=40, choices=template_choices, default="section")

    class Meta:
        ordering = ["edition", "number"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="unique_page_number")]

    def __str__(self):
        return _("Page %(number)s: %(title)s") % {"number": self.number, "title": self.title}


class Placement(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead story")
        SECONDARY = "secondary", _("Story")
        BRIEF = "brief", _("Brief")
        CONTINUATION = "continuation", _("Continuation")
        TEASER = "teaser", _("Teaser")

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="placements", verbose_name=_("page"))
    article = models.ForeignKey(
        "articles.Article", on_delete=models.PROTECT, related_name="placements", verbose_name=_("article")
    )
    role = models.CharField(_("role"), max_length=14, choices=Role.choices, default=Role.SECONDARY)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    continues_on = models.PositiveSmallIntegerField(
        _("continues on page"), null=True, blank=True,
        help_text=_("If the story does not fit, its rest goes to this later page, which needs a Continuation placement."),
    )

    class Meta:
        ordering = ["page", "position", "pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(fields=["page", "article", "role"], name="unique_article_role_on_page"),
        ]

    def __str__(self):
        return f"{self.page}: {self.article}"


class BuildQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=[Build.Status.QUEUED, Build.Status.BUILDING])


class Build(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Building")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="builds", verbose_name=_("edition"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    publish_when_done = models.BooleanField(_("publish when done"), default=False)
    pages_total = models.PositiveSmallIntegerField(_("pages to build"), default=0)
    pages_done = models.PositiveSmallIntegerField(_("pages built"), default=0)
    stage = models.CharField(_("stage"), max_length=20, blank=True)
    page_count = models.PositiveSmallIntegerField(_("page count"), null=True, blank=True)
    files_dir = models.CharField(_("folder"), max_length=200, blank=True)
    pdf_name = models.CharField(_("PDF file"), max_length=120, blank=True)
    pdf_size = models.PositiveBigIntegerField(_("PDF size (bytes)"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    timings = models.JSONField(_("stage timings (ms)"), default=dict, blank=True)
    layout = models.JSONField(_("layout"), default=dict, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    error_detail = models.TextField(_("technical detail"), blank=True)

    objects = BuildQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("build")
        verbose_name_plural = _("builds")
        get_latest_by = "requested_at"

    def __str__(self):
        return _("Build %(id)s of %(edition)s") % {"id": self.pk, "edition": self.edition}

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def media_path(self, name: str) -> str:
        return f"{self.files_dir}/{name}"

    @property
    def pdf_path(self) -> str:
        return self.media_path(self.pdf_name) if self.pdf_name else ""
