"""Inline SVG charts for the impact report (each is shown beside a table holding the same data)."""

from __future__ import annotations

from markupsafe import Markup, escape

COLOURS = ("#005eb8", "#d5281b", "#007f3b", "#ffb81c", "#330072", "#768692")
W, H, PAD = 640, 300, 56


def _scale(values, low_px, high_px, *, include_zero=True):
    low, high = min(values), max(values)
    if include_zero:
        low, high = min(low, 0), max(high, 0)
    if high == low:
        high = low + 1
    return lambda v: low_px + (v - low) * (high_px - low_px) / (high - low)


def _svg(body: str, label: str) -> Markup:
    # Safe: every text label in `body` passed through escape(); the rest are numbers we formatted.
    return Markup(  # noqa: S704
        f'<svg viewBox="0 0 {W} {H}" width="100%" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="Liberation Sans, Arial, sans-serif" font-size="11">'
        f"{body}</svg>"
    )


def ce_plane(points: dict[str, list[list[float]]]) -> Markup:
    """Scatter of incremental QALYs (x) against incremental cost (y) per option, axes through zero."""
    xs = [p[0] for pts in points.values() for p in pts] or [0]
    ys = [p[1] for pts in points.values() for p in pts] or [0]
    x, y = _scale(xs, PAD, W - 10), _scale(ys, H - 30, 24)
    body = [
        f'<line x1="{x(0):.1f}" y1="10" x2="{x(0):.1f}" y2="{H - 30}" stroke="#4c6272"/>',
        f'<line x1="{PAD}" y1="{y(0):.1f}" x2="{W - 10}" y2="{y(0):.1f}" stroke="#4c6272"/>',
        f'<text x="{W - 10}" y="{H - 8}" text-anchor="end">Change in QALYs</text>',
        '<text x="4" y="14">Change in cost (£m)</text>',
        f'<text x="4" y="{y(max(ys)) + 4:.1f}">{max(ys) / 1e6:.1f}</text>',
        f'<text x="4" y="{y(min(ys)):.1f}">{min(ys) / 1e6:.1f}</text>',
    ]
    for i, pts in enumerate(points.values()):
        colour = COLOURS[i % len(COLOURS)]
        body += [
            f'<circle cx="{x(q):.1f}" cy="{y(c):.1f}" r="1.6" fill="{colour}" fill-opacity="0.5"/>'
            for q, c in pts
        ]
    return _svg("".join(body), "Cost-effectiveness plane: each dot is one draw of the parameters")


def ceac(thresholds: list[int], options: dict[str, list[float]]) -> Markup:
    """Acceptability curves: share of draws in which each option has the highest net benefit."""
    x, y = _scale(thresholds, PAD, W - 10), _scale([0, 1], H - 30, 10)
    body = [
        f'<line x1="{PAD}" y1="{H - 30}" x2="{W - 10}" y2="{H - 30}" stroke="#4c6272"/>',
        f'<line x1="{PAD}" y1="10" x2="{PAD}" y2="{H - 30}" stroke="#4c6272"/>',
        f'<text x="{W - 10}" y="{H - 8}" text-anchor="end">£ per QALY</text>',
        f'<text x="{PAD - 4}" y="14" text-anchor="end">1</text><text x="{PAD - 4}" y="{H - 30}" text-anchor="end">0</text>',
    ]
    for k in thresholds[::4]:
        body.append(f'<text x="{x(k):.1f}" y="{H - 16}" text-anchor="middle">{k // 1000}k</text>')
    for i, shares in enumerate(options.values()):
        path = " ".join(f"{x(k):.1f},{y(s):.1f}" for k, s in zip(thresholds, shares, strict=True))
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{COLOURS[i % len(COLOURS)]}" stroke-width="2"/>'
        )
    return _svg("".join(body), "Cost-effectiveness acceptability curves")


def tornado(base: float, swings: list[dict], labels: dict[str, str], top: int = 8) -> Markup:
    """Bars from the outcome at each parameter's low to its high, widest first."""
    rows = swings[:top]
    values = [base] + [s["outcome_low"] for s in rows] + [s["outcome_high"] for s in rows]
    left = 230
    x = _scale(values, left, W - 10)
    step = (H - 30) / max(len(rows), 1)
    body = [f'<line x1="{x(base):.1f}" y1="0" x2="{x(base):.1f}" y2="{H - 24}" stroke="#212b32"/>']
    for i, s in enumerate(rows):
        top_y = i * step + 4
        a, b = sorted((x(s["outcome_low"]), x(s["outcome_high"])))
        name = escape(labels.get(s["parameter"], s["parameter"]))[:40]
        body.append(f'<text x="{left - 6}" y="{top_y + step / 2 + 3:.1f}" text-anchor="end">{name}</text>')
        body.append(
            f'<rect x="{a:.1f}" y="{top_y:.1f}" width="{max(b - a, 1):.1f}" height="{step * 0.7:.1f}" fill="#005eb8"/>'
        )
    body.append(f'<text x="{W - 10}" y="{H - 8}" text-anchor="end">Incremental net monetary benefit</text>')
    return _svg("".join(body), "Tornado diagram: one-way sensitivity of net monetary benefit")
