"""Default parameters of the impact model, each with its distribution and its source.

Sources are from `../shared/research/03-economics.md` (the research note behind issue 6). "Derived" marks
our arithmetic on a sourced figure; "Assumption" marks a value no source gives, to be replaced by the
service's own data (`linkpad impact calibrate`, to come) or better evidence. Scenario files may override
any of these; `examples/glasgow-2024.toml` writes them all out.
"""

from dataclasses import dataclass

from linkpad.impact.model.psa import Distribution


@dataclass(frozen=True)
class Parameter:
    label: str
    distribution: Distribution
    source: str
    used_when: str = "always"  # "always", "engaged effect" or "NHS savings"


def _p(label: str, kind: str, source: str, used_when: str = "always", **args) -> Parameter:
    return Parameter(label, Distribution(kind, args), source, used_when)


PARAMETERS: dict[str, Parameter] = {
    "referrals_per_practice_year": _p(
        "Referrals per covered practice per year",
        "normal",
        "Derived: >8,200 referrals in the year to Aug 2023 (ALLIANCE blog 'Against a changing tide', 27 Sep 2023) "
        "/ 80 Glasgow practices (ALLIANCE CLW programme page); sd is an assumption",
        mean=102.5,
        sd=12.5,
    ),
    "uptake": _p(
        "Share of referred people who take up the offer",
        "beta",
        "Kimberlee 2016, Gloucestershire CCG evaluation: 81% of 2,047 referred (Beta derived)",
        alpha=1658,
        beta=389,
    ),
    "mean_episode_weeks": _p(
        "Mean length of a CLP episode (weeks)",
        "gamma",
        "Assumption: about 4.3 appointments per referral (ALLIANCE 2021 and 2022 reviews, derived) "
        "at two- to three-weekly contact",
        mean=12.0,
        sd=2.0,
    ),
    "caseload_per_fte": _p(
        "People one whole-time CLP holds at once",
        "triangular",
        "Assumption, set so that about 70 posts run at about 90% of capacity with the observed "
        "8,200 referrals a year (ALLIANCE 2023); no published caseload figure found",
        low=22.0,
        mode=25.0,
        high=28.0,
    ),
    "mean_patience_weeks": _p(
        "Mean time a person waits before giving up (weeks)",
        "gamma",
        "Assumption: CLP waiting times and drop-out are not published (research note, section 3); "
        "needs HSCP management information",
        mean=8.0,
        sd=3.0,
    ),
    "engaged_share": _p(
        "Share of people seen who see the CLP 3 or more times",
        "beta",
        "Mercer et al. 2019, Ann Fam Med 17:518 (45% of 288; Beta derived)",
        alpha=130,
        beta=158,
    ),
    "spread_penalty": _p(
        "Relative loss of contact frequency per extra practice a CLP covers",
        "triangular",
        "Assumption: engagement is the causal bottleneck (Mercer 2019); planned 2024 cut spread CLPs "
        "over 2-3 practices (Herald Scotland, Sept 2023)",
        low=0.0,
        mode=0.10,
        high=0.25,
    ),
    "itt_utility_gain": _p(
        "EQ-5D-5L change per person referred (intention to treat)",
        "normal",
        "Mercer 2019, Table 3: +0.008 (95% CI -0.028 to 0.045); SE derived from the CI",
        mean=0.008,
        sd=0.0186,
    ),
    "engaged_utility_gain": _p(
        "EQ-5D-5L change per engaged person (3+ contacts)",
        "normal",
        "Assumption: Mercer 2019 reports 'significant improvements' in the engaged group but Table 4 "
        "magnitudes were not retrieved; open to selection bias",
        "engaged effect",
        mean=0.03,
        sd=0.015,
    ),
    "effect_years": _p(
        "Years an effect lasts",
        "triangular",
        "Assumption centred on Mercer 2019's 9-month follow-up",
        low=0.5,
        mode=0.75,
        high=1.5,
    ),
    "itt_swemwbs_change": _p(
        "SWEMWBS change per person referred (intention to treat)",
        "normal",
        "Assumption: Mercer 2019 found no ITT change in any wellbeing measure (Table 3); no controlled "
        "SWEMWBS estimate found",
        mean=0.0,
        sd=0.5,
    ),
    "engaged_swemwbs_change": _p(
        "SWEMWBS change per engaged person",
        "normal",
        "Assumption, pending the service's own SWEMWBS records (calibration)",
        "engaged effect",
        mean=1.5,
        sd=0.75,
    ),
    "ls_per_swemwbs": _p(
        "Life-satisfaction points per SWEMWBS point",
        "triangular",
        "Happy City 'WellWorth' technical background, citing Mukuria et al. 2015 (0.26); range an assumption",
        low=0.20,
        mode=0.26,
        high=0.32,
    ),
    "wellby_value": _p(
        "Value of one WELLBY (GBP, 2019 prices)",
        "triangular",
        "HM Treasury Wellbeing Guidance for Appraisal (July 2021): GBP 13,000, range 10,000-16,000",
        low=10_000.0,
        mode=13_000.0,
        high=16_000.0,
    ),
    "cost_per_post": _p(
        "Cost of one CLP post a year, fully loaded (GBP)",
        "uniform",
        "Derived: GBP 1.35m top-up for the 28 posts at risk (Herald Scotland, Sept 2023) = about GBP 48,200; "
        "range an assumption",
        low=42_000.0,
        high=55_000.0,
    ),
    "gp_consultations_year": _p(
        "GP consultations a year per person referred",
        "gamma",
        "Assumption: no source for the referred group's baseline use",
        "NHS savings",
        mean=8.0,
        sd=2.0,
    ),
    "gp_reduction": _p(
        "Relative reduction in GP consultations",
        "triangular",
        "Polley et al. 2017 (Univ. Westminster): -28%, uncontrolled before/after; lower bound 0",
        "NHS savings",
        low=0.0,
        mode=0.10,
        high=0.28,
    ),
    "gp_unit_cost": _p(
        "GP consultation, 10 minutes (GBP, 2023/24)",
        "gamma",
        "PSSRU/CHE Unit Costs of Health and Social Care 2024, Table 9.4.2 (GBP 45); SE 10% an assumption",
        "NHS savings",
        mean=45.0,
        sd=4.5,
    ),
    "ae_attendances_year": _p(
        "A&E attendances a year per person referred",
        "gamma",
        "Assumption: no source for the referred group's baseline use",
        "NHS savings",
        mean=0.6,
        sd=0.2,
    ),
    "ae_reduction": _p(
        "Relative reduction in A&E attendances",
        "triangular",
        "Polley et al. 2017: -24%, uncontrolled before/after; lower bound 0",
        "NHS savings",
        low=0.0,
        mode=0.07,
        high=0.24,
    ),
    "ae_unit_cost": _p(
        "A&E attendance (GBP, 2023/24)",
        "gamma",
        "NHS England National Cost Collection 2023/24, weighted mean VB01Z-VB99Z (GBP 273); SE 15% an assumption",
        "NHS savings",
        mean=273.0,
        sd=41.0,
    ),
    "antidepressant_share": _p(
        "Share of people referred on antidepressants",
        "beta",
        "Assumption",
        "NHS savings",
        mean=0.3,
        sd=0.05,
    ),
    "antidepressant_stop_share": _p(
        "Share of those who stop because of the link",
        "triangular",
        "Assumption (COPE Scotland's 'alternative prescription pad' aim; no effect size found)",
        "NHS savings",
        low=0.0,
        mode=0.03,
        high=0.10,
    ),
    "antidepressant_cost_year": _p(
        "Antidepressant cost a year incl. 4 GP reviews (GBP)",
        "fixed",
        "Derived: sertraline 50 mg about GBP 10.56 a year (Drug Tariff Sept 2025) + 4 GP reviews x GBP 45 "
        "(reviews an assumption)",
        "NHS savings",
        value=190.56,
    ),
    "nonelective_saving_engaged_year": _p(
        "Non-elective cost saved per engaged person a year (GBP)",
        "normal",
        "Wildman & Wildman 2023, Soc Sci Med 317:115598: GBP 77.57 (95% CI 2.84 to 152.30), SE derived",
        "NHS savings",
        mean=77.57,
        sd=38.1,
    ),
}
