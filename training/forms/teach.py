"""Forms for the instructor pages. They check input only; the rules about
what may be recorded live in training.services."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.forms import DateTextField
from training.models import Attendance, Enrolment, Outcome
from training.services import roster_import


class RosterFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show trainees whose status is"),
        choices=[("", _("Any status")), *Enrolment.Status.choices],
        required=False,
    )


class TraineeSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Trainee's email address, phone number or name"),
        help_text=_(
            "Type their full email address or full phone number. Part of a "
            "name finds only people who already train at this base."
        ),
        max_length=150,
        error_messages={
            "required": _("Type an email address, a phone number or a name."),
            "max_length": _("Type at most %(limit_value)d characters."),
            "null_characters_not_allowed": _(
                "Type an email address, a phone number or a name."
            ),
        },
    )


class AssistedEnrolForm(forms.Form):
    """The person chosen from the search results, with the search that found
    them: the view enrols only someone that search finds again."""

    q = forms.CharField(max_length=150, widget=forms.HiddenInput)
    trainee = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages = dict.fromkeys(
                field.error_messages, CHOOSE_FROM_RESULTS
            ) | {"null_characters_not_allowed": CHOOSE_FROM_RESULTS}


CHOOSE_FROM_RESULTS = _(
    "Choose a person from the search results. Search again if they are not in the list."
)


class ConfirmCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code the trainee reads to you"),
        max_length=12,
        error_messages={
            "required": _("Type the 6-digit code the trainee reads to you."),
            "max_length": _("Type the 6-digit code the trainee reads to you."),
            "null_characters_not_allowed": _(
                "Type the 6-digit code the trainee reads to you."
            ),
        },
    )


class DayForm(forms.Form):
    day = forms.TypedChoiceField(
        label=_("Day"), coerce=datetime.date.fromisoformat, choices=()
    )

    def __init__(self, *args, days: list[datetime.date], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [
            (day.isoformat(), date_format(day, "DATE_FORMAT")) for day in days
        ]


class AttendanceForm(forms.Form):
    """One group of radios per trainee, each in its own fieldset."""

    def __init__(
        self, *args, enrolments: list[Enrolment], recorded: dict[int, str], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.enrolments = enrolments
        for enrolment in enrolments:
            self.fields[f"trainee_{enrolment.pk}"] = forms.ChoiceField(
                label=str(enrolment.trainee),
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                initial=recorded.get(enrolment.pk),
                error_messages={
                    "required": _(
                        "Choose present, absent or absent with reason for this trainee."
                    )
                },
            )

    def marks(self):
        for enrolment in self.enrolments:
            yield enrolment, self.cleaned_data[f"trainee_{enrolment.pk}"]


class OutcomeForm(forms.Form):
    follow_up = forms.TypedChoiceField(
        label=_("Which follow-up"),
        choices=Outcome.FollowUp.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose 3, 6 or 12 months.")},
    )
    status = forms.ChoiceField(
        label=_("Where is the trainee now"),
        choices=Outcome.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where the trainee is now.")},
    )
    recorded_on = DateTextField(
        label=_("Date you found this out"),
        help_text=_("For example, 2027-03-15 (year-month-day)."),
        error_messages={"required": _("Type the date you found this out.")},
    )
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"recorded_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_(
            "A CSV or Excel (.xlsx) file. The first row names the columns: "
            "邮箱 or email, 姓名 or name, and optionally 电话 or phone. "
            "One trainee on each row."
        ),
        # An empty file is reported on the preview, with every other problem.
        allow_empty_file=True,
        error_messages={"required": _("Choose a CSV or Excel file to upload.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > roster_import.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(roster_import.FILE_TOO_LARGE)
        return upload


class RosterConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
