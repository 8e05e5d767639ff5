from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import DisabilityCategory, TrainingBase
from courses.choices import DeliveryMode, SkillArea


def _with_any(choices) -> list[tuple[str, str]]:
    return [("", _("Any")), *choices]


class CatalogueFilterForm(forms.Form):
    """The catalogue's GET form: every field optional, nothing needs JavaScript."""

    q = forms.CharField(
        label=_("Search courses"),
        required=False,
        max_length=100,
        help_text=_("A word from the title or description, such as “直播” or “video”."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = forms.ChoiceField(
        label=_("Designed for"),
        required=False,
        choices=_with_any(DisabilityCategory.choices),
    )
    skill = forms.ChoiceField(
        label=_("Skill area"), required=False, choices=_with_any(SkillArea.choices)
    )
    base = forms.ModelChoiceField(
        label=_("Training base"),
        required=False,
        queryset=TrainingBase.objects.none(),
        empty_label=_("Any"),
        to_field_name="pk",
    )
    mode = forms.ChoiceField(
        label=_("How it is taught"),
        required=False,
        choices=_with_any(DeliveryMode.choices),
    )

    def __init__(self, *args, bases=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bases is not None:
            self.fields["base"].queryset = bases

    @property
    def active_filters(self) -> list[tuple[str, str]]:
        """(label, value shown) for each filter in use, after validation."""
        if not self.is_valid():
            return []
        active = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if not value:
                continue
            if isinstance(field, forms.ModelChoiceField):
                shown = value.display_name
            elif isinstance(field, forms.ChoiceField):
                shown = dict(field.choices).get(value, value)
            else:
                shown = value
            active.append((field.label, shown))
        return active
