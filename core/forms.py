from django.forms.renderers import TemplatesSetting


class AccessibleFormRenderer(TemplatesSetting):
    """Renders every form with a visible label, a hint tied by aria-describedby
    and the error beside its field (templates/forms/)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
