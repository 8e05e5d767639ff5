"""One pattern for dates on every form of ours (core.forms.DateTextField): a
single text box with a format hint, which reads the common ways of writing a
date and names the field when it cannot read one. No form of ours renders
<input type="date">."""

import datetime
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.utils import timezone, translation

from core.forms import (
    DATE_INVALID,
    DATE_REQUIRED,
    DateTextField,
    DateTextInput,
    parse_date,
)

TODAY = timezone.localdate()
YEAR = TODAY.year + 1
EXPECTED = datetime.date(YEAR, 3, 15)

GOOD = [
    f"{YEAR}-03-15",
    f"{YEAR}-3-15",
    f"{YEAR}/3/15",
    f"{YEAR}/03/15",
    f"{YEAR}.3.15",
    f"{YEAR}0315",
    f"{YEAR}年3月15日",
    f"{YEAR}年03月15日",
    f"{YEAR} 年 3 月 15 日",
    f"{YEAR}年3月15",
    "２０２７-０３-１５".replace(
        "２０２７", "".join(chr(0xFF10 + int(d)) for d in str(YEAR))
    ),
    f"  {YEAR}-03-15  ",
    f"15 March {YEAR}",
    f"15 march {YEAR}",
    f"15 Mar {YEAR}",
    f"15th March {YEAR}",
    f"March 15, {YEAR}",
    f"Mar 15 {YEAR}",
]

BAD = [
    "",
    "tomorrow",
    f"{YEAR}-02-30",
    f"{YEAR}-13-01",
    f"{YEAR}-00-10",
    f"15/03/{YEAR}",  # day first or month first: ambiguous
    f"03/15/{YEAR}",
    f"{YEAR}-03",
    f"{YEAR}031",
    f"{YEAR}-03-15-01",
    f"15 Marchember {YEAR}",
    "0001-01-01",
    f"{YEAR}-03-15 09:00",
    "9" * 200,
    "\x00",
]


@pytest.mark.parametrize("text", GOOD)
def test_common_ways_of_writing_a_date_are_read(text):
    assert parse_date(text) == EXPECTED


@pytest.mark.parametrize("text", BAD)
def test_what_is_not_a_date_is_not_read(text):
    assert parse_date(text) is None


def test_a_leap_day_only_in_a_leap_year():
    assert parse_date("2028-02-29") == datetime.date(2028, 2, 29)
    assert parse_date("2027-02-29") is None


class _Form(forms.Form):
    starts_on = DateTextField(label="Start date")
    ends_on = DateTextField(label="End date", required=False)
    custom = DateTextField(
        label="Meeting day",
        required=False,
        error_messages={"required": "Type the day.", "invalid": "Not a day."},
    )


def test_the_field_cleans_to_a_date_and_renders_year_month_day():
    form = _Form({"starts_on": f"{YEAR}年3月15日", "ends_on": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "starts_on": EXPECTED,
        "ends_on": None,
        "custom": None,
    }
    html = str(_Form(initial={"starts_on": EXPECTED})["starts_on"])
    assert f'value="{EXPECTED.isoformat()}"' in html


def test_the_widget_is_one_text_box_with_its_hint_linked():
    form = _Form()
    html = str(form["starts_on"])
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'autocomplete="off"' in html
    assert 'spellcheck="false"' in html
    assert "inputmode" not in html  # 年, 月, 日 and month names need letters
    assert 'aria-describedby="id_starts_on_helptext"' in html
    rendered = form.as_div()
    assert 'id="id_starts_on_helptext"' in rendered
    with translation.override("en"):
        assert "for example 2027-03-15" in str(form["starts_on"].help_text)


def test_errors_name_the_field_and_keep_what_was_typed():
    with translation.override("en"):
        form = _Form({"starts_on": "15/03/2027", "ends_on": "soon"})
        assert not form.is_valid()
        assert form.errors["starts_on"] == [DATE_INVALID % {"label": "Start date"}]
        assert form.errors["ends_on"] == [DATE_INVALID % {"label": "End date"}]
        assert "“Start date”" in form.errors["starts_on"][0]
        assert 'value="15/03/2027"' in str(form["starts_on"])
        assert _Form({}).errors["starts_on"] == [
            DATE_REQUIRED % {"label": "Start date"}
        ]


def test_a_form_can_give_its_own_messages():
    form = _Form({"starts_on": f"{YEAR}-03-15", "custom": "x"})
    assert form.errors["custom"] == ["Not a day."]
    field = DateTextField(label="Day", error_messages={"required": "Type the day."})
    with pytest.raises(forms.ValidationError) as error:
        field.clean("")
    assert error.value.messages == ["Type the day."]


def test_has_changed_compares_dates():
    field = DateTextField(required=False)
    assert not field.has_changed(EXPECTED, f"{YEAR}/3/15")
    assert field.has_changed(EXPECTED, f"{YEAR}/3/16")
    assert field.has_changed(EXPECTED, "nonsense")
    assert not field.has_changed(None, "")


def test_the_widget_shows_a_date_as_year_month_day():
    assert DateTextInput().format_value(EXPECTED) == EXPECTED.isoformat()
    assert DateTextInput().format_value("typed") == "typed"


# Every form of ours ---------------------------------------------------------

PACKAGES = ["accounts", "training", "federation", "careers", "courses", "home"]


def _our_form_classes():
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        modules = [package_name]
        if hasattr(package, "__path__"):
            for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
                if ".migrations" in info.name or ".tests" in info.name:
                    continue
                if info.name.split(".")[1] in (
                    "forms",
                    "filters",
                ) or info.name.endswith(".forms"):
                    modules.append(info.name)
        for name in modules:
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                    yield cls


def _declared_fields(cls):
    return getattr(cls, "base_fields", {})


def test_no_form_of_ours_has_a_date_field_of_another_kind():
    checked = 0
    offenders = []
    for cls in _our_form_classes():
        for name, field in _declared_fields(cls).items():
            checked += 1
            if isinstance(field, forms.DateField | forms.DateTimeField) or isinstance(
                field.widget, forms.DateInput | forms.SelectDateWidget
            ):
                offenders.append(f"{cls.__module__}.{cls.__name__}.{name}")
            if field.widget.attrs.get("type") == "date":
                offenders.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert checked > 50
    assert offenders == []


def test_the_forms_with_dates_use_the_date_text_field():
    from federation.forms.audit import AuditFilterForm
    from federation.forms.dashboard import DashboardFilterForm
    from federation.forms.reconciliation import PeriodCreateForm
    from training.forms.sessions import DuplicateForm, MeetingForm, SessionForm
    from training.forms.teach import OutcomeForm

    expected = {
        DashboardFilterForm: ["date_from", "date_to"],
        PeriodCreateForm: ["starts_on", "ends_on"],
        SessionForm: [
            "starts_on",
            "ends_on",
            "enrolment_opens_on",
            "enrolment_closes_on",
        ],
        MeetingForm: ["day"],
        DuplicateForm: ["starts_on"],
        OutcomeForm: ["recorded_on"],
    }
    for cls, names in expected.items():
        for name in names:
            assert isinstance(cls.base_fields[name], DateTextField), (cls, name)
    audit_dates = [
        name
        for name, field in AuditFilterForm.base_fields.items()
        if isinstance(field, DateTextField)
    ]
    assert len(audit_dates) == 2


def test_the_dashboard_filter_still_reads_iso_dates_from_links():
    from federation.forms.dashboard import DashboardFilterForm

    form = DashboardFilterForm(
        {"date_from": "2026-01-01", "date_to": "2026-12-31"}, bases=[], courses=[]
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_from"] == datetime.date(2026, 1, 1)
    assert form.cleaned_data["date_to"] == datetime.date(2026, 12, 31)


def test_a_date_that_was_read_is_shown_back_as_year_month_day():
    form = _Form({"starts_on": f"{YEAR}年3月15日", "ends_on": "soon"})
    assert f'value="{EXPECTED.isoformat()}"' in str(form["starts_on"])
    assert 'value="soon"' in str(form["ends_on"])
