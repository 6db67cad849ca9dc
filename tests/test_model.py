import pytest
from pydantic import ValidationError

from graph.model import Actor, DatasetActor, DatasetPlace, Event, Place, Relationship, Source
from graph.store.canonical import canonical
from graph.vocabulary import EventFamily, event_types

CALL = {
    "type": "telephone_call",
    "when": {"start": "2025-08-13"},
    "participants": [
        {"actor": "kim_jong_un", "role": "initiator"},
        {"actor": "vladimir_putin", "role": "target"},
    ],
    "title": "Phone call",
    "summary": "Kim and Putin spoke by phone.",
    "claims": [{"source": "src:a", "quote": "q", "language": "ar", "attributed_to": ["kcna"]}],
}


def test_event_id_is_derived_from_content_and_stable():
    first, second = Event(**CALL), Event(**CALL)
    assert first.id == second.id and first.id.startswith("ev:")
    moved = Event(**{**CALL, "when": {"start": "2025-08-14"}})
    assert moved.id != first.id
    corroborated = Event(**{**CALL, "claims": CALL["claims"] + [
        {"source": "src:b", "quote": "q2", "language": "en"}]})
    assert corroborated.id == first.id


def test_unknown_event_type_is_refused_with_the_known_types():
    with pytest.raises(ValidationError, match="unknown event type 'chat'"):
        Event(**{**CALL, "type": "chat"})


def test_extra_fields_are_refused():
    with pytest.raises(ValidationError, match="Extra inputs"):
        Event(**{**CALL, "colour": "red"})


def test_directed_roles_give_one_dyad_in_the_direction_of_the_action():
    assert Event(**CALL).dyads() == [("kim_jong_un", "vladimir_putin", False)]


def test_signatories_all_pair_with_each_other_once():
    treaty = Event(
        **{
            **CALL,
            "type": "sign_formal_agreement",
            "participants": [
                {"actor": name, "role": "signatory"} for name in ("rus", "prk", "kim_jong_un")
            ],
        }
    )
    assert treaty.dyads() == [("kim_jong_un", "prk", True), ("kim_jong_un", "rus", True),
                              ("prk", "rus", True)]


def test_source_id_is_derived_from_its_url():
    source = Source(publisher="P", url="https://example.org/a", published="2025-08-13", language="ar")
    again = Source(publisher="Q", url="https://example.org/a", published="2025-08-14", language="ar")
    assert source.id == again.id


def test_relationship_needs_a_time_or_an_event_to_take_it_from():
    with pytest.raises(ValidationError, match="derived_from"):
        Relationship(type="ALLY_OF", subject="rus", object="prk")


def test_relationship_type_comes_from_the_allow_list():
    with pytest.raises(ValidationError):
        Relationship(type="ALLY_OF]->() DETACH DELETE (", subject="a", object="b",
                     when={"start": "2024"})


def test_every_vocabulary_entry_has_a_family_and_a_cameo_code():
    types = event_types()
    assert len(types) >= 30
    assert {t.family for t in types.values()} <= set(EventFamily)
    assert types["telephone_call"].cameo == "041"
    assert types["sign_formal_agreement"].cameo == "057"
    assert types["provide_military_aid"].cameo == "072"


def test_represented_states_take_part_through_their_leaders_and_pair_with_each_other():
    call = Event(
        **{
            **CALL,
            "participants": [
                {"actor": "kim_jong_un", "role": "participant", "represents": "prk"},
                {"actor": "vladimir_putin", "role": "participant", "represents": "rus"},
            ],
        }
    )
    through = {(p.actor, p.through) for p in call.participations() if p.through}
    assert through == {("prk", "kim_jong_un"), ("rus", "vladimir_putin")}
    assert call.dyads() == [("kim_jong_un", "vladimir_putin", True), ("prk", "rus", True)]


def test_a_leader_pairs_with_no_state_not_even_one_named_beside_him():
    treaty = Event(
        **{
            **CALL,
            "type": "sign_formal_agreement",
            "participants": [
                {"actor": "vladimir_putin", "role": "signatory", "represents": "rus"},
                {"actor": "rus", "role": "signatory"},
                {"actor": "prk", "role": "signatory"},
            ],
        }
    )
    assert treaty.dyads() == [("prk", "rus", True)]


INVISIBLE = ["\u200d\u200d", "\ufeff", "\u202e\u202d\u2066", " \u00a0\t", "\u200b"]


@pytest.mark.parametrize("text", INVISIBLE)
def test_a_name_or_title_without_a_visible_character_is_refused_naming_its_field(text: str):
    cases = [
        (Actor, {"id": "a", "kind": "state", "name": text}, "name"),
        (Actor, {"id": "a", "kind": "state", "name": "A", "aliases": ["A.", text]}, "aliases"),
        (Actor, {"id": "a", "kind": "state", "name": "A", "names": [{"text": text, "lang": "ar"}]},
         "text"),
        (Place, {"id": "p", "kind": "city", "name": text}, "name"),
        (DatasetActor, {"id": "a", "kind": "state", "name": text, "resolution": "r"}, "name"),
        (DatasetPlace, {"id": "p", "kind": "city", "name": text}, "name"),
        (Source, {"url": "https://a.example/1", "published": "2025-01-01", "language": "en",
                  "publisher": text}, "publisher"),
        (Source, {"url": "https://a.example/1", "published": "2025-01-01", "language": "en",
                  "publisher": "P", "title": text}, "title"),
        (Event, {**CALL, "title": text}, "title"),
    ]
    for model, fields, field in cases:
        with pytest.raises(ValidationError) as raised:
            model(**fields)
        error = raised.value.errors()[0]
        assert field in error["loc"] and f"{field} holds no visible character" in error["msg"]


def test_names_with_a_visible_character_among_invisible_ones_are_kept():
    for text in ["\u200dé", "\u202eabc\u202c", "\ufeffKim", "—", "٣", "€"]:
        assert Actor(id="a", kind="state", name=text).name == text


def test_what_holds_a_set_is_stored_as_one_record_in_any_order():
    """An equivalent record written in another order (RDF has none) is stored the same; the
    record as given keeps its order, so errors name fields by their place in the file."""
    two_claims = CALL["claims"] + [{"source": "src:b", "quote": "q2", "language": "en",
                                    "attributed_to": ["b", "a"], "via": ["z", "y"]}]
    event = Event(**{**CALL, "claims": two_claims})
    reordered = Event(**{**CALL, "participants": CALL["participants"][::-1],
                         "claims": [{**two_claims[1], "attributed_to": ["a", "b"], "via": ["y", "z"]},
                                    two_claims[0]]})
    assert reordered != event and canonical(reordered) == canonical(event)
    assert reordered.participants[0].actor == "vladimir_putin"
    actor = {"record": "actor", "id": "prk", "name": "North Korea", "kind": "state",
             "aliases": ["North Korea", "DPRK"],
             "names": [{"text": "북한", "lang": "ko"}, {"text": "كوريا الشمالية", "lang": "ar"}]}
    stored = canonical(Actor(**actor))
    assert stored.aliases == ["DPRK", "North Korea"] and [n.lang for n in stored.names] == ["ar", "ko"]
    assert canonical(Actor(**{**actor, "aliases": ["DPRK", "North Korea"],
                              "names": actor["names"][::-1]})) == stored


@pytest.mark.parametrize(("given", "canonical"), [
    ("EN", "en"), ("zh-hans-cn", "zh-Hans-CN"), ("SR-LATN", "sr-Latn"), ("es-419", "es-419")])
def test_a_language_tag_is_kept_in_its_canonical_case(given: str, canonical: str):
    """Tags are case-insensitive (BCP 47): one value however a file or a tool cased it."""
    place = Place(id="x", name="X", kind="city", names=[{"text": "x", "lang": given}])
    assert place.names[0].lang == canonical
    claim = {"source": "src:a", "quote": "q", "language": given}
    assert Event(**{**CALL, "claims": [claim]}).claims[0].language == canonical
