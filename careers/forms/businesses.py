"""Forms for incubated businesses. They parse input only; the rules (jobs
for disabled people no more than jobs created, dates in order) are in
careers.services.businesses, whose messages the view puts beside the
fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from careers.models import BusinessCheck, Sector
from core.forms import DateTextField

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"]
BAD_DATE = _("Type the date as year-month-day, for example 2027-03-15.")
DATE_HINT = _("Year-month-day, for example 2027-03-15.")
FOUNDER_HINT = _(
    "Type their full email address or full phone number, exactly as on their account."
)
FOUNDER_NOT_FOUND = _(
    "No one has that email address or phone number. Check it, or ask the "
    "trainee for the one on their account."
)
SERVICES = [
    ("helped_registration", _("Help with registration")),
    ("helped_trademark", _("Logo and trademark")),
    ("helped_tax", _("Tax advice")),
    ("helped_legal", _("Legal advice")),
    ("helped_marketing", _("Marketing")),
]


def _date_field(label, *, required=None, help_text=DATE_HINT):
    messages = {"required": required} if required else {}
    # One pattern for dates on every form (core.forms.DateTextField).
    return DateTextField(
        label=label,
        required=bool(required),
        help_text=help_text,
        error_messages={"invalid": BAD_DATE, **messages},
    )


def _count_field(label, help_text=""):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100000,
        initial=0,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 6}),
        error_messages={
            "required": _("Type a number, 0 or more."),
            "invalid": _("Type a whole number, for example 3."),
            "min_value": _("Type a number, 0 or more."),
            "max_value": _("Type a smaller number."),
        },
    )


class BusinessForm(forms.Form):
    base = forms.TypedChoiceField(
        label=_("Incubation base"),
        coerce=int,
        error_messages={"required": _("Choose the incubation base.")},
    )
    name = forms.CharField(
        label=_("Name (Chinese)"),
        max_length=200,
        error_messages={"required": _("Type the business's name in Chinese.")},
    )
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    registered_on = _date_field(
        _("Registration date"), required=_("Type the date the business was registered.")
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Choose a sector")), *Sector.choices],
        error_messages={"required": _("Choose the sector.")},
    )
    services = forms.MultipleChoiceField(
        label=_("Services the base gave"),
        choices=SERVICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    jobs_created = _count_field(
        _("Jobs created"), _("Paid jobs, counting the founders.")
    )
    jobs_for_disabled = _count_field(
        _("Of which for disabled people"),
        _("No more than the jobs created."),
    )
    closed_on = _date_field(
        _("Closing date"),
        help_text=_("Only if the business has closed. Year-month-day."),
    )
    founder = forms.CharField(
        label=_("A trainee behind it: email address or phone number"),
        help_text=FOUNDER_HINT,
        max_length=254,
        error_messages={
            "required": _("Type the email address or phone number of a trainee.")
        },
    )

    def __init__(self, *args, bases, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].choices = [
            ("", _("Choose a base")),
            *((b.pk, b.display_name) for b in bases),
        ]
        if len(bases) == 1:
            self.fields["base"].initial = bases[0].pk
        if editing:
            del self.fields["base"]
            del self.fields["founder"]

    def business_fields(self) -> dict:
        data = self.cleaned_data
        services = set(data.get("services") or [])
        fields = {
            key: data[key]
            for key in (
                "name",
                "name_en",
                "registered_on",
                "sector",
                "jobs_created",
                "jobs_for_disabled",
                "closed_on",
            )
        }
        return fields | {key: key in services for key, _label in SERVICES}

    @staticmethod
    def initial_for(business) -> dict:
        return {
            "name": business.name,
            "name_en": business.name_en,
            "registered_on": business.registered_on,
            "sector": business.sector,
            "jobs_created": business.jobs_created,
            "jobs_for_disabled": business.jobs_for_disabled,
            "closed_on": business.closed_on,
            "services": [key for key, _l in SERVICES if getattr(business, key)],
        }


class FounderForm(forms.Form):
    founder = forms.CharField(
        label=_("Email address or phone number"),
        help_text=FOUNDER_HINT,
        max_length=254,
        error_messages={
            "required": _("Type the email address or phone number of a trainee.")
        },
    )


class CheckForm(forms.Form):
    checked_on = _date_field(
        _("Date checked"), required=_("Type the date you checked.")
    )
    operating = forms.TypedChoiceField(
        label=_("Is the business still operating?"),
        choices=[("yes", _("Yes, still operating")), ("no", _("No, it has stopped"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the business is still operating.")},
    )
    jobs_created = _count_field(
        _("Jobs created"), _("Paid jobs, counting the founders.")
    )
    jobs_for_disabled = _count_field(
        _("Of which for disabled people"), _("No more than the jobs created.")
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    @staticmethod
    def initial_for(check: BusinessCheck | None, business) -> dict:
        if check is None:
            return {
                "jobs_created": business.jobs_created,
                "jobs_for_disabled": business.jobs_for_disabled,
            }
        return {
            "checked_on": check.checked_on,
            "operating": "yes" if check.operating else "no",
            "jobs_created": check.jobs_created,
            "jobs_for_disabled": check.jobs_for_disabled,
            "notes": check.notes,
        }
