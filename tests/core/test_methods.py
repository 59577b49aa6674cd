"""The method registry: one declaration per key, a clear error for an unknown key, batch counts."""

from types import SimpleNamespace

import pytest

from cocreate.core.methods import (
    Action,
    CampaignMethod,
    MethodAlreadyRegistered,
    MethodRegistry,
    Section,
    UnknownMethod,
    registry,
)


def _method(key="tasting", *, contributions=None, participants=None, **kwargs):
    return CampaignMethod(
        key=key,
        label="Tasting",
        description="People taste and rate.",
        call_to_action=lambda request, campaign: Action(label="Taste", url="/taste/"),
        count_contributions=contributions or (lambda ids: {}),
        count_participants=participants or (lambda ids: {}),
        contribution_words="%(count)s ratings",
        participant_words="%(count)s tasters",
        **kwargs,
    )


def test_registering_the_same_key_twice_is_an_error():
    methods = MethodRegistry()
    methods.register(_method())

    with pytest.raises(MethodAlreadyRegistered, match="'tasting' is already registered"):
        methods.register(_method())

    assert methods.all_keys() == ["tasting"]


def test_an_unknown_key_raises_a_clear_error_naming_the_registered_ones():
    methods = MethodRegistry()
    methods.register(_method())

    with pytest.raises(UnknownMethod, match=r"No campaign method 'survey' is registered \(registered: tasting\)"):
        methods.get("survey")
    assert "survey" not in methods


def test_a_key_must_fit_the_column_and_be_a_plain_name():
    with pytest.raises(ValueError, match="1-30 letters"):
        _method("x" * 31)
    with pytest.raises(ValueError, match="1-30 letters"):
        _method("two words")


def test_methods_are_listed_in_their_declared_position():
    methods = MethodRegistry()
    methods.register(_method("later", position=20))
    methods.register(_method("first", position=10))

    assert methods.all_keys() == ["first", "later"]
    assert [key for key, _label in methods.choices()] == ["first", "later"]


def test_applies_to_and_the_rules_predicate_recognise_only_the_methods_campaigns():
    method = _method()
    own, other = SimpleNamespace(method="tasting"), SimpleNamespace(method="pairwise")

    assert method.applies_to(own) and not method.applies_to(other) and not method.applies_to(None)
    assert method.predicate.test(None, own) and not method.predicate.test(None, other)


def test_sections_say_which_form_parts_apply():
    method = _method(sections=frozenset({Section.CRITERIA}))

    assert method.has(Section.CRITERIA) and method.has("criteria")
    assert not method.has(Section.SUPPORT_LADDER)


def test_counts_call_each_count_function_once_for_all_campaigns_of_every_method_sharing_it():
    calls = []

    def ratings(ids):
        calls.append(("ratings", list(ids)))
        return {1: 5, 2: 7}

    def tasters(ids):
        calls.append(("tasters", list(ids)))
        return {1: 2}

    methods = MethodRegistry()
    methods.register(_method("tasting", contributions=ratings, participants=tasters))
    methods.register(_method("smelling", contributions=ratings, participants=tasters))
    campaigns = [SimpleNamespace(pk=1, method="tasting"), SimpleNamespace(pk=2, method="smelling")]

    counts = methods.counts(campaigns)

    assert counts == {1: (5, 2), 2: (7, 0)}
    assert sorted(calls) == [("ratings", [1, 2]), ("tasters", [1, 2])]


def test_the_site_registers_exactly_the_methods_it_implements():
    assert set(registry.all_keys()) == {"idea_challenge", "design_contest", "naming_contest", "pairwise", "opinion_map"}
    assert "survey" not in registry and "configurator" not in registry
