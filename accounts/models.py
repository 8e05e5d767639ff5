from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class DisabilityCategory(models.TextChoices):
    """China's national classification (GB/T 26341-2010)."""

    VISUAL = "visual", _("Visual")
    HEARING = "hearing", _("Hearing")
    SPEECH = "speech", _("Speech")
    PHYSICAL = "physical", _("Physical")
    INTELLECTUAL = "intellectual", _("Intellectual")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial")
    MULTIPLE = "multiple", _("Multiple")


class FunctionalNeed(models.TextChoices):
    """What a person needs, chosen by them; a category does not say this."""

    SCREEN_READER = "screen_reader", _("Screen reader")
    MAGNIFIER = "magnifier", _("Screen magnifier")
    CAPTIONS = "captions", _("Captions")
    SIGN_LANGUAGE = "sign_language", _("Chinese Sign Language")
    EASY_READ = "easy_read", _("Easy read")
    KEYBOARD_ONLY = "keyboard_only", _("Keyboard only or switch access")
    EXTRA_TIME = "extra_time", _("Extra time on assessments")
    ASSISTANCE = "assistance", _("Someone assisting")


class EmailUserManager(UserManager):
    """Users sign in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    # One name field: names do not split into first/last everywhere,
    # and Chinese names do not.
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), unique=True)
    username = None
    first_name = None
    last_name = None
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    home_base = models.ForeignKey(
        "accounts.TrainingBase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home training base"),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name", "email"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name


VENUE_FEATURES = (
    "step_free_access",
    "accessible_toilet",
    "hearing_loop",
    "sign_language_interpreter",
)


class TrainingBase(models.Model):
    """A vocational training base of the federation (a facility, in Kolibri's
    terms): the place that owns courses, runs sessions and employs staff."""

    name = models.CharField(_("name (Chinese)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    district = models.CharField(_("district (Chinese)"), max_length=100)
    district_en = models.CharField(_("district (English)"), max_length=100, blank=True)
    address = models.CharField(_("address (Chinese)"), max_length=300)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    # Venue accessibility, shown to trainees on every session at the base.
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    sign_language_interpreter = models.BooleanField(
        _("sign language interpreter available"), default=False
    )
    transport_notes = models.TextField(
        _("accessible transport (Chinese)"),
        blank=True,
        help_text=_("Bus and metro lines with step-free stops, parking, pick-up."),
    )
    transport_notes_en = models.TextField(
        _("accessible transport (English)"), blank=True
    )
    incubation = models.BooleanField(
        _("incubation base"),
        default=False,
        help_text=_("Helps trainees start and run their own businesses."),
    )

    class Meta:
        verbose_name = _("training base")
        verbose_name_plural = _("training bases")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def display_address(self) -> str:
        if get_language() == "en" and self.address_en:
            return self.address_en
        return self.address

    @property
    def display_transport_notes(self) -> str:
        if get_language() == "en" and self.transport_notes_en:
            return self.transport_notes_en
        return self.transport_notes

    @property
    def venue_features(self) -> list[str]:
        """The venue's accessibility features, as words to show."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in VENUE_FEATURES
            if getattr(self, name)
        ]

    @property
    def display_district(self) -> str:
        if get_language() == "en" and self.district_en:
            return self.district_en
        return self.district


class StaffRole(models.Model):
    """A staff member's role: per base for instructors and managers,
    federation-wide (no base) for auditors and federation admins."""

    class Role(models.TextChoices):
        INSTRUCTOR = "instructor", _("Base instructor")
        MANAGER = "manager", _("Base manager")
        AUDITOR = "auditor", _("Federation auditor")
        FEDERATION_ADMIN = "federation_admin", _("Federation admin")

    BASE_ROLES = (Role.INSTRUCTOR, Role.MANAGER)

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_roles")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    base = models.ForeignKey(
        TrainingBase,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        null=True,
        blank=True,
        verbose_name=_("training base"),
    )

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "base"], name="staffrole_unique_per_base"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(base__isnull=True),
                name="staffrole_unique_federation_role",
            ),
            models.CheckConstraint(
                condition=(
                    Q(role__in=["instructor", "manager"], base__isnull=False)
                    | Q(role__in=["auditor", "federation_admin"], base__isnull=True)
                ),
                name="staffrole_base_matches_role",
            ),
        ]

    def __str__(self) -> str:
        if self.base_id:
            return f"{self.user} · {self.get_role_display()} · {self.base}"
        return f"{self.user} · {self.get_role_display()}"


class AccessNeeds(models.Model):
    """A trainee's disability categories and functional needs: sensitive
    personal information, held only with explicit consent. Withdrawing consent
    deletes this row. One boolean per choice keeps counts by category a plain
    database aggregate on every backend."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="access_needs"
    )
    visual = models.BooleanField(DisabilityCategory.VISUAL.label, default=False)
    hearing = models.BooleanField(DisabilityCategory.HEARING.label, default=False)
    speech = models.BooleanField(DisabilityCategory.SPEECH.label, default=False)
    physical = models.BooleanField(DisabilityCategory.PHYSICAL.label, default=False)
    intellectual = models.BooleanField(
        DisabilityCategory.INTELLECTUAL.label, default=False
    )
    psychosocial = models.BooleanField(
        DisabilityCategory.PSYCHOSOCIAL.label, default=False
    )
    multiple = models.BooleanField(DisabilityCategory.MULTIPLE.label, default=False)
    screen_reader = models.BooleanField(
        FunctionalNeed.SCREEN_READER.label, default=False
    )
    magnifier = models.BooleanField(FunctionalNeed.MAGNIFIER.label, default=False)
    captions = models.BooleanField(FunctionalNeed.CAPTIONS.label, default=False)
    sign_language = models.BooleanField(
        FunctionalNeed.SIGN_LANGUAGE.label, default=False
    )
    easy_read = models.BooleanField(FunctionalNeed.EASY_READ.label, default=False)
    keyboard_only = models.BooleanField(
        FunctionalNeed.KEYBOARD_ONLY.label, default=False
    )
    extra_time = models.BooleanField(FunctionalNeed.EXTRA_TIME.label, default=False)
    extra_time_factor = models.CharField(
        _("how much extra time"),
        max_length=10,
        choices=[
            ("1.5", _("Half as much again (×1.5)")),
            ("2", _("Twice as long (×2)")),
            ("unlimited", _("No time limit")),
        ],
        default="1.5",
    )
    assistance = models.BooleanField(FunctionalNeed.ASSISTANCE.label, default=False)
    notes = models.TextField(_("anything else we should know"), blank=True)
    consent_given_at = models.DateTimeField(_("consent given at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("access needs")
        verbose_name_plural = _("access needs")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def categories(self) -> list[str]:
        return [c.value for c in DisabilityCategory if getattr(self, c.value)]

    @property
    def needs(self) -> list[str]:
        return [n.value for n in FunctionalNeed if getattr(self, n.value)]

    def get_categories_display(self) -> list[str]:
        return [DisabilityCategory(c).label for c in self.categories]

    @property
    def time_limit_factor(self) -> float | None:
        """How a timed assessment's limit stretches for this person: 1.0 when
        they need no extra time, None when they need no limit at all."""
        if not self.extra_time:
            return 1.0
        if self.extra_time_factor == "unlimited":
            return None
        return float(self.extra_time_factor)

    def get_needs_display(self) -> list[str]:
        return [FunctionalNeed(n).label for n in self.needs]


class ConsentEvent(models.Model):
    """When consent to hold access needs was given or withdrawn."""

    class Kind(models.TextChoices):
        GIVEN = "given", _("Consent given")
        WITHDRAWN = "withdrawn", _("Consent withdrawn")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="consent_events"
    )
    kind = models.CharField(_("what happened"), max_length=16, choices=Kind.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent event")
        verbose_name_plural = _("consent events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"


class NeedsAccessLog(models.Model):
    """Every time someone looks at another person's access needs."""

    # A log written on a page view: nothing in it is content Wagtail's
    # reference index should track (its update would cost five queries).
    wagtail_reference_index_ignore = True

    viewer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="needs_viewed"
    )
    subject = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="needs_viewed_by"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    path = models.CharField(_("page"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("access needs view")
        verbose_name_plural = _("access needs views")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.viewer} → {self.subject} · {self.at:%Y-%m-%d %H:%M}"


class DeletionRequest(models.Model):
    """A person's request to delete their account and data, for an admin to
    carry out (training records the federation must keep are anonymised)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="deletion_requests"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(handled_at__isnull=True),
                name="deletionrequest_one_open_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.requested_at:%Y-%m-%d}"


class DisplayPreferences(models.Model):
    """How a signed-in person wants every page shown. Anonymous visitors keep
    the same settings in a cookie (accounts.preferences)."""

    class TextSize(models.IntegerChoices):
        NORMAL = 100, "100%"
        LARGE = 125, "125%"
        LARGER = 150, "150%"
        LARGEST = 200, "200%"

    class Theme(models.TextChoices):
        DEFAULT = "default", _("Default (dark text on white)")
        DARK = "dark", _("High contrast dark (white on black)")
        YELLOW = "yellow", _("Yellow on black")
        CREAM = "cream", _("Soft cream (dark text on cream)")

    user = models.OneToOneField(
        User,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="display_preferences",
    )
    text_size = models.PositiveSmallIntegerField(
        _("text size"), choices=TextSize.choices, default=TextSize.NORMAL
    )
    theme = models.CharField(
        _("colours"), max_length=16, choices=Theme.choices, default=Theme.DEFAULT
    )
    legible_font = models.BooleanField(_("use a more legible font"), default=False)
    wide_spacing = models.BooleanField(
        _("wider line and letter spacing"), default=False
    )
    reduced_motion = models.BooleanField(_("reduce motion"), default=False)
    underline_links = models.BooleanField(_("underline all links"), default=False)
    captions_on = models.BooleanField(_("turn captions on by default"), default=False)
    easy_read_first = models.BooleanField(
        _("show easy-read versions first"), default=False
    )
    quiz_time_warnings = models.BooleanField(
        _("warn me when a timed quiz is running out of time"), default=True
    )

    class Meta:
        verbose_name = _("display preferences")
        verbose_name_plural = _("display preferences")

    def __str__(self) -> str:
        return str(self.user)
