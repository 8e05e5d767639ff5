"""Forms for follow-ups: the instructors' bulk entry for a cohort and the
trainee's own report. They check input only; what may be recorded is
decided in training.services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateTextField
from training.models import Outcome
from training.selectors.followups import FollowUpRow
from training.services.followups import OutcomeRow

CHOOSE_STATUS = _("Choose where the trainee is now, or clear the notes to skip them.")
DATE_REQUIRED = _("Type the date you found this out.")
CONFIRM_NEEDS_STATUS = _("Choose where the trainee is now before you confirm.")


class FollowUpChoiceForm(forms.Form):
    follow_up = forms.TypedChoiceField(
        label=_("Which follow-up"),
        choices=Outcome.FollowUp.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose 3, 6 or 12 months.")},
    )


class BulkOutcomeForm(forms.Form):
    """One row per trainee due: where they are now, the date and notes (and,
    for a trainee's own report, a box to confirm it). A row whose status is
    left empty is skipped."""

    def __init__(self, *args, rows: list[FollowUpRow], follow_up: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.follow_up = follow_up
        self.rows = []
        today = timezone.localdate()
        for row in rows:
            cell = row.cells[follow_up]
            outcome = cell.outcome
            pk = row.enrolment.pk
            name = str(row.enrolment.trainee)
            self.fields[f"status_{pk}"] = forms.ChoiceField(
                label=_("%(name)s: where they are now") % {"name": name},
                choices=[("", _("Not recorded")), *Outcome.Status.choices],
                required=False,
                initial=outcome.status if outcome else "",
            )
            self.fields[f"recorded_on_{pk}"] = DateTextField(
                label=_("%(name)s: date recorded") % {"name": name},
                required=False,
                initial=outcome.recorded_on if outcome else today,
                help_text="",
            )
            self.fields[f"notes_{pk}"] = forms.CharField(
                label=_("%(name)s: notes") % {"name": name},
                required=False,
                max_length=2000,
                initial=outcome.notes if outcome else "",
                widget=forms.TextInput,
            )
            if outcome is not None and not outcome.confirmed:
                self.fields[f"confirm_{pk}"] = forms.BooleanField(
                    label=_("%(name)s: confirm their report") % {"name": name},
                    required=False,
                )
            self.rows.append(row)

    def bound_rows(self):
        """For the template: each row with its bound fields."""
        for row in self.rows:
            pk = row.enrolment.pk
            confirm = f"confirm_{pk}"
            yield {
                "row": row,
                "cell": row.cells[self.follow_up],
                "status": self[f"status_{pk}"],
                "recorded_on": self[f"recorded_on_{pk}"],
                "notes": self[f"notes_{pk}"],
                "fields": [
                    self[f"status_{pk}"],
                    self[f"recorded_on_{pk}"],
                    self[f"notes_{pk}"],
                ],
                "confirm": self[confirm] if confirm in self.fields else None,
            }

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            pk = row.enrolment.pk
            status = cleaned.get(f"status_{pk}")
            if status:
                if cleaned.get(f"recorded_on_{pk}") is None and (
                    f"recorded_on_{pk}" not in self.errors
                ):
                    self.add_error(f"recorded_on_{pk}", DATE_REQUIRED)
            elif cleaned.get(f"notes_{pk}"):
                self.add_error(f"status_{pk}", CHOOSE_STATUS)
            elif cleaned.get(f"confirm_{pk}"):
                self.add_error(f"status_{pk}", CONFIRM_NEEDS_STATUS)
        return cleaned

    def outcome_rows(self) -> list[OutcomeRow]:
        """The rows to save: those with a status."""
        rows = []
        for row in self.rows:
            pk = row.enrolment.pk
            status = self.cleaned_data.get(f"status_{pk}")
            if not status:
                continue
            rows.append(
                OutcomeRow(
                    enrolment=row.enrolment,
                    status=status,
                    recorded_on=self.cleaned_data[f"recorded_on_{pk}"],
                    notes=self.cleaned_data.get(f"notes_{pk}", ""),
                    confirm=bool(self.cleaned_data.get(f"confirm_{pk}")),
                )
            )
        return rows


# The trainee's words for each outcome: plain language, about themself.
SELF_REPORT_CHOICES = [
    (Outcome.Status.EMPLOYED, _("I have a job")),
    (Outcome.Status.SELF_EMPLOYED, _("I work for myself or started a business")),
    (Outcome.Status.FURTHER_TRAINING, _("I am studying or training more")),
    (Outcome.Status.SEEKING_WORK, _("I am looking for work")),
    (Outcome.Status.UNKNOWN, _("Something else")),
]


class SelfReportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What are you doing now?"),
        choices=SELF_REPORT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the answer that fits you best.")},
    )
    notes = forms.CharField(
        label=_("Anything you want to tell your instructor"),
        help_text=_("For example, where you work or what you are studying."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )
