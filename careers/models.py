"""From training to work: job-ready profiles a trainee controls, the job
platform's API clients and what they were shown, placements the platform
reports back, and businesses started at the incubation base.

Sits above `training` (skills earned and outcomes come from there) and below
`federation` (whose dashboard counts businesses)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class WorkKind(models.TextChoices):
    ON_SITE = "on_site", _("On site at a workplace")
    REMOTE = "remote", _("Remote, from home")
    FLEXIBLE = "flexible", _("Flexible or part-time")


class JobProfile(models.Model):
    """What a trainee chose to let employers see through the job-matching
    platform. Nothing is shared unless `opted_in`; withdrawing clears it and
    records a revocation so the platform deletes its copy."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="job_profile",
    )
    # The only identifier the platform ever sees: not the account's id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    opted_in = models.BooleanField(_("can be found for work"), default=False)
    opted_in_at = models.DateTimeField(_("opted in at"), null=True, blank=True)
    work_kinds = models.JSONField(
        _("kinds of work wanted"), default=list, blank=True
    )  # WorkKind values
    district = models.CharField(_("district"), max_length=100, blank=True)
    share_certificates = models.BooleanField(_("share my certificates"), default=False)
    # FunctionalNeed values chosen item by item from the trainee's access
    # needs; only these are ever shared.
    shared_adjustments = models.JSONField(
        _("workplace adjustments to share"), default=list, blank=True
    )
    adjustments_note = models.TextField(
        _("about the adjustments, in my words"), blank=True, max_length=500
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("job-ready profile")
        verbose_name_plural = _("job-ready profiles")

    def __str__(self) -> str:
        return str(self.public_id)


class ProfileRevocation(models.Model):
    """A profile withdrawn (or its person anonymised): the platform must
    delete what it holds under this id."""

    public_id = models.UUIDField(db_index=True)
    revoked_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("withdrawn profile")
        verbose_name_plural = _("withdrawn profiles")
        ordering = ["revoked_at", "id"]

    def __str__(self) -> str:
        return str(self.public_id)


class ApiClient(models.Model):
    """A system allowed to read the API (the job-matching platform), with a
    token federation admins issue and revoke. Only a hash of the token is
    kept; its first characters identify it."""

    name = models.CharField(_("name"), max_length=150)
    token_prefix = models.CharField(
        _("token starts with"), max_length=16, unique=True, editable=False
    )
    token_hash = models.CharField(max_length=128, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    created_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApiCall(models.Model):
    """One call to the API: who, when, what, and which profiles it returned."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.PROTECT, related_name="calls"
    )
    at = models.DateTimeField(_("at"), db_index=True)
    method = models.CharField(max_length=8)
    path = models.CharField(_("path"), max_length=500)
    status_code = models.PositiveSmallIntegerField(_("status"))

    class Meta:
        verbose_name = _("API call")
        verbose_name_plural = _("API calls")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.client} {self.method} {self.path}"


class ProfileShare(models.Model):
    """A person's profile was in an API call's answer: shown to them as
    "shared with the job platform on …"."""

    call = models.ForeignKey(ApiCall, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("profile shared")
        verbose_name_plural = _("profiles shared")
        indexes = [models.Index(fields=["user", "-at"], name="share_user_at_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.call}"


class Placement(models.Model):
    """A job the platform says a trainee started. It becomes an outcome only
    when the trainee's base confirms it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the base to confirm")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Not confirmed")

    client = models.ForeignKey(
        ApiClient, on_delete=models.PROTECT, related_name="placements"
    )
    # The platform's own id for the placement: posting it again changes nothing.
    external_id = models.CharField(_("platform reference"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="placements"
    )
    employer = models.CharField(_("employer"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200)
    start_date = models.DateField(_("start date"))
    received_at = models.DateTimeField(_("received at"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    outcome = models.ForeignKey(
        "training.Outcome",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "external_id"], name="placement_unique_reference"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_title} · {self.employer}"


class Sector(models.TextChoices):
    ECOMMERCE = "ecommerce", _("E-commerce and livestream selling")
    MEDIA = "media", _("Video, photography and media")
    DIGITAL = "digital", _("Websites and digital services")
    RETAIL = "retail", _("Shop and retail")
    CRAFTS = "crafts", _("Crafts and manufacturing")
    FOOD = "food", _("Food and agriculture")
    SERVICES = "services", _("Personal and business services")
    OTHER = "other", _("Other")


class IncubatedBusiness(ClusterableModel):
    """A business trainees started with the incubation base's help."""

    name = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    base = models.ForeignKey(
        "accounts.TrainingBase",
        on_delete=models.PROTECT,
        related_name="businesses",
        verbose_name=_("incubation base"),
    )
    registered_on = models.DateField(_("registration date"))
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    founders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="businesses",
        verbose_name=_("trainees behind it"),
    )
    helped_registration = models.BooleanField(
        _("help with registration"), default=False
    )
    helped_trademark = models.BooleanField(_("logo and trademark"), default=False)
    helped_tax = models.BooleanField(_("tax advice"), default=False)
    helped_legal = models.BooleanField(_("legal advice"), default=False)
    helped_marketing = models.BooleanField(_("marketing"), default=False)
    jobs_created = models.PositiveIntegerField(_("jobs created"), default=0)
    jobs_for_disabled = models.PositiveIntegerField(
        _("of which for disabled people"), default=0
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("incubated business")
        verbose_name_plural = _("incubated businesses")
        ordering = ["-registered_on", "name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class BusinessCheck(models.Model):
    """A status check 6, 12 or 24 months after registration."""

    class Months(models.IntegerChoices):
        SIX = 6, _("6 months")
        TWELVE = 12, _("12 months")
        TWENTY_FOUR = 24, _("24 months")

    business = ParentalKey(
        IncubatedBusiness, on_delete=models.CASCADE, related_name="checks"
    )
    months = models.PositiveSmallIntegerField(_("check"), choices=Months.choices)
    checked_on = models.DateField(_("date checked"))
    operating = models.BooleanField(_("still operating"))
    jobs_created = models.PositiveIntegerField(_("jobs created"), default=0)
    jobs_for_disabled = models.PositiveIntegerField(
        _("of which for disabled people"), default=0
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("business check")
        verbose_name_plural = _("business checks")
        ordering = ["business", "months"]
        constraints = [
            models.UniqueConstraint(
                fields=["business", "months"], name="business_check_unique_months"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.business} · {self.get_months_display()}"
