"""Scenario files (TOML): the options to compare, the evidence settings and any parameter overrides.

Every error names the key at fault, e.g. "option[2].fte must be a positive number, not 'many'".
See `examples/glasgow-2024.toml` for a complete, cited file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from linkpad.impact.defaults import PARAMETERS, Parameter
from linkpad.impact.model.cea import THRESHOLDS
from linkpad.impact.model.outcomes import EFFECTS
from linkpad.impact.model.pipeline import Analysis, Option
from linkpad.impact.model.psa import KINDS, Distribution, DistributionError


class ScenarioError(ValueError):
    """The scenario file can't be used; the message names the key."""


@dataclass(frozen=True)
class Variant:
    """A named change to the evidence settings (e.g. "Engaged effect", "NHS savings")."""

    name: str
    analysis: Analysis


@dataclass(frozen=True)
class Equality:
    """Shares of the people referred in each group (SIMD quintile, age band, sex), for the impact assessment.

    `from_service` is True when they come from Linkpad's records (`linkpad impact calibrate`), False when
    they are the scenario's stated assumptions. Groups hidden by small-number suppression are in `hidden`.
    """

    source: str
    from_service: bool
    dimensions: dict[str, dict[str, float]]
    hidden: dict[str, tuple[str, ...]] = field(default_factory=dict)


#: The breakdowns the impact assessment asks for, in order, with their headings.
EQUALITY_DIMENSIONS = {"simd_quintile": "SIMD quintile", "age_band": "Age band", "sex": "Sex"}


@dataclass(frozen=True)
class Scenario:
    title: str
    practices: int
    options: list[Option]
    baseline: str
    analysis: Analysis
    parameters: dict[str, Parameter]
    variants: list[Variant] = field(default_factory=list)
    thresholds: tuple[int, ...] = THRESHOLDS
    notes: str = ""
    calibrated: tuple[str, ...] = ()  # parameters whose values come from the service's own records
    equality: Equality | None = None

    @property
    def distributions(self) -> dict[str, Distribution]:
        return {name: p.distribution for name, p in self.parameters.items()}


def load(path: str | Path) -> Scenario:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ScenarioError(f"cannot read scenario file {path}: {error.strerror}") from None
    return parse(text, base_dir=Path(path).resolve().parent)


def parse(text: str, *, base_dir: Path | None = None) -> Scenario:
    """Read and check a scenario.

    >>> s = parse('''
    ... [study]
    ... title = "Toy"
    ... practices = 10
    ... baseline = "Keep"
    ... [[option]]
    ... name = "Keep"
    ... fte = 10
    ... [[option]]
    ... name = "Cut"
    ... fte = 6
    ... ''')
    >>> [o.name for o in s.options], s.options[1].practices_covered, s.analysis.effect
    (['Keep', 'Cut'], 10, 'itt')
    >>> parse('[study]\\ntitle = "x"\\npractices = "ten"')
    Traceback (most recent call last):
    ...
    linkpad.impact.scenarios.ScenarioError: study.practices must be a positive whole number, not 'ten'
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"the scenario file is not valid TOML: {error}") from None
    _only(data, {"study", "option", "parameters", "variant", "calibrated", "equality"}, "")
    study = _table(data, "study")
    _only(
        study,
        {"title", "practices", "baseline", "thresholds", "notes", *_STUDY_EXTRA, *_ANALYSIS_KEYS},
        "study.",
    )
    practices = _whole(study, "practices", "study.")
    options = _options(data.get("option"), practices)
    baseline = _text(study, "baseline", "study.", default=options[0].name)
    if baseline not in {o.name for o in options}:
        raise ScenarioError(f"study.baseline {baseline!r} is not the name of any [[option]]")
    analysis = _analysis(study, Analysis(), "study.")
    parameters = _parameters(data.get("parameters", {}))
    calibrated, service_equality = _calibration(study, data, base_dir)
    calibrated = _chosen(study, calibrated)
    parameters.update(calibrated)
    stated = _equality(data["equality"], "equality", from_service=False) if "equality" in data else None
    return Scenario(
        title=_text(study, "title", "study."),
        practices=practices,
        options=options,
        baseline=baseline,
        analysis=analysis,
        parameters=parameters,
        variants=_variants(data.get("variant", []), analysis),
        thresholds=_thresholds(study),
        notes=_text(study, "notes", "study.", default=""),
        calibrated=tuple(sorted(calibrated)),
        equality=service_equality or stated,
    )


_STUDY_EXTRA = {"parameters_file", "use_calibrated"}
_ANALYSIS_KEYS = {"effect", "nhs_savings", "horizon_years", "cost_discount_rate", "health_discount_rate"}
_OPTION_KEYS = {
    "name",
    "fte",
    "practices_covered",
    "referral_multiplier",
    "protect_contact_frequency",
    "notes",
}


def _only(table: dict, allowed: set[str], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise ScenarioError(f"unknown key {where}{key}: expected one of {', '.join(sorted(allowed))}")


def _table(data: dict, key: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ScenarioError(f"the scenario file needs a [{key}] table")
    return value


def _text(table: dict, key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise ScenarioError(f"{where}{key} must be some text, not {value!r}")
    return value


def _number(table: dict, key: str, where: str, default=None, *, low=0.0, high=float("inf")) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        bounds = f"between {low:g} and {high:g}" if high != float("inf") else "a positive number"
        raise ScenarioError(f"{where}{key} must be {bounds}, not {value!r}")
    return float(value)


def _whole(table: dict, key: str, where: str, default=None) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ScenarioError(f"{where}{key} must be a positive whole number, not {value!r}")
    return value


def _flag(table: dict, key: str, where: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ScenarioError(f"{where}{key} must be true or false, not {value!r}")
    return value


def _options(raw, practices: int) -> list[Option]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise ScenarioError("the scenario file needs at least two [[option]] tables to compare")
    options = []
    for number, table in enumerate(raw, start=1):
        where = f"option[{number}]."
        _only(table, _OPTION_KEYS, where)
        fte = _number(table, "fte", where, low=0.1)
        if fte <= 0:
            raise ScenarioError(f"{where}fte must be a positive number, not {fte!r}")
        covered = _whole(table, "practices_covered", where, default=practices)
        if covered > practices:
            raise ScenarioError(
                f"{where}practices_covered ({covered}) is more than study.practices ({practices})"
            )
        options.append(
            Option(
                name=_text(table, "name", where),
                fte=fte,
                practices_covered=covered,
                referral_multiplier=_number(table, "referral_multiplier", where, default=1.0, low=0.01),
                protect_contact_frequency=_flag(table, "protect_contact_frequency", where, False),
            )
        )
    names = [o.name for o in options]
    if len(set(names)) != len(names):
        raise ScenarioError("each [[option]] needs a different name")
    return options


def _analysis(table: dict, base: Analysis, where: str) -> Analysis:
    effect = table.get("effect", base.effect)
    if effect not in EFFECTS:
        raise ScenarioError(f"{where}effect must be one of {', '.join(EFFECTS)}, not {effect!r}")
    return replace(
        base,
        effect=effect,
        nhs_savings=_flag(table, "nhs_savings", where, base.nhs_savings),
        horizon_years=_whole(table, "horizon_years", where, default=base.horizon_years),
        cost_discount_rate=_number(table, "cost_discount_rate", where, base.cost_discount_rate, high=0.2),
        health_discount_rate=_number(
            table, "health_discount_rate", where, base.health_discount_rate, high=0.2
        ),
    )


def _variants(raw, analysis: Analysis) -> list[Variant]:
    if not isinstance(raw, list):
        raise ScenarioError("variant must be a list of [[variant]] tables")
    variants = []
    for number, table in enumerate(raw, start=1):
        where = f"variant[{number}]."
        _only(table, {"name", "notes", *_ANALYSIS_KEYS}, where)
        variants.append(Variant(_text(table, "name", where), _analysis(table, analysis, where)))
    return variants


def _thresholds(study: dict) -> tuple[int, ...]:
    value = study.get("thresholds", list(THRESHOLDS))
    if not isinstance(value, list) or not value or not all(isinstance(v, int) and v > 0 for v in value):
        raise ScenarioError(f"study.thresholds must be a list of whole pounds per QALY, not {value!r}")
    return tuple(value)


def _parameters(
    raw: dict, section: str = "parameters", extra: frozenset = frozenset()
) -> dict[str, Parameter]:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{section} must be a table of [{section}.NAME] tables")
    found = dict(PARAMETERS) if section == "parameters" else {}
    for name, table in raw.items():
        where = f"{section}.{name}"
        if name not in PARAMETERS:
            raise ScenarioError(f"unknown parameter {where}: expected one of {', '.join(sorted(PARAMETERS))}")
        if not isinstance(table, dict):
            raise ScenarioError(f"{where} must be a table with distribution, its arguments and source")
        args = {k: v for k, v in table.items() if k not in {"distribution", "source", *extra}}
        kind = table.get("distribution")
        if kind not in KINDS:
            raise ScenarioError(f"{where}.distribution must be one of {', '.join(KINDS)}, not {kind!r}")
        for key, value in args.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ScenarioError(f"{where}.{key} must be a number, not {value!r}")
        try:
            distribution = Distribution(kind, args)
        except DistributionError as error:
            raise ScenarioError(f"{where}: {error}") from None
        source = _text(table, "source", f"{where}.")
        found[name] = replace(PARAMETERS[name], distribution=distribution, source=source)
    return found


# Calibration: estimates from the service's own records (`linkpad impact calibrate --out params.toml`).
# A [calibrated.NAME] table is a parameter table (distribution, its arguments, source) that may also carry
# what the estimate was made from; the model uses only the distribution.
_CALIBRATION_EXTRA = frozenset({"estimate", "low", "high", "n", "interval"})
_PARAMETERS_FILE_TABLES = {"calibration", "calibrated", "observed", "equality"}


def _calibration(
    study: dict, data: dict, base_dir: Path | None
) -> tuple[dict[str, Parameter], Equality | None]:
    """The calibrated parameters (from `parameters_file` or an inline [calibrated] block) and the
    equality shares of the parameters file, if any. Using both for the same parameter is an error."""
    inline = _parameters(data.get("calibrated", {}), "calibrated", _CALIBRATION_EXTRA)
    if "parameters_file" not in study:
        return inline, None
    name = _text(study, "parameters_file", "study.")
    if base_dir is None:
        raise ScenarioError(
            "study.parameters_file can only be used in a scenario file on disk: paste the file's "
            "[calibrated] tables into the scenario instead"
        )
    path = (base_dir / name).resolve()
    try:
        found = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ScenarioError(f"study.parameters_file: cannot read {name}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"study.parameters_file: {name} is not valid TOML: {error}") from None
    _only(found, _PARAMETERS_FILE_TABLES, f"{name}: ")
    from_file = _parameters(found.get("calibrated", {}), "calibrated", _CALIBRATION_EXTRA)
    both = sorted(set(inline) & set(from_file))
    if both:
        raise ScenarioError(
            f"calibrated.{both[0]} is both in study.parameters_file and in the scenario's [calibrated] block: "
            "keep one"
        )
    equality = _equality(found["equality"], "equality", from_service=True) if "equality" in found else None
    return {**from_file, **inline}, equality


def _chosen(study: dict, calibrated: dict[str, Parameter]) -> dict[str, Parameter]:
    """All calibrated parameters, or only those named in study.use_calibrated."""
    if "use_calibrated" not in study:
        return calibrated
    names = study["use_calibrated"]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ScenarioError(f"study.use_calibrated must be a list of parameter names, not {names!r}")
    missing = [n for n in names if n not in calibrated]
    if missing:
        have = ", ".join(sorted(calibrated)) or "none"
        raise ScenarioError(
            f"study.use_calibrated names {missing[0]!r}, which has no calibrated estimate (have: {have})"
        )
    return {n: calibrated[n] for n in names}


def _equality(raw, where: str, *, from_service: bool) -> Equality:
    """Shares in each group, e.g. [equality.sex] Female = 0.6, Male = 0.4.

    >>> e = _equality({"source": "Assumption", "sex": {"Female": 0.6, "Male": 0.4}}, "equality", from_service=False)
    >>> e.dimensions, e.hidden
    ({'sex': {'Female': 0.6, 'Male': 0.4}}, {})
    >>> _equality({"source": "x", "sex": {"Female": 0.8, "Male": 0.4}}, "equality", from_service=False)
    Traceback (most recent call last):
    ...
    linkpad.impact.scenarios.ScenarioError: equality.sex: the shares add up to 1.2, more than 1
    """
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where} must be a table")
    _only(raw, {"source", "people", *EQUALITY_DIMENSIONS}, f"{where}.")
    source = _text(raw, "source", f"{where}.")
    dimensions, hidden = {}, {}
    for key in EQUALITY_DIMENSIONS:
        if key not in raw:
            continue
        table = raw[key]
        if not isinstance(table, dict):
            raise ScenarioError(f"{where}.{key} must be a table of group = share")
        hidden_groups = table.get("hidden", [])
        if not isinstance(hidden_groups, list) or not all(isinstance(g, str) for g in hidden_groups):
            raise ScenarioError(f"{where}.{key}.hidden must be a list of group names")
        shares = {}
        for group in table:
            if group == "hidden":
                continue
            shares[group] = _number(table, group, f"{where}.{key}.", high=1.0)
        total = sum(shares.values())
        if total > 1.0001:
            raise ScenarioError(f"{where}.{key}: the shares add up to {total:.3g}, more than 1")
        dimensions[key] = shares
        if hidden_groups:
            hidden[key] = tuple(hidden_groups)
    return Equality(source=source, from_service=from_service, dimensions=dimensions, hidden=hidden)
