"""Forms for setting up sessions. They parse input only; every rule about
what a session may hold is in training.services.sessions (`session_problems`),
whose messages the view puts beside the fields."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant

from accounts.models import TrainingBase
from core.forms import DateTextField
from courses.models import CoursePage, DeliveryMode
from training.models import TrainingSession
from training.services import sessions as rules

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]
BAD_TIME = _("Type the time as hours:minutes, for example 09:30 or 14:00.")
DATE_HINT = _("Year-month-day, for example 2027-03-15.")
TIME_HINT = _("Hours:minutes, 24-hour clock, for example 14:00.")
EXTRA_MEETINGS = 3


def _date_field(label, *, required=None, help_text=DATE_HINT):
    """`required` is the message shown when it is left blank; None: optional."""
    messages = {"required": required} if required else {}
    return DateTextField(
        label=label,
        required=bool(required),
        help_text=help_text,
        error_messages=messages,
    )


def _time_field(label, *, required):
    messages = {"required": required}
    return forms.TimeField(
        label=label,
        help_text=TIME_HINT,
        widget=forms.TimeInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6},
            format="%H:%M",
        ),
        input_formats=TIME_FORMATS,
        error_messages={"invalid": BAD_TIME, **messages},
    )


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CoursePage) -> str:
        return obj.title


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


def base_courses(base: TrainingBase, *, keep: CoursePage | None = None):
    """The base's live courses, once each (the original language's page when
    a course is translated); `keep` stays a choice even if unpublished since."""
    pages = (
        (
            CoursePage.objects.live().filter(base=base)
            | CoursePage.objects.filter(pk=keep.pk if keep else None)
        )
        .select_related("locale")
        .order_by("title", "pk")
    )
    # The default locale's code, read without a query (Locale.get_default
    # would run one on every session form).
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    chosen: dict = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or (
            page.locale.language_code == default
            and current.locale.language_code != default
        ):
            chosen[page.translation_key] = page
    return CoursePage.objects.filter(
        pk__in=[page.pk for page in chosen.values()]
    ).order_by("title", "pk")


class SessionForm(forms.Form):
    course = CourseChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.none(),
        empty_label=_("Choose a course"),
        error_messages={
            "required": _("Choose the course this session runs."),
            "invalid_choice": rules.COURSE_OTHER_BASE,
        },
    )
    name = forms.CharField(
        label=_("Name in Chinese"),
        max_length=200,
        help_text=_("For example, 电商摄影 2027 春季班."),
        error_messages={"required": _("Give the session a name in Chinese.")},
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        required=False,
        help_text=_("Shown on the English pages. Leave blank to use the Chinese name."),
    )
    starts_on = _date_field(
        _("First day"), required=_("Type the day the session starts.")
    )
    ends_on = _date_field(_("Last day"), required=_("Type the day the session ends."))
    venue = forms.CharField(label=_("Venue in Chinese"), max_length=255, required=False)
    venue_en = forms.CharField(
        label=_("Venue in English"), max_length=255, required=False
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=1000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Type how many places the session has."),
            "invalid": _("Type the number of places as a whole number, like 12."),
            "min_value": _("A session needs at least 1 place."),
            "max_value": _("Type at most 1000 places."),
        },
    )
    delivery_mode = forms.ChoiceField(
        label=_("How it is taught"),
        choices=DeliveryMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the session is taught.")},
    )
    instructors = StaffChoiceField(
        label=_("Instructors"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Staff of this base. They run the session's pages."),
        error_messages={
            "invalid_choice": _("Choose instructors from this base's staff."),
            "invalid_pk_value": _("Choose instructors from this base's staff."),
        },
    )
    enrolment_opens_on = _date_field(
        _("Enrolment opens on"),
        help_text=_("Year-month-day. Leave blank to open enrolment now."),
    )
    enrolment_closes_on = _date_field(
        _("Enrolment closes on"),
        help_text=_(
            "Year-month-day, on or before the first day. Leave blank to keep "
            "enrolment open."
        ),
    )
    approval_required = forms.BooleanField(
        label=_("Applications are reviewed"),
        required=False,
        help_text=_("If ticked, trainees apply and an instructor accepts them."),
    )
    support = forms.MultipleChoiceField(
        label=_("Support offered to everyone in the session"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (name, TrainingSession._meta.get_field(name).verbose_name)
            for name in TrainingSession.SUPPORT_FIELDS
        ],
    )

    def __init__(
        self,
        *args,
        base: TrainingBase,
        session: TrainingSession | None = None,
        **kwargs,
    ):
        if session is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(session)
        super().__init__(*args, **kwargs)
        self.base = base
        self.fields["course"].queryset = base_courses(
            base, keep=session.course if session is not None else None
        )
        self.fields["instructors"].queryset = rules.base_staff(base)
        self.fields["venue"].help_text = _(
            "Leave blank to meet at the base: %(address)s."
        ) % {"address": base.display_address}

    @staticmethod
    def initial_for(session: TrainingSession) -> dict:
        initial = {name: getattr(session, name) for name in rules.SESSION_FIELDS}
        initial["course"] = session.course_id
        initial["instructors"] = [person.pk for person in session.instructors.all()]
        initial["support"] = [
            name for name in TrainingSession.SUPPORT_FIELDS if getattr(session, name)
        ]
        return initial

    def session_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in rules.SESSION_FIELDS
            if name not in TrainingSession.SUPPORT_FIELDS
        }
        for name in TrainingSession.SUPPORT_FIELDS:
            fields[name] = name in data["support"]
        return fields


class MeetingForm(forms.Form):
    day = _date_field(_("Date"), required=_("Type the date of the meeting."))
    starts_at = _time_field(_("Starts at"), required=_("Type when the meeting starts."))
    ends_at = _time_field(_("Ends at"), required=_("Type when the meeting ends."))
    room = forms.CharField(label=_("Room in Chinese"), max_length=200, required=False)
    room_en = forms.CharField(
        label=_("Room in English"), max_length=200, required=False
    )
    online_link = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For an online meeting, the address to join it."),
        error_messages={
            "invalid": _(
                "Type a full web address, like https://meeting.example.cn/123."
            )
        },
    )


class BaseMeetingFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this meeting")

    def meetings(self) -> list[tuple[forms.Form, dict]]:
        """The meetings to keep, with the form each came from."""
        kept = []
        for index, form in enumerate(self.forms):
            if index >= self.initial_form_count() and not form.has_changed():
                continue  # a blank row
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            data = {name: form.cleaned_data.get(name) for name in rules.MEETING_FIELDS}
            kept.append((form, data))
        return kept


MeetingFormSet = forms.formset_factory(
    MeetingForm,
    formset=BaseMeetingFormSet,
    extra=EXTRA_MEETINGS,
    can_delete=True,
    max_num=200,
    absolute_max=200,
)


def meeting_formset(data=None, *, session: TrainingSession | None = None):
    initial = (
        [
            {name: getattr(m, name) for name in rules.MEETING_FIELDS}
            for m in session.meetings.all()
        ]
        if session is not None
        else []
    )
    return MeetingFormSet(data, initial=initial, prefix="meetings")


class BaseChoiceForm(forms.Form):
    base = forms.ModelChoiceField(
        label=_("Training base"),
        queryset=TrainingBase.objects.none(),
        empty_label=_("Choose a base"),
        error_messages={
            "required": _("Choose the base that runs the session."),
            "invalid_choice": _("Choose one of the bases you manage."),
        },
    )

    def __init__(self, *args, bases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].queryset = bases


class DuplicateForm(forms.Form):
    starts_on = _date_field(
        _("First day of the new session"),
        required=_("Type the day the new session starts."),
        help_text=_(
            "Year-month-day. The last day, the meetings and the enrolment dates "
            "move by the same number of days; you can change them next."
        ),
    )
    name = forms.CharField(label=_("Name in Chinese"), max_length=200, required=False)
    name_en = forms.CharField(
        label=_("Name in English"), max_length=200, required=False
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the session cancelled?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone with a place is told this reason."),
        error_messages={"required": rules.CANCEL_REASON_REQUIRED},
    )
