import logging

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .sanitizer import plain_text, sanitize_html
from .slugs import ascii_slug, with_suffix

logger = logging.getLogger(__name__)

SLUG_LENGTH = 80
# How many numbered variants of a taken slug are tried before giving up.
SLUG_ATTEMPTS = 50


class Section(models.Model):
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, help_text=_("Used in addresses, such as /rubrik/ekonomi/."))
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Sections are listed from the lowest number up.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name


class Photo(models.Model):
    master = models.FileField(_("master file"), max_length=200, editable=False)
    working = models.FileField(_("working copy"), max_length=200, editable=False)
    width = models.PositiveIntegerField(_("width (px)"), editable=False)
    height = models.PositiveIntegerField(_("height (px)"), editable=False)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    mime_type = models.CharField(_("uploaded type"), max_length=40, editable=False)
    file_size = models.PositiveBigIntegerField(_("uploaded size (bytes)"), editable=False)
    checksum = models.CharField(_("SHA-256 of the upload"), max_length=64, db_index=True, editable=False)
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(_("credit"), max_length=150, blank=True, help_text=_("Photographer or source, such as “Prokopim Paser”."))
    alt_text = models.CharField(
        _("alt text"), max_length=250, blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    focal_x = models.FloatField(
        _("focal point, across"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the left edge, 1 the right edge; crops keep this point in view."),
    )
    focal_y = models.FloatField(
        _("focal point, down"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the top edge, 1 the bottom edge."),
    )
    source_uri = models.CharField(_("source URI"), max_length=200, unique=True, null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.alt_text or self.caption[:60] or self.original_name or f"#{self.pk}"

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.height else 1.0

    @property
    def is_portrait(self) -> bool:
        return self.height > self.width

    def rendition(self, width: int, image_format: str = "WEBP") -> "PhotoRendition":
        from .renditions import rendition_for

        return rendition_for(self, width, image_format)

    def renditions_by_format(self, image_format: str) -> list["PhotoRendition"]:
        return [r for r in self.renditions.all() if r.image_format == image_format]


class PhotoRendition(models.Model):
    """A resized copy for the web, keyed by the photo and what produced it."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=40)
    image_format = models.CharField(max_length=8)
    file = models.FileField(max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["image_format", "width"]
        verbose_name = _("photo rendition")
        verbose_name_plural = _("photo renditions")
        constraints = [models.UniqueConstraint(fields=["photo", "spec"], name="unique_rendition_spec")]

    def __str__(self):
        return f"{self.photo_id}:{self.spec}"

    @property
    def url(self) -> str:
        return self.file.url


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, with a publish time already past."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def published_on(self, day):
        """Published articles whose publish time falls on ``day`` in the site's time zone."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__date=day)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles")
    kicker = models.CharField(_("kicker"), max_length=60, blank=True, help_text=_("A few words above the headline, such as SIAGA RABIES."))
    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=SLUG_LENGTH, unique=True, blank=True,
        help_text=_("The article's address. Made from the headline; it no longer changes once the article is published."),
    )
    lead = models.TextField(_("lead"), blank=True, help_text=_("One or two sentences under the headline."))
    body = models.TextField(_("body"))
    byline = models.CharField(_("byline"), max_length=150, blank=True)
    place = models.CharField(_("place"), max_length=80, blank=True, help_text=_("Where the story happened, such as Tana Paser."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("publish time"), null=True, blank=True, db_index=True)
    feature_photo = models.ForeignKey(
        Photo, verbose_name=_("feature photo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    photos = models.ManyToManyField(
        Photo, verbose_name=_("attached photos"), blank=True, related_name="attached_to",
        help_text=_("Photos that came with the article, such as the pictures of an imported Word document."),
    )
    source_uri = models.CharField(_("source URI"), max_length=200, unique=True, null=True, blank=True, editable=False)
    source_version = models.DateTimeField(_("source version"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="articles_written", editable=False,
        help_text=_("The writer who owns the article; empty for imported articles."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("submit_article", _("Can submit articles for review")),
            ("edit_any_article", _("Can edit other people's articles")),
            ("review_article", _("Can approve articles and send them back")),
            ("publish_article", _("Can publish and unpublish articles")),
            ("take_over_article", _("Can take over an article someone else is editing")),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body, media_url=settings.MEDIA_URL)
        self.lead = plain_text(self.lead)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.slug and not self._slug_may_follow_headline():
            super().save(*args, **kwargs)
            return
        self._save_with_unique_slug(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reader:article", kwargs={"slug": self.slug})

    @property
    def plain_body(self) -> str:
        return plain_text(self.body)

    @property
    def word_count(self) -> int:
        return len(self.plain_body.split())

    def _slug_may_follow_headline(self) -> bool:
        """A slug follows the headline until the article is first published."""
        if self.pk is None:
            return not self.slug
        previous = Article.objects.filter(pk=self.pk).values("published_at", "headline", "slug").first()
        if previous is None:
            return not self.slug
        if previous["published_at"] is not None:
            return False
        manual = previous["slug"] != self.slug
        return previous["headline"] != self.headline and not manual

    def _save_with_unique_slug(self, *args, **kwargs):
        fallback = f"artikel-{timezone.localdate():%Y%m%d}"
        base = ascii_slug(self.headline, SLUG_LENGTH, fallback=fallback)
        for attempt in range(1, SLUG_ATTEMPTS + 1):
            candidate = base if attempt == 1 else with_suffix(base, attempt, SLUG_LENGTH)
            if Article.objects.filter(slug=candidate).exclude(pk=self.pk).exists():
                continue
            self.slug = candidate
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                if not Article.objects.filter(slug=candidate).exclude(pk=self.pk).exists():
                    raise
                # Another save took this slug between the check and the insert.
                logger.info("slug taken concurrently slug=%s article=%s", candidate, self.pk)
                kwargs.pop("force_insert", None)
        raise IntegrityError(f"no free slug for headline {self.headline!r} after {SLUG_ATTEMPTS} attempts")


class ArticleTransition(models.Model):
    """One change of an article's workflow status: who, when, from what to what, and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("article"))
    from_status = models.CharField(_("from"), max_length=12, choices=Article.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Article.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Empty when the system acted, such as publication with a scheduled edition."),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.article_id}: {self.from_status} -> {self.to_status}"


class Correction(models.Model):
    """A dated correction (ralat) shown under a published article that was changed after publication."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("article"))
    note = models.TextField(_("correction note"), help_text=_("What was wrong and what it now says, for readers."))
    corrected_at = models.DateTimeField(_("corrected at"), default=timezone.now)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("corrected by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["corrected_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return self.note[:80]
