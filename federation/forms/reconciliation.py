"""Forms for the reconciliation pages. They check input only; the rules
about periods (no overlaps, who may close or reopen) live in
training.services.periods."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateTextField
from training.models import ReportingPeriod
from training.services.periods import (
    PERIOD_ENDS_BEFORE_START,
    PERIOD_NAME_REQUIRED,
    REOPEN_REASON_REQUIRED,
)

DATE_HINT = _("For example, 2026-01-01 (year-month-day).")


class PeriodChoiceForm(forms.Form):
    """Which period to reconcile (the URL's ?period=), among the periods the
    page has already read (so drawing the choices runs no query)."""

    period = forms.TypedChoiceField(
        label=_("Reporting period"),
        coerce=int,
        choices=(),
        error_messages={
            "invalid_choice": _(
                "There is no such reporting period. Choose one from the list."
            ),
            "required": _("Choose a reporting period."),
        },
    )

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [
            (period.pk, period.display_name) for period in periods
        ]


class PeriodCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name in Chinese"),
        help_text=_("For example, 2026年上半年."),
        max_length=ReportingPeriod._meta.get_field("name").max_length,
        error_messages={"required": PERIOD_NAME_REQUIRED},
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        help_text=_(
            "For example, “2026 first half”. Shown on the English pages. "
            "Leave blank to use the Chinese name."
        ),
        max_length=ReportingPeriod._meta.get_field("name_en").max_length,
        required=False,
    )
    starts_on = DateTextField(
        label=_("First day"),
        help_text=DATE_HINT,
        error_messages={"required": _("Type the first day of the period.")},
    )
    ends_on = DateTextField(
        label=_("Last day"),
        help_text=DATE_HINT,
        error_messages={"required": _("Type the last day of the period.")},
    )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", PERIOD_ENDS_BEFORE_START)
        return data


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you reopening this period?"),
        help_text=_(
            "For example, which base asked and which records they need to "
            "correct. This is kept in the audit trail."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": REOPEN_REASON_REQUIRED},
    )
