"""The dashboard's filters: an ordinary GET form, so the URL holds the whole
view and an auditor can bookmark or share it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateTextField
from courses.models import DeliveryMode, SkillArea
from federation.selectors.counting import CATEGORY_CHOICES, Filters

FROM_AFTER_TO = _("The start of the period must be on or before its end.")


class DashboardFilterForm(forms.Form):
    date_from = DateTextField(
        label=_("Sessions starting on or after"),
        help_text=_("For example 2026-01-01. Leave empty for no limit."),
        required=False,
    )
    date_to = DateTextField(
        label=_("Sessions starting on or before"),
        help_text=_("For example 2026-12-31. Leave empty for no limit."),
        required=False,
    )
    base = forms.TypedChoiceField(
        label=_("Training base"), coerce=int, required=False, empty_value=None
    )
    course = forms.TypedChoiceField(
        label=_("Course"), coerce=int, required=False, empty_value=None
    )
    skill_area = forms.ChoiceField(
        label=_("Skill area"),
        choices=[("", _("All skill areas")), *SkillArea.choices],
        required=False,
    )
    delivery_mode = forms.ChoiceField(
        label=_("Delivery mode"),
        choices=[("", _("All delivery modes")), *DeliveryMode.choices],
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Disability category"),
        choices=[("", _("All categories")), *CATEGORY_CHOICES],
        required=False,
    )

    def __init__(self, *args, bases, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].choices = [("", _("All training bases")), *bases]
        self.fields["course"].choices = [("", _("All courses")), *courses]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", FROM_AFTER_TO)
        return data

    def filters(self) -> Filters:
        """The filters to apply: the valid ones (an invalid form shows its
        errors and the figures without the fields in error)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return Filters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            base=data.get("base"),
            course=data.get("course"),
            skill_area=data.get("skill_area") or "",
            delivery_mode=data.get("delivery_mode") or "",
            category=data.get("category") or "",
        )
