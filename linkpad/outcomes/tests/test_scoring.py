"""Scoring: every SWEMWBS raw score against the conversion table, and properties over all valid answers."""

import ast
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .. import scoring
from ..measures import MEASURES, measure_named
from ..scoring import (
    GAD7_BANDS,
    PHQ9_BANDS,
    RISK_TO_SELF,
    SWEMWBS_METRIC,
    AnswerError,
    AnswerOutOfRange,
    MissingAnswer,
    WrongNumberOfAnswers,
    change_verdict,
)

# The official raw-to-metric table as printed in ../shared/research/02-casework.md §3, typed again here
# on purpose: a slip in either copy fails the test.
RESEARCH_TABLE = """
7 7.00 8 9.51 9 11.25 10 12.40 11 13.33 12 14.08 13 14.75 14 15.32 15 15.84 16 16.36
17 16.88 18 17.43 19 17.98 20 18.59 21 19.25 22 19.98 23 20.73 24 21.54 25 22.35 26 23.21
27 24.11 28 25.03 29 26.02 30 27.03 31 28.13 32 29.31 33 30.70 34 32.55 35 35.00
"""
EXPECTED_METRIC = dict(zip(*[iter(RESEARCH_TABLE.split())] * 2, strict=True))

RANGES = {
    "swemwbs": (7, 1, 5),
    "wemwbs": (14, 1, 5),
    "ons4": (4, 0, 10),
    "phq9": (9, 0, 3),
    "gad7": (7, 0, 3),
}
RANGES["goal"] = (1, 0, 10)


def answers_for(key: str):
    items, low, high = RANGES[key]
    return st.lists(st.integers(low, high), min_size=items, max_size=items)


def answers_with_raw(raw: int) -> list[int]:
    """Seven SWEMWBS answers adding up to `raw`."""
    answers, left = [], raw
    for remaining in range(7, 0, -1):
        answer = min(5, left - (remaining - 1))
        answers.append(answer)
        left -= answer
    return answers


class TestSwemwbsConversionTable:
    @pytest.mark.parametrize("raw", range(7, 36))
    def test_every_raw_score_converts_to_the_official_metric_score(self, raw):
        answers = answers_with_raw(raw)
        assert sum(answers) == raw and all(1 <= a <= 5 for a in answers)
        result = scoring.swemwbs(answers)
        assert result.raw == raw
        assert f"{result.score:.2f}" == EXPECTED_METRIC[str(raw)]

    def test_the_table_has_exactly_the_raw_scores_7_to_35(self):
        assert sorted(SWEMWBS_METRIC) == list(range(7, 36))

    def test_metric_scores_rise_with_raw_scores(self):
        values = [SWEMWBS_METRIC[raw] for raw in range(7, 36)]
        assert values == sorted(values) and len(set(values)) == len(values)


class TestBoundsAndBands:
    @pytest.mark.parametrize(
        ("key", "lowest", "highest"),
        [("swemwbs", 7.0, 35.0), ("wemwbs", 14, 70), ("phq9", 0, 27), ("gad7", 0, 21), ("goal", 0, 10)],
    )
    def test_lowest_and_highest_answers_give_the_ends_of_the_range(self, key, lowest, highest):
        items, low, high = RANGES[key]
        measure = MEASURES[key]
        assert measure.score([low] * items).score == lowest == measure.score_range[0]
        assert measure.score([high] * items).score == highest == measure.score_range[1]

    @pytest.mark.parametrize(
        ("total", "band"),
        [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate")]
        + [(15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (27, "severe")],
    )
    def test_phq9_bands_at_5_10_15_20(self, total, band):
        answers = [min(3, max(0, total - 3 * i)) for i in range(8)] + [0]
        answers[-1] = total - sum(answers)
        assert scoring.phq9(answers).band == band

    @pytest.mark.parametrize(
        ("total", "band"),
        [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate")]
        + [(15, "severe"), (21, "severe")],
    )
    def test_gad7_bands_at_5_10_15(self, total, band):
        answers = [min(3, max(0, total - 3 * i)) for i in range(7)]
        assert scoring.gad7(answers).band == band

    @pytest.mark.parametrize(
        ("score", "positive", "anxiety"),
        [(0, "low", "very low"), (1, "low", "very low"), (2, "low", "low"), (3, "low", "low")]
        + [(4, "low", "medium"), (5, "medium", "medium"), (6, "medium", "high"), (7, "high", "high")]
        + [(8, "high", "high"), (9, "very high", "high"), (10, "very high", "high")],
    )
    def test_ons4_bands_with_anxiety_the_other_way_round(self, score, positive, anxiety):
        parts = scoring.ons4([score] * 4).parts
        assert [p.band for p in parts] == [positive, positive, positive, anxiety]
        assert [p.score for p in parts] == [score] * 4
        assert [p.key for p in parts] == ["life_satisfaction", "worthwhile", "happiness", "anxiety"]


class TestProperties:
    @pytest.mark.parametrize("key", ["swemwbs", "wemwbs", "phq9", "gad7", "goal"])
    def test_scores_stay_within_range(self, key):
        measure = MEASURES[key]

        @given(answers_for(key))
        def check(answers):
            result = measure.score(answers)
            low, high = measure.score_range
            assert low <= result.score <= high
            assert result.raw == sum(answers)

        check()

    @pytest.mark.parametrize("key", ["swemwbs", "wemwbs", "phq9", "gad7", "goal"])
    def test_raising_any_answer_never_lowers_the_score(self, key):
        items, low, high = RANGES[key]
        measure = MEASURES[key]

        @given(answers_for(key), st.integers(0, items - 1))
        def check(answers, item):
            if answers[item] == high:
                return
            higher = [*answers]
            higher[item] += 1
            assert measure.score(higher).score > measure.score(answers).score

        check()

    @given(answers_for("phq9"))
    def test_phq9_band_matches_its_total_and_flag_iff_item_9_above_0(self, answers):
        result = scoring.phq9(answers)
        assert result.band == next(name for lower, name in PHQ9_BANDS if result.raw >= lower)
        assert (RISK_TO_SELF in result.flags) == (answers[8] > 0)

    @given(answers_for("gad7"))
    def test_gad7_band_matches_its_total_and_never_flags(self, answers):
        result = scoring.gad7(answers)
        assert result.band == next(name for lower, name in GAD7_BANDS if result.raw >= lower)
        assert result.flags == ()

    @given(answers_for("phq9"), answers_for("phq9"))
    def test_a_higher_phq9_total_never_has_a_milder_band(self, first, second):
        order = [name for _, name in reversed(PHQ9_BANDS)]
        a, b = scoring.phq9(first), scoring.phq9(second)
        if a.raw <= b.raw:
            assert order.index(a.band) <= order.index(b.band)

    @given(answers_for("ons4"))
    def test_ons4_has_no_total_and_raises_no_flags(self, answers):
        result = scoring.ons4(answers)
        assert result.raw is None and result.score is None and result.flags == ()
        assert [p.score for p in result.parts] == answers

    @given(st.floats(0, 70), st.floats(0, 70), st.sampled_from([3, 4, 6]), st.booleans())
    def test_change_verdict_is_symmetric(self, before, after, threshold, higher_is_better):
        forward = change_verdict(before, after, threshold=threshold, higher_is_better=higher_is_better)
        backward = change_verdict(after, before, threshold=threshold, higher_is_better=higher_is_better)
        flipped = {
            "meaningful improvement": "meaningful decline",
            "meaningful decline": "meaningful improvement",
        }
        assert backward == flipped.get(forward, forward)


class TestBadAnswers:
    @pytest.mark.parametrize("key", list(RANGES))
    def test_an_answer_above_the_range_names_the_item_and_the_range(self, key):
        items, low, high = RANGES[key]
        answers = [low] * items
        answers[-1] = high + 1
        with pytest.raises(
            AnswerOutOfRange, match=f"item {items} must be a whole number from {low} to {high}"
        ):
            MEASURES[key].score(answers)

    @pytest.mark.parametrize("key", list(RANGES))
    def test_a_missing_answer_is_never_guessed(self, key):
        items, low, _ = RANGES[key]
        with pytest.raises(MissingAnswer, match=f"item {items} is missing"):
            MEASURES[key].score([low] * (items - 1))
        with pytest.raises(MissingAnswer, match="item 1 is missing"):
            MEASURES[key].score([None] + [low] * (items - 1))

    def test_too_many_answers(self):
        with pytest.raises(WrongNumberOfAnswers, match="GAD-7 has 7 items, but 8 answers were given"):
            scoring.gad7([0] * 8)

    @pytest.mark.parametrize("bad", [-1, 1.5, "2", True])
    def test_below_range_fractions_text_and_booleans_are_refused(self, bad):
        with pytest.raises(AnswerOutOfRange, match="PHQ-9 item 1 must be a whole number from 0 to 3"):
            scoring.phq9([bad] + [0] * 8)

    def test_errors_are_value_errors(self):
        assert issubclass(AnswerError, ValueError)


class TestRegistry:
    def test_every_measure_has_wording_options_copyright_and_a_scorer_that_fits_its_items(self):
        for key, measure in MEASURES.items():
            items, low, high = RANGES[key]
            assert len(measure.items) == items and measure.copyright and measure.stem
            for item in measure.items:
                values = [o.value for o in measure.options_for(item)]
                assert values == list(range(low, high + 1)), key
                assert item.text

    def test_swemwbs_carries_its_required_copyright_line(self):
        assert measure_named("SWEMWBS").copyright == (
            "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of "
            "Warwick and University of Edinburgh, 2008, all rights reserved."
        )

    def test_wellbeing_scales_count_3_points_as_meaningful(self):
        assert MEASURES["swemwbs"].change_threshold == MEASURES["wemwbs"].change_threshold == 3

    @pytest.mark.parametrize("module", ["scoring.py", "measures.py"])
    def test_pure_python_without_django(self, module):
        tree = ast.parse((Path(__file__).parents[1] / module).read_text())
        imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [name for name in imported if name.startswith("django")]
