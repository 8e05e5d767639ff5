"""The audit trail viewer's filter form: an ordinary GET form whose state is
the URL. It checks input only; the query is in federation.selectors.audit."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.forms import DateTextField
from federation.selectors.audit import bases_for_filter, sessions_for_filter
from training.audit_display import action_choices

DATES_REVERSED = _("The end date must be the same as or after the start date.")
SESSION_NOT_AT_BASE = _(
    "Choose a session from the list. It lists the chosen base's sessions."
)


# The largest id a database key holds (a signed 64-bit integer): larger
# numbers are no id at all, and the databases refuse them in a query.
ID_MAX = 2**63 - 1


def _positive_int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= ID_MAX else None


class _ListedChoices(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.listed()) + (self.field.empty_label is not None)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A model choice field that reads its queryset once per form: the same
    list draws the choices and checks the value sent (a plain
    ModelChoiceField runs one query for each)."""

    iterator = _ListedChoices

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self._listed = None

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def listed(self) -> list:
        if getattr(self, "_listed", None) is None:
            self._listed = list(self.queryset) if self.queryset is not None else []
        return self._listed

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = _positive_int(value)
        for obj in self.listed():
            if obj.pk == key:
                return obj
        raise ValidationError(
            self.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        )


class BaseChoiceField(ListedModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class SessionChoiceField(ListedModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({date_format(obj.starts_on, 'DATE_FORMAT')})"


def _date_field(label: str) -> DateTextField:
    return DateTextField(
        label=label,
        required=False,
        help_text=_("Year-month-day, for example 2026-09-01."),
    )


class AuditFilterForm(forms.Form):
    base = BaseChoiceField(
        label=_("Training base"),
        queryset=bases_for_filter(),
        required=False,
        empty_label=_("All bases"),
    )
    session = SessionChoiceField(
        label=_("Session"),
        queryset=None,
        required=False,
        empty_label=_("All sessions"),
        help_text=_(
            "Choose a base and select “Show changes” to list that base's sessions."
        ),
        error_messages={"invalid_choice": SESSION_NOT_AT_BASE},
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = _date_field(_("From (date)"))
    date_to = _date_field(_("To (date)"))

    def __init__(self, *args, show_people: bool, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else {}
        self.fields["session"].queryset = sessions_for_filter(
            base_id=_positive_int(data.get("base")),
            session_id=_positive_int(data.get("session")),
        )
        self.fields["action"].choices = [("", _("All actions")), *action_choices()]
        if show_people:
            self.fields["person"] = forms.CharField(
                label=_("Person"),
                required=False,
                max_length=150,
                help_text=_(
                    "Part of a name or email address. Matches the trainee or "
                    "the person who made the change."
                ),
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", DATES_REVERSED)
        base, session = cleaned.get("base"), cleaned.get("session")
        if base and session and session.base_id != base.pk:
            self.add_error("session", SESSION_NOT_AT_BASE)
        return cleaned

    def filters(self) -> dict:
        """Keyword arguments for federation.selectors.audit.audit_entries."""
        cleaned = self.cleaned_data
        return {
            "base": cleaned.get("base"),
            "session": cleaned.get("session"),
            "action": cleaned.get("action") or "",
            "date_from": cleaned.get("date_from"),
            "date_to": cleaned.get("date_to"),
            "person": (cleaned.get("person") or "").strip(),
        }
