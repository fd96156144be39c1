"""The trend of an indicator as the geometry of a server-side SVG line chart.

Only shown (suppressed) figures are drawn: a month whose figure is hidden has no point and
breaks the line, and gets a small open mark on the axis with its text ("<10") as its title.
The template (monitoring/dashboard_part_chart.html) draws it with localisation off for the
coordinates; the table beside the chart has the same figures.
"""

from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 14, 34
LINE_COLOUR = "#1f6f8b"


def _nice_top(high: Decimal) -> Decimal:
    """A round top for the y axis (1, 2, 2.5 or 5 times a power of ten) at or above `high`."""
    if high <= 0:
        return Decimal(10)
    magnitude = Decimal(1)
    while magnitude * 10 <= high:
        magnitude *= 10
    while magnitude > high:
        magnitude /= 10
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if magnitude * factor >= high:
            return magnitude * factor
    return magnitude * 10  # pragma: no cover - the loop ends at 10


def _tick_label(value: Decimal, unit: str) -> str:
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text}%" if unit == "%" else text


def trend_chart(points, *, title: str, unit: str = "", code: str = "") -> dict:
    """Geometry of the chart of `points` (TrendPoints: a month and its Shown figure)."""
    numbers = [Decimal(str(p.shown.number)) for p in points if p.shown.number is not None]
    top = Decimal(100) if unit == "%" else _nice_top(max(numbers, default=Decimal(0)))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(points), 1)
    base = TOP + plot_height

    def y(value: Decimal) -> float:
        return round(TOP + float((top - value) / top) * plot_height, 1)

    marks, hidden, segments, segment = [], [], [], []
    for index, point in enumerate(points):
        x = round(LEFT + step * (index + 0.5), 1)
        label = point.period.label
        if point.shown.number is None:
            if segment:
                segments.append(segment)
            segment = []
            hidden.append(
                {"x": round(x - 4, 1), "y": base - 4, "title": f"{label}: {point.shown.text}"}
            )
        else:
            point_y = y(Decimal(str(point.shown.number)))
            segment.append(f"{x},{point_y}")
            marks.append({"x": x, "y": point_y, "title": f"{label}: {point.shown.text}"})
    if segment:
        segments.append(segment)
    ticks = [
        {"y": y(top * Decimal(part) / 4), "label": _tick_label(top * Decimal(part) / 4, unit)}
        for part in range(5)
    ]
    months = [
        {
            "x": round(LEFT + step * (index + 0.5), 1),
            "label": date_format(point.period.first, "b"),
        }
        for index, point in enumerate(points)
    ]
    first, last = (points[0].period, points[-1].period) if points else (None, None)
    return {
        "id": f"trend-{code}" if code else "trend",
        "title": _("%(title)s per maand") % {"title": title},
        "description": (
            _(
                "Lijn per maand van %(first)s tot en met %(last)s. Een maand met een verborgen "
                "aantal (onder de 10) heeft geen punt. De tabel ernaast heeft dezelfde cijfers."
            )
            % {"first": first.label if first else "", "last": last.label if last else ""}
        ),
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "base": base,
        "label_y": base + 20,
        "ticks": ticks,
        "months": months,
        "lines": [" ".join(segment) for segment in segments if len(segment) > 1],
        "marks": marks,
        "hidden": hidden,
        "colour": LINE_COLOUR,
    }
