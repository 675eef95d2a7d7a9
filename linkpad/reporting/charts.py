"""Server-drawn SVG charts of a table's suppressed counts, each with a title and a description.

A chart only ever draws what its table shows: a hidden count gets no bar, and the suppression mark
where its number would be. The table beside it is the accessible version of the same data.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .disclosure import MARK
from .tables import Table

BAR, TEXT, MUTED = "#005eb8", "#212b32", "#4c6272"
WIDTH, LABEL_WIDTH, ROW, TOP = 640, 210, 22, 8


def bar_chart(table: Table, *, chart_id: str | None = None) -> Markup:
    """Horizontal bars, one per row of the table (totals left out), of its chart column."""
    chart_id = chart_id or f"chart-{table.slug}"
    rows = [(row.label, row.values[table.chart_column]) for row in table.body]
    biggest = max([value for _, value in rows if value] or [1])
    span = WIDTH - LABEL_WIDTH - 60
    height = TOP * 2 + ROW * max(len(rows), 1)
    parts = []
    for index, (label, value) in enumerate(rows):
        y = TOP + index * ROW
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" fill="{TEXT}">{escape(label[:34])}</text>'
        )
        if value is None:
            parts.append(f'<text x="{LABEL_WIDTH + 4}" y="{y + 15}" fill="{MUTED}">{MARK}</text>')
            continue
        length = span * value / biggest
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{ROW - 6}" fill="{BAR}"/>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 15}" fill="{TEXT}">{value:,}</text>'
        )
    column = table.columns[table.chart_column].label
    description = (
        f"Bar chart of {column.lower()} for each {table.row_label.lower()}. The same numbers are in the "
        "table that follows. A bar marked * is not drawn because its number is fewer than 5 or would "
        "let one be worked out."
    )
    # Safe: labels went through escape(); everything else is numbers formatted here.
    return Markup(  # noqa: S704
        f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{chart_id}-title '
        f'{chart_id}-desc" xmlns="http://www.w3.org/2000/svg" font-family="Arial, sans-serif" font-size="12">'
        f'<title id="{chart_id}-title">{escape(table.title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{"".join(parts)}</svg>'
    )


def neighbourhood_map(points: list[dict], *, chart_id: str = "gaps-map") -> Markup:
    """Neighbourhoods as circles at their centres (no map tiles), sized and shaded by the shown number
    of needs with no assured support nearby. `points`: name, latitude, longitude, gaps (int or None)."""
    if not points:
        return Markup("")
    lats = [p["latitude"] for p in points]
    lons = [p["longitude"] for p in points]
    lat_low, lat_high = min(lats), max(lats) or 1
    lon_low, lon_high = min(lons), max(lons)
    width, height, pad = WIDTH, 420, 60
    lat_span, lon_span = (lat_high - lat_low) or 0.01, (lon_high - lon_low) or 0.01
    biggest = max([p["gaps"] for p in points if p["gaps"]] or [1])
    parts = []
    for point in points:
        x = pad + (point["longitude"] - lon_low) / lon_span * (width - 2 * pad)
        y = height - pad - (point["latitude"] - lat_low) / lat_span * (height - 2 * pad)
        gaps = point["gaps"]
        radius = 6 if not gaps else 6 + 18 * gaps / biggest
        fill = MUTED if gaps is None else ("#007f3b" if gaps == 0 else "#d5281b")
        number = MARK if gaps is None else f"{gaps:,}"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{fill}" fill-opacity="0.6"/>'
            f'<text x="{x:.1f}" y="{y - radius - 3:.1f}" text-anchor="middle" fill="{TEXT}">'
            f"{escape(point['name'][:28])}: {number}</text>"
        )
    description = (
        "Each circle is a neighbourhood, placed by its centre, north at the top. Red circles are sized by the "
        "number of needs with no assured support nearby; green means support was found for every need; grey "
        "marked * means the number is hidden. The same numbers are in the table that follows."
    )
    return Markup(  # noqa: S704
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="{chart_id}-title '
        f'{chart_id}-desc" xmlns="http://www.w3.org/2000/svg" font-family="Arial, sans-serif" font-size="11">'
        f'<title id="{chart_id}-title">Needs with no assured support nearby, by neighbourhood</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{"".join(parts)}</svg>'
    )
