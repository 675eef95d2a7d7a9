"""Write a run's results.json, report.html and report.pdf, each atomically (temp file + os.replace)."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from linkpad.core.files import write_atomically
from linkpad.core.pdf import html_to_pdf
from linkpad.impact import charts
from linkpad.impact.model.psa import Distribution

TEMPLATE = "impact/print/report.jinja"


def write_all(results: dict, out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: out_dir / name for name in ("results.json", "report.html", "report.pdf")}
    write_atomically(paths["results.json"], json.dumps(results, indent=2, ensure_ascii=False).encode())
    write_atomically(paths["report.html"], render_html(results).encode())
    write_atomically(paths["report.pdf"], render_pdf(results))
    return paths


def render_html(results: dict) -> str:
    """The report as one self-contained HTML file (the print styles inlined)."""
    css = Path(finders.find("linkpad/print.css")).read_text(encoding="utf-8")
    return render_to_string(TEMPLATE, {**report_context(results), "inline_css": css})


def render_pdf(results: dict) -> bytes:
    return html_to_pdf(render_to_string(TEMPLATE, report_context(results)))


def report_context(results: dict) -> dict:
    labels = {p["name"]: p["label"] for p in results["parameters"]}
    first = next(iter(results["tornado"]), None)
    return {
        "r": results,
        "labels": labels,
        "colours": charts.COLOURS,
        "ce_plane_svg": charts.ce_plane(results["ce_plane"]),
        "ceac_svg": charts.ceac(results["ceac"]["thresholds"], results["ceac"]["options"]),
        "tornado_name": first,
        "tornado_svg": charts.tornado(
            results["tornado"][first]["base"], results["tornado"][first]["swings"], labels
        )
        if first
        else "",
        "quadrant": {
            c["scenario"]: quadrant(c["delta_cost"], c["delta_qalys"]) for c in results["comparisons"]
        },
        "describe": describe,
        "money": money,
        "num": num,
    }


def money(value: float | None) -> str:
    """Pounds, rounded, with a sign for savings.

    >>> money(-6350421.7), money(1234.5), money(None)
    ('-£6,350,422', '£1,234', 'n/a')
    """
    if value is None:
        return "n/a"
    return f"-£{-value:,.0f}" if value < 0 else f"£{value:,.0f}"


def num(value: float | None, places: int = 0) -> str:
    """A number with thousands separators.

    >>> num(1791.9), num(2.1056, 1)
    ('1,792', '2.1')
    """
    return "n/a" if value is None else f"{value:,.{places}f}"


def quadrant(delta_cost: float, delta_qalys: float) -> str:
    """Where an option sits on the cost-effectiveness plane, in words.

    >>> quadrant(-5, -1)
    'saves money, loses health'
    >>> quadrant(5, -1)
    'dominated: costs more and loses health'
    """
    if delta_cost <= 0 and delta_qalys >= 0:
        return "dominant: saves money and gains health"
    if delta_cost >= 0 and delta_qalys <= 0:
        return "dominated: costs more and loses health"
    return "saves money, loses health" if delta_cost < 0 else "costs more, gains health"


def describe(parameter: dict) -> str:
    """A distribution in words for the assumptions table.

    >>> describe({"distribution": "beta", "arguments": {"alpha": 130, "beta": 158}, "mean": 0.45})
    'Beta(alpha 130, beta 158); mean 0.45'
    """
    args = ", ".join(f"{k} {v:g}" for k, v in parameter["arguments"].items())
    kind = Distribution(parameter["distribution"], parameter["arguments"]).kind
    return f"{kind.capitalize()}({args}); mean {parameter['mean']:.4g}"
