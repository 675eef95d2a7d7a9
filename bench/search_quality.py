"""Search quality on the labelled lay queries: nDCG@10 and recall@10, hybrid against lexical-only.

    .venv/bin/python bench/search_quality.py            # a fresh SQLite file in a temp folder
    .venv/bin/python bench/search_quality.py --sweep    # also try other blend weights
    .venv/bin/python bench/search_quality.py --sweep-said  # and other weights for what people say
    .venv/bin/python bench/search_quality.py --show-ids # print each query's relevant demo service ids

Imports the demo directory (data/demo/community_supports.hsds.json, with what people say about each
category: data/taxonomy/what_people_say.toml), indexes it (printing the embedding throughput), then
runs every query of the three sets in bench/queries/ with no place and no filters. Relevance is graded 2 (what the person needs) or 1 (a reasonable second choice).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import tomllib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_demo import DEMO_FILE, REPO_ROOT, load_demo_directory, setup_django  # noqa: E402

QUERIES_FILE = REPO_ROOT / "bench" / "queries" / "labelled_queries.toml"
#: Written before the ranking was last tuned and never tuned on: a check that a change holds.
HELD_OUT_FILE = REPO_ROOT / "bench" / "queries" / "held_out_queries.toml"
#: Written by someone who had seen neither other set nor the phrases search uses, before the
#: phrases' weight was chosen; never tuned on.
FRESH_FILE = REPO_ROOT / "bench" / "queries" / "fresh_queries.toml"
K = 10


def labelled_queries(path: Path = QUERIES_FILE) -> list[tuple[str, dict[str, int]]]:
    """(query text, {service id: grade}), expanding archetypes to the demo services that carry them."""
    by_archetype = defaultdict(list)
    for service in json.loads(DEMO_FILE.read_text()):
        by_archetype[service.get("x_linkpad", {}).get("archetype")].append(service["id"])
    queries = []
    for entry in tomllib.loads(path.read_text())["query"]:
        grades: dict[str, int] = {}
        for archetype, grade in entry["relevant"].items():
            if archetype not in by_archetype:
                raise SystemExit(f"Unknown archetype {archetype!r} in {entry['text']!r}")
            for service_id in by_archetype[archetype]:
                grades[service_id] = max(grade, grades.get(service_id, 0))
        queries.append((entry["text"], grades))
    return queries


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    gain = sum((2 ** grades.get(sid, 0) - 1) / math.log2(i + 2) for i, sid in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return gain / best if best else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    relevant = {sid for sid, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / min(len(relevant), k)


def evaluate(queries, mode: str) -> tuple[float, float, float]:
    from linkpad.directory.search.query import SearchQuery, run_search

    n_total = r_total = top1 = 0.0
    for text, grades in queries:
        ranked = [
            result.service.pk for result in run_search(SearchQuery(text=text, limit=K), mode=mode).results
        ]
        n_total += ndcg(ranked, grades)
        r_total += recall(ranked, grades)
        top1 += bool(ranked) and grades.get(ranked[0], 0) > 0
    n = len(queries)
    return n_total / n, r_total / n, top1 / n


def report(title: str, queries) -> None:
    from linkpad.directory.search import query as search_query

    print(f"\n{title}, k = {K}")
    print(f"{'ranking':<42} {'nDCG@10':>8} {'recall@10':>10} {'top-1 relevant':>15}")
    rows = {}
    for mode in ("lexical", "semantic", "hybrid"):
        rows[mode] = evaluate(queries, mode)
        label = {
            "lexical": "lexical only (BM25 / ts_rank)",
            "semantic": "semantic only (cosine)",
            "hybrid": (
                f"hybrid ({search_query.SEMANTIC_WEIGHT}·cos + {search_query.LEXICAL_WEIGHT}·lex"
                f" + {search_query.SAID_WEIGHT}·said)"
            ),
        }[mode]
        print(f"{label:<42} {rows[mode][0]:>8.3f} {rows[mode][1]:>10.3f} {rows[mode][2]:>15.0%}")
    gain = rows["hybrid"][0] - rows["lexical"][0]
    print(f"hybrid - lexical nDCG@10: {gain:+.3f} (target +0.2)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sweep", action="store_true", help="Also try other semantic/lexical weights.")
    parser.add_argument(
        "--sweep-said",
        action="store_true",
        help="Also try other weights for what people say (tuned set only).",
    )
    parser.add_argument("--show-ids", action="store_true", help="Print the relevant ids of each query.")
    args = parser.parse_args()
    temp = setup_django()
    loader = load_demo_directory()
    from linkpad.directory.search import query as search_query
    from linkpad.directory.search.indexing import services_reindex

    started = time.perf_counter()
    result = services_reindex()
    seconds = time.perf_counter() - started
    print(f"Demo directory: {loader}")
    print(
        f"Indexing: {result.embedded} services embedded in {seconds:.1f} s = {result.embedded / seconds:.1f} services/s"
    )
    tuned, held_out, fresh = labelled_queries(), labelled_queries(HELD_OUT_FILE), labelled_queries(FRESH_FILE)
    queries = tuned + held_out + fresh
    from linkpad.directory.search.snapshot import get_snapshot

    said = get_snapshot().said
    print(f"What people say: {said.size} phrases for {len(said.categories)} categories")
    if args.show_ids:
        for text, grades in queries:
            print(text, grades)
    for title, chosen in (
        (f"{len(tuned)} labelled queries (labelled_queries.toml, tuned on)", tuned),
        (f"{len(held_out)} held-out queries (held_out_queries.toml, never tuned on)", held_out),
        (f"{len(fresh)} fresh queries (fresh_queries.toml, written apart, never tuned on)", fresh),
        (f"all {len(queries)} queries", queries),
    ):
        report(title, chosen)
    semantic, lexical = search_query.SEMANTIC_WEIGHT, search_query.LEXICAL_WEIGHT
    said_weight = search_query.SAID_WEIGHT
    if args.sweep:
        print("\nsemantic weight sweep on the tuned-on queries only (lexical = 1 - semantic):")
        for weight in (0.5, 0.6, 0.7, 0.8, 0.9):
            search_query.SEMANTIC_WEIGHT, search_query.LEXICAL_WEIGHT = weight, round(1 - weight, 2)
            n, r, t = evaluate(tuned, "hybrid")
            print(f"  {weight:.1f}/{1 - weight:.1f}: nDCG@10 {n:.3f}  recall@10 {r:.3f}  top-1 {t:.0%}")
        search_query.SEMANTIC_WEIGHT, search_query.LEXICAL_WEIGHT = semantic, lexical
    if args.sweep_said:
        print("\nwhat-people-say weight sweep on the tuned-on queries only:")
        for weight in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8):
            search_query.SAID_WEIGHT = weight
            n, r, t = evaluate(tuned, "hybrid")
            print(f"  {weight:.1f}: nDCG@10 {n:.3f}  recall@10 {r:.3f}  top-1 {t:.0%}")
        search_query.SAID_WEIGHT = said_weight
    temp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
