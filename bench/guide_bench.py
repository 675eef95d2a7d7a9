"""How long an "at a glance" guide takes to make, as HTML and as PDF, on the demo directory.

    .venv/bin/python bench/guide_bench.py [--repeat 5] [--out FOLDER]

Loads the geography and the demo directory into a throwaway SQLite database (as search_demo does),
indexes it for search (the slow part: the demo's 307 services are embedded once), then makes each
demo practice's low mood guide and every concern's guide for the first practice. Prints the median of
--repeat runs for the search and HTML, and for the PDF (WeasyPrint), after one warm-up run that loads
fonts. With --out, writes the first practice's PDFs there to look at.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pypdf import PdfReader  # noqa: E402
from search_demo import REPO_ROOT, load_demo_directory, setup_django  # noqa: E402

PRACTICES = REPO_ROOT / "data" / "demo" / "practices.csv"
SITE_URL = "https://linkpad.example.scot"


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    temp = setup_django()
    print(load_demo_directory())
    from linkpad.directory.search.indexing import services_reindex
    from linkpad.guides.concerns import CONCERNS
    from linkpad.guides.documents import guide_html, guide_pdf
    from linkpad.guides.selectors import guide_build

    started = time.perf_counter()
    services_reindex()
    print(f"Indexed the demo directory for search in {time.perf_counter() - started:.1f} s (once)")
    with PRACTICES.open(encoding="utf-8") as handle:
        practices = list(csv.DictReader(handle))

    def build(postcode: str, concern: str, large_print: bool = False):
        return guide_build(site_url=SITE_URL, concern=concern, postcode=postcode, large_print=large_print)

    def make_html(postcode: str, concern: str, large_print: bool) -> str:
        return guide_html(build(postcode, concern, large_print))

    guide_pdf(build(practices[0]["postcode"], "low-mood"))  # warm up: the search snapshot and fonts
    print(f"\n{'Guide':<52} {'supports':>8} {'HTML ms':>8} {'PDF ms':>8} {'pages':>5}")
    cases = [(p["name"], p["postcode"], "low-mood", False) for p in practices]
    first = practices[0]
    cases += [(first["name"], first["postcode"], slug, False) for slug in CONCERNS if slug != "low-mood"]
    cases.append((first["name"], first["postcode"], "low-mood", True))
    html_times, pdf_times = [], []
    for name, postcode, concern, large in cases:
        guide = build(postcode, concern, large)
        html = median_seconds(partial(make_html, postcode, concern, large), options.repeat)
        pdf_seconds = median_seconds(partial(guide_pdf, guide), options.repeat)
        pdf = guide_pdf(guide)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        supports = sum(len(section.supports) for section in guide.sections)
        label = f"{name[:30]} · {concern}{' (large)' if large else ''}"
        print(f"{label:<52} {supports:>8} {html * 1000:>8.0f} {pdf_seconds * 1000:>8.0f} {pages:>5}")
        if not large:
            html_times.append(html)
            pdf_times.append(pdf_seconds)
        if options.out and postcode == first["postcode"]:
            options.out.mkdir(parents=True, exist_ok=True)
            (options.out / f"{concern}{'-large' if large else ''}.pdf").write_bytes(pdf)
    print(
        f"\nStandard guides, median of medians: search + HTML {statistics.median(html_times) * 1000:.0f} ms, "
        f"PDF {statistics.median(pdf_times) * 1000:.0f} ms (slowest PDF {max(pdf_times) * 1000:.0f} ms)"
    )
    temp.cleanup()


if __name__ == "__main__":
    main()
