"""Scenario files: the shipped Glasgow example loads, and mistakes are named by key."""

import pytest

from linkpad.impact.defaults import PARAMETERS
from linkpad.impact.scenarios import ScenarioError, load, parse

TOY = """
[study]
title = "Toy"
practices = 10
[[option]]
name = "Keep"
fte = 10
[[option]]
name = "Cut"
fte = 6
"""


def test_the_glasgow_example_cites_every_parameter():
    scenario = load("examples/glasgow-2024.toml")
    assert [o.fte for o in scenario.options][:2] == [70, 42] and scenario.baseline == "Keep about 70 posts"
    assert set(scenario.parameters) == set(PARAMETERS)
    text = open("examples/glasgow-2024.toml", encoding="utf-8").read()
    for name in PARAMETERS:
        assert f"[parameters.{name}]" in text
    assert all(p.source for p in scenario.parameters.values())
    assert scenario.analysis.effect == "itt" and scenario.analysis.nhs_savings is False
    assert {v.name for v in scenario.variants} >= {"Engaged effect", "NHS savings"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("fte = 6", 'fte = "many"'), "option[2].fte must be a positive number, not 'many'"),
        (("practices = 10", "practices = 0"), "study.practices must be a positive whole number"),
        (('name = "Cut"', 'name = "Cut"\ncolour = "red"'), "unknown key option[2].colour"),
        (('title = "Toy"', 'title = "Toy"\neffect = "magic"'), "study.effect must be one of itt, engaged"),
    ],
)
def test_mistakes_name_the_key(change, message):
    with pytest.raises(ScenarioError) as error:
        parse(TOY.replace(*change))
    assert message in str(error.value)


def test_parameter_overrides_are_checked():
    ok = parse(
        TOY + '[parameters.uptake]\ndistribution = "beta"\nalpha = 8\nbeta = 2\nsource = "Our audit"\n'
    )
    assert ok.parameters["uptake"].source == "Our audit"
    with pytest.raises(ScenarioError, match="unknown parameter parameters.uptak"):
        parse(TOY + '[parameters.uptak]\ndistribution = "beta"\nalpha = 8\nbeta = 2\nsource = "x"\n')
    with pytest.raises(ScenarioError, match="parameters.uptake.source must be some text"):
        parse(TOY + '[parameters.uptake]\ndistribution = "beta"\nalpha = 8\nbeta = 2\n')
