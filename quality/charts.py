"""Server-rendered bar charts for the report: geometry only, the template draws the SVG.

Each row gets two bars: the period (solid, in the text colour) and the period before (an outline
in the text colour on the background). The difference is a fill pattern, not a colour, and both
colours are the theme's own (``currentColor`` / CSS variables), so the chart reads the same in
every low-vision scheme and in forced colours. Suppressed values get no bar, only their text.
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WIDTH = 640
LABEL_HEIGHT = 20
BAR_HEIGHT = 16
BAR_GAP = 4
ROW_GAP = 14
TOP = 34  # room for the legend
VALUE_ROOM = 90  # right of the longest bar, for its value
LEFT = 4


@dataclass
class Bar:
    y: int
    width: int
    text: str
    text_x: int


@dataclass
class ChartRow:
    label: str
    label_y: int
    current: Bar
    previous: Bar


@dataclass
class Chart:
    title_id: str
    desc_id: str
    title: str
    desc: str
    height: int
    width: int = WIDTH
    rows: list = field(default_factory=list)
    legend_current: str = ""
    legend_previous: str = ""


def bar_chart(table, current_label, previous_label):
    """A chart of a breakdown table's rows (its "total" row left out)."""
    rows = [r for r in table.rows if r.key != "total"]
    values = [c.value for r in rows for c in (r.current, r.previous) if c.value is not None]
    top_value = max(values, default=0) or 1
    span = WIDTH - LEFT - VALUE_ROOM
    chart = Chart(
        title_id=f"chart-{table.key}-title", desc_id=f"chart-{table.key}-desc", title=table.caption,
        desc="; ".join(_("%(label)s: %(current)s, в предыдущем периоде %(previous)s")
                       % {"label": r.label, "current": r.current.text, "previous": r.previous.text} for r in rows),
        height=TOP + len(rows) * (LABEL_HEIGHT + 2 * BAR_HEIGHT + BAR_GAP + ROW_GAP),
        legend_current=current_label, legend_previous=previous_label,
    )
    y = TOP
    for r in rows:
        label_y = y + LABEL_HEIGHT - 6
        bars = []
        for offset, cell in ((LABEL_HEIGHT, r.current), (LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP, r.previous)):
            width = round(span * cell.value / top_value) if cell.value else 0
            bars.append(Bar(y=y + offset, width=width, text=cell.text, text_x=LEFT + width + 6))
        chart.rows.append(ChartRow(label=r.label, label_y=label_y, current=bars[0], previous=bars[1]))
        y += LABEL_HEIGHT + 2 * BAR_HEIGHT + BAR_GAP + ROW_GAP
    return chart
