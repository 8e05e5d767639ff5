"""The base's decision on a placement the job platform reported."""

from django import forms
from django.utils.translation import gettext_lazy as _

CONFIRM = "confirm"
REJECT = "reject"


class PlacementDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(CONFIRM, _("Confirm the job")), (REJECT, _("Not confirmed"))],
    )
