"""Naming of GDELT actor codes without a country: from the CAMEO actor-type codebook, whatever
raw name a row gives (that stays an alias). The loaded graph is checked in test_merge_policy.py."""

from __future__ import annotations

import pytest

from loaders.resolve import cameo_code_name, resolve_gdelt


@pytest.mark.parametrize(("code", "name"), [
    ("GOV", "Government (unspecified country)"),
    ("MED", "Media (unspecified country)"),
    ("GOVLEG", "Government, Legislature (unspecified country)"),
    ("UNO", "United Nations"),  # transnational: no country is missing
    ("IGOUNO", "Inter-governmental organization, United Nations"),
    ("NATMIL", "CAMEO NAT, Military (unspecified country)"),  # a part the codebook lacks
])
def test_a_code_without_a_country_is_named_from_the_codebook(code: str, name: str):
    assert cameo_code_name(code) == name


@pytest.mark.parametrize("raw", ["PRESIDENT", "MAYOR", "FIREFIGHTER", ""])
def test_the_raw_name_never_names_the_actor_and_stays_an_alias(raw: str):
    resolved = resolve_gdelt("GOV", raw, "", "GOV")
    assert resolved is not None
    [actor] = resolved.actors
    assert (resolved.actor, actor.name, actor.kind) == ("cameo:gov",
                                                        "Government (unspecified country)",
                                                        "government")
    assert actor.aliases == ([raw] if raw else [])
    assert resolved.represents is None


def test_a_row_with_only_a_name_is_its_own_actor_by_that_name():
    resolved = resolve_gdelt("", "SOME MILITIA", "", "")
    assert resolved is not None
    assert (resolved.actor, resolved.actors[0].name) == ("cameo:some_militia", "Some Militia")
