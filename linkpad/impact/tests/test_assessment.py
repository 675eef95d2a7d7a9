"""The impact assessment draft: effects by SIMD quintile, age band and sex, and the headings to complete."""

import pytest
from pypdf import PdfReader

from linkpad.impact import analysis, report, scenarios

TOY = """
[study]
title = "Toy"
practices = 10
[[option]]
name = "Keep"
fte = 10
[[option]]
name = "Cut"
fte = 5
"""
SHARES = """
[equality]
source = "Our audit of 2025"
[equality.sex]
Female = 0.75
Male = 0.25
[equality.simd_quintile]
"1 (most deprived)" = 0.5
"2" = 0.3
hidden = ["3", "4"]
"""


def _run(text):
    return analysis.run(scenarios.parse(text), iterations=50, seed=3)


def test_effects_are_shared_out_by_each_groups_share():
    results = _run(TOY + SHARES)
    cut = results["breakdown"][0]
    sex = next(d for d in results["equality"]["dimensions"] if d["key"] == "sex")
    female = next(g for g in sex["groups"] if g["group"] == "Female")
    assert female["effects"]["Cut"]["linked_change_per_year"] == pytest.approx(
        0.75 * cut["linked_change_per_year"]
    )
    assert female["effects"]["Cut"]["qalys_change"] == pytest.approx(0.75 * cut["qalys_change"])
    assert cut["linked_change_per_year"] < 0  # halving the posts links fewer people
    simd = next(d for d in results["equality"]["dimensions"] if d["key"] == "simd_quintile")
    assert [(g["group"], g["share"]) for g in simd["groups"]][-2:] == [("3", None), ("4", None)]
    assert (
        results["equality"]["from_service"] is False and results["equality"]["source"] == "Our audit of 2025"
    )


def test_without_shares_there_is_no_breakdown_and_the_report_says_so(tmp_path):
    results = _run(TOY)
    assert results["equality"] is None
    html = report.render_html(results)
    assert "No breakdown by group" in html and "Fairer Scotland Duty" in html


def test_the_report_has_the_headings_tables_and_prompts(tmp_path):
    paths = report.write_all(_run(TOY + SHARES), tmp_path)
    html = paths["report.html"].read_text()
    for heading in (
        "Impact assessment draft (EQIA, Fairer Scotland Duty, HIIA)",
        "4. Impact on each protected characteristic",
        "6. Fairer Scotland Duty",
        "7. Health inequalities (HIIA)",
        "10. Sign-off and publication",
    ):
        assert heading in html
    assert html.count("To be completed by") >= 9
    assert "<h4>SIMD quintile</h4>" in html and "<td>1 (most deprived)</td>" in html
    assert "Our audit of 2025" in html and "the scenario&#39;s stated assumptions" in html
    text = "".join(page.extract_text() for page in PdfReader(paths["report.pdf"]).pages)
    assert "Health inequalities (HIIA)" in text and "Pregnancy and maternity" in text
