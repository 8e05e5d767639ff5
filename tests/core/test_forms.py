"""The form renderer builds selects in Python (core.forms.select_html): the
HTML must be exactly what Django's select.html and our select_option.html
give, for every kind of select."""

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import translation
from django.utils.safestring import mark_safe

from core.forms import SELECT_TEMPLATE, AccessibleFormRenderer


class _Form(forms.Form):
    plain = forms.ChoiceField(choices=[("", "All"), ("a", "Alpha"), ("b", "Beta")])
    optional = forms.TypedChoiceField(
        choices=[("", "所有"), (1, "重庆"), (2, 'Fish & "chips" <b>')],
        coerce=int,
        required=False,
    )
    grouped = forms.ChoiceField(
        choices=[
            ("", "None"),
            ("Fruit", [("apple", "Apple"), ("pear", "梨")]),
            ("Veg", [("leek", "Leek")]),
        ]
    )
    several = forms.MultipleChoiceField(
        choices=[("x", "X ray"), ("y", "Yankee"), ("z", "祖鲁")],
        required=False,
    )
    safe = forms.ChoiceField(
        choices=[("s", mark_safe("<em>Safe</em> label"))],
        widget=forms.Select(attrs={"disabled": True, "data-x": False, "class": "c"}),
    )


def _both(bound) -> tuple[str, str]:
    """The field's widget as the renderer gives it, and as the templates
    alone would."""
    renderer = AccessibleFormRenderer()
    widget = bound.field.widget
    context = widget.get_context(
        bound.html_name,
        bound.value(),
        bound.build_widget_attrs({}) | {"id": bound.auto_id},
    )
    fast = renderer.render(widget.template_name, context)
    slow = super(AccessibleFormRenderer, renderer).render(widget.template_name, context)
    return fast, slow


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"plain": "b", "optional": "2", "grouped": "pear", "several": ["x", "z"]},
        {"plain": "nope", "optional": "x", "several": ["q"]},
    ],
)
def test_selects_are_the_templates_html(language, data):
    form = _Form(data or None)
    form.is_valid()
    with translation.override(language):
        for name in form.fields:
            bound = form[name]
            assert bound.field.widget.template_name == SELECT_TEMPLATE
            fast, slow = _both(bound)
            assert fast == slow, name


def test_the_fast_way_is_taken_and_marks_language_and_escapes():
    form = _Form({"plain": "a", "optional": "2", "several": ["x"]})
    form.is_valid()
    with translation.override("en"):
        html = str(form["optional"])
        assert form["optional"].field.widget.template_name == SELECT_TEMPLATE
        assert '<option value="1" lang="zh-Hans">重庆</option>' in html
        assert (
            '<option value="2" selected>Fish &amp; &quot;chips&quot; &lt;b&gt;</option>'
            in html
        )
        assert "<select multiple" not in str(form["several"])
        assert ' id="id_several" multiple>' in str(form["several"])
        safe = str(form["safe"])
        assert "<em>Safe</em> label" in safe and " disabled" in safe
        assert "data-x" not in safe


@pytest.fixture
def template_calls(monkeypatch) -> list[str]:
    """The templates the renderer hands to the template engine."""
    calls = []
    original = TemplatesSetting.render

    def spy(self, template_name, context, request=None):
        calls.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(TemplatesSetting, "render", spy)
    return calls


def test_a_select_takes_no_template(template_calls):
    context = forms.Select(choices=[("a", "A")]).get_context("f", "a", {"id": "p"})
    html = AccessibleFormRenderer().render(SELECT_TEMPLATE, context)
    assert html.startswith('<select name="f" id="p">')
    assert template_calls == []


def test_a_custom_option_template_keeps_the_templates(template_calls):
    """A widget whose options use another template is left to the
    templates."""

    class Other(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    context = Other(choices=[("a", "A")]).get_context("f", "a", {"id": "f"})
    AccessibleFormRenderer().render(SELECT_TEMPLATE, context)
    assert template_calls == [SELECT_TEMPLATE]
