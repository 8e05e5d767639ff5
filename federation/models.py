"""What the federation keeps of its own: who looked at which report, and
accessibility barriers people report from any page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import TrainingBase


class ReportAccess(models.Model):
    """One view or export of a federation report: who, which report, with
    which filters, when."""

    # A log written on every report view: nothing in it is content Wagtail's
    # reference index should track (its update would cost five queries).
    wagtail_reference_index_ignore = True

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    report = models.CharField(_("report"), max_length=64)
    format = models.CharField(_("format"), max_length=8, default="html")
    filters = models.JSONField(_("filters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("report access")
        verbose_name_plural = _("report accesses")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.report} {self.format}"


class BarrierReport(models.Model):
    """Something on the site that stopped someone. Anonymous reports are
    welcome: every contact field is optional."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        FIXED = "fixed", _("Fixed")
        WONT_FIX = "wont_fix", _("Won't fix")

    class ReplyBy(models.TextChoices):
        NONE = "", _("No reply needed")
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone call")
        SMS = "sms", _("Text message")

    page_url = models.CharField(_("page"), max_length=500, blank=True)
    what_happened = models.TextField(_("what went wrong"))
    reply_by = models.CharField(
        _("how to reply"), max_length=8, choices=ReplyBy.choices, blank=True
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    base = models.ForeignKey(
        TrainingBase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training base"),
        help_text=_("The base whose course the page belongs to, if any."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    resolution = models.TextField(
        _("what was done"),
        blank=True,
        help_text=_("Required when the report will not be fixed: say why."),
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["base", "status"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.what_happened[:40]}"
