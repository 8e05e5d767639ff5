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


class TrainingBase(models.Model):
    """A vocational training base of the federation (a facility, in Kolibri's
    terms): the place that owns courses, runs sessions and employs staff."""

    name = models.CharField(_("name (Chinese)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    district = models.CharField(_("district (Chinese)"), max_length=100)
    district_en = models.CharField(_("district (English)"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

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
