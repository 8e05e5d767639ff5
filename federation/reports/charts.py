"""Bar charts of published figures (never raw counts): where each bar and label goes, and a
summary in words for people who do not see the chart."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from federation.suppression import Cell, Rate


@dataclass
class Bar:
    text: str
    percent: float | None  # bar length, 0–100, from published values; None: none


@dataclass
class Chart:
    slug: str
    title: str
    summary: str
    bars: list[Bar]

    @property
    def height_em(self) -> float:
        return round(len(self.bars) * 3.2 + 0.4, 1)

    def rows(self) -> list[dict]:
        """Where each label and bar goes, in em from the top."""
        return [
            {
                "bar": bar,
                "text_y": round(index * 3.2 + 1.1, 1),
                "bar_y": round(index * 3.2 + 1.5, 1),
            }
            for index, bar in enumerate(self.bars)
        ]


def _bars(items: list[tuple[str, Cell | Rate]]) -> list[Bar]:
    counts = [v.value for _l, v in items if isinstance(v, Cell) and not v.suppressed]
    top = max(counts, default=0) or 1
    bars = []
    for label, value in items:
        if value.suppressed:
            percent = None
        elif isinstance(value, Rate):
            percent = value.percent  # None when there is nothing to divide by
        else:
            percent = round(100 * value.value / top, 1)
        bars.append(
            Bar(
                text=_("%(value)s · %(label)s") % {"value": value, "label": label},
                percent=percent,
            )
        )
    return bars


def _size(value: Cell | Rate):
    if value.suppressed:
        return None
    return value.percent if isinstance(value, Rate) else value.value


def chart(slug: str, title: str, items: list[tuple[str, Cell | Rate]]) -> Chart:
    """A bar chart of labelled figures, with a summary in words."""
    visible = [(label, v) for label, v in items if _size(v) is not None]
    hidden = len(items) - len(visible)
    rates = any(isinstance(v, Rate) for _l, v in items)
    parts = [
        _("Bars show each percentage out of 100%.")
        if rates
        else _("Bars are drawn to scale against the largest figure.")
    ]
    if visible:
        high = max(visible, key=lambda item: _size(item[1]))
        low = min(visible, key=lambda item: _size(item[1]))
        parts.append(
            _("Highest: %(label)s, %(value)s. Lowest: %(low_label)s, %(low_value)s.")
            % {
                "label": high[0],
                "value": high[1],
                "low_label": low[0],
                "low_value": low[1],
            }
        )
    if hidden:
        parts.append(
            _("%(count)s not drawn: fewer than 5, or no rate.") % {"count": hidden}
        )
    parts.append(_("The table gives every figure."))
    return Chart(slug=slug, title=title, summary=" ".join(parts), bars=_bars(items))
