"""The dashboard's bar charts: the labels and bars built by the chart_bars
tag are the SVG the template loop it replaced drew (compared with its text
below), for counts, rates, suppressed and zero figures, in both languages."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from federation.reports.charts import chart
from federation.suppression import Cell, Rate

# templates/federation/_chart.html's loop before the chart_bars tag.
LOOP = (
    "{% load lang_tags %}{% for row in chart.rows %}"
    '<text class="chart__label"{% langattr row.bar.text %} x="0" '
    "y=\"{{ row.text_y|stringformat:'s' }}em\">{{ row.bar.text }}</text>"
    "{% if row.bar.percent is not None %}"
    '<rect class="chart__bar" x="1" y="{{ row.bar_y|stringformat:\'s\' }}em" '
    "width=\"{% if row.bar.percent %}{{ row.bar.percent|stringformat:'s' }}%"
    '{% else %}2{% endif %}" height="1.1em" '
    'fill="url(#chart-{{ chart.slug }}-hatch)"></rect>{% endif %}{% endfor %}'
)


def _tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_chart_bars_are_the_loop_they_replaced(language):
    with translation.override(language):
        counts = chart(
            "bases",
            "Trainees by base",
            [
                ("渝中基地", Cell(40)),
                ("Online <base> & co", Cell(3)),
                ("沙坪坝", Cell(0)),
                ("Jiangbei", Cell(12)),
            ],
        )
        rates = chart(
            "rates",
            "Completion rate",
            [
                ("渝中基地", Rate(Cell(20), Cell(40))),
                ("Jiangbei", Rate(Cell(0), Cell(10))),
                ("沙坪坝", Rate(Cell(2), Cell(0))),
            ],
        )
        for drawn in (counts, rates):
            context = Context({"chart": drawn})
            old = Template(LOOP).render(context)
            new = Template("{% load federation_tags %}{% chart_bars chart %}").render(
                context
            )
            assert _tags(new) == _tags(old)
            assert "<rect" in new
        assert "&lt;base&gt; &amp; co" in Template(
            "{% load federation_tags %}{% chart_bars chart %}"
        ).render(Context({"chart": counts}))
