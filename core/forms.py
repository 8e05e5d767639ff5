import datetime
import re
import unicodedata

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from core.language import lang_attribute

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class AccessibleFormRenderer(TemplatesSetting):
    """Renders every form with a visible label, a hint tied by aria-describedby
    and the error beside its field (templates/forms/).

    A select is built here, in Python, with exactly the HTML of Django's
    select.html and our select_option.html (each option's label carries
    `lang` when it is in the other language): the templates include two
    templates per option, which made the filter forms of the dashboard and
    the audit viewer (a hundred options and more) cost more than the tables
    of figures beside them. tests/core/test_forms.py compares both ways."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE and _default_options(context["widget"]):
            return select_html(context["widget"])
        return super().render(template_name, context, request)


def _default_options(widget: dict) -> bool:
    return all(
        option["template_name"] == OPTION_TEMPLATE
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


def _attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: `False` leaves the attribute out,
    `True` writes its name alone."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option_html(option: dict) -> str:
    """templates/django/forms/widgets/select_option.html."""
    label = option["label"]
    return (
        f'<option value="{conditional_escape(option["value"])}"'
        f"{_attrs_html(option['attrs'])}{lang_attribute(label)}>"
        f"{conditional_escape(label)}</option>"
    )


def select_html(widget: dict) -> str:
    """django/forms/widgets/select.html with our options, whitespace and
    all."""
    html = [f'<select name="{conditional_escape(widget["name"])}"']
    html.append(_attrs_html(widget["attrs"]) + ">")
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        html.extend(f"\n  {_option_html(option)}" for option in options)
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


# Dates ------------------------------------------------------------------------
# One pattern for every date on our forms: a plain text field with a format hint.
# <input type="date"> splits into day/month/year parts that each take a Tab stop
# and hide the focus ring, and it drops what was typed when it cannot read it.

DATE_EXAMPLE = "2027-03-15"
DATE_HINT = _("Year-month-day, for example 2027-03-15.")
# Both name the field (%(label)s), beside it and in the error summary.
DATE_INVALID = _("Enter a date for “%(label)s”, for example 2027-03-15.")
DATE_REQUIRED = _("Enter a date for “%(label)s”.")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_NUMERIC = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
MIN_YEAR = 1900


def parse_date(text: str) -> datetime.date | None:
    """A date from what people type: 2027-03-15, 2027-3-15, 2027/3/15,
    2027.3.15, 20270315, 2027年3月15日 (full-width digits too), and in English
    15 March 2027, 15 Mar 2027 or March 15, 2027. Day-first or month-first
    numbers (15/03/2027, 03/15/2027) are ambiguous and not read. None when it
    is not a real date."""
    text = unicodedata.normalize("NFKC", text or "").strip().lower()
    text = re.sub(r"\s+", " ", text)
    if match := _NUMERIC.match(text) or _COMPACT.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_MONTH_YEAR.match(text):
        day, month, year = int(match[1]), MONTHS.get(match[2]), int(match[3])
    elif match := _MONTH_DAY_YEAR.match(text):
        month, day, year = MONTHS.get(match[1]), int(match[2]), int(match[3])
    else:
        return None
    if month is None or year < MIN_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class DateTextInput(forms.TextInput):
    """One text box; no inputmode, since 2027年3月15日 and 15 March 2027
    need more than a number pad."""

    def __init__(self, attrs=None):
        defaults = {"autocomplete": "off", "spellcheck": "false", "size": 16}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return super().format_value(value)


class DateTextField(forms.Field):
    """A date typed as text (see `parse_date`), shown back as year-month-day.
    What was typed stays in the box when it cannot be read. Error messages
    may use %(label)s."""

    widget = DateTextInput
    default_error_messages = {"required": DATE_REQUIRED, "invalid": DATE_INVALID}

    def __init__(self, *, help_text=DATE_HINT, **kwargs):
        super().__init__(help_text=help_text, **kwargs)

    def _params(self) -> dict:
        return {"label": self.label or ""}

    def to_python(self, value):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        parsed = parse_date(str(value))
        if parsed is None:
            raise forms.ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params=self._params(),
            )
        return parsed

    def validate(self, value):
        if value in self.empty_values and self.required:
            raise forms.ValidationError(
                self.error_messages["required"],
                code="required",
                params=self._params(),
            )

    def bound_data(self, data, initial):
        """A date that was read is shown back as year-month-day, so people
        see how it was understood; anything else is shown as typed."""
        if self.disabled:
            return initial
        parsed = parse_date(data) if isinstance(data, str) else None
        return parsed or data

    def has_changed(self, initial, data):
        try:
            data = self.to_python(data)
        except forms.ValidationError:
            return True
        return self.to_python(initial) != data
