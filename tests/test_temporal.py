from datetime import date

import pytest
from pydantic import ValidationError

from graph.temporal import PartialDate, Precision, TimeWindow, ValidTime, WindowError


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2025-08-13", Precision.DAY, date(2025, 8, 13), date(2025, 8, 13)),
        ("2024-02", Precision.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
        ("2019", Precision.YEAR, date(2019, 1, 1), date(2019, 12, 31)),
    ],
)
def test_partial_date_covers_every_day_of_its_precision(text, precision, earliest, latest):
    parsed = PartialDate.parse(text)
    assert (parsed.precision, parsed.earliest, parsed.latest) == (precision, earliest, latest)


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "13/08/2025", "last autumn", ""])
def test_partial_date_rejects_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_ongoing_interval_has_no_end_and_starts_at_its_first_day():
    when = ValidTime(start="2024-09", ongoing=True)
    assert when.precision == "interval"
    assert when.valid_from == date(2024, 9, 1)
    assert when.valid_to is None


def test_closed_interval_ends_on_the_last_day_of_its_end():
    when = ValidTime(start="2024-12", end="2025-04")
    assert when.valid_to == date(2025, 4, 30)
    assert when.as_properties()["end_precision"] == "month"


def test_interval_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValidationError, match="before start"):
        ValidTime(start="2025-04", end="2025-03-31")


def test_interval_cannot_be_both_ongoing_and_ended():
    with pytest.raises(ValidationError, match="ongoing"):
        ValidTime(start="2024", end="2025", ongoing=True)


def test_window_is_inclusive_of_partial_dates():
    window = TimeWindow(since="2025", until="2025-08")
    assert window.event_bounds == (date(2025, 1, 1), date(2025, 8, 31))
    assert window.relation_bounds == window.event_bounds
    assert TimeWindow().parameters() == dict.fromkeys(
        ("since", "until", "relation_since", "relation_until")
    )


def test_as_of_takes_events_up_to_the_day_and_relationships_holding_on_it():
    window = TimeWindow(as_of="2025-01-01")
    assert window.event_bounds == (None, date(2025, 1, 1))
    assert window.relation_bounds == (date(2025, 1, 1), date(2025, 1, 1))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"since": "2025-09", "until": "2025-08"}, "since: '2025-09' is after until"),
        ({"since": "yesterday"}, "since: 'yesterday' is not a date"),
        ({"as_of": "2025-01-01", "until": "2025"}, "as_of: give as_of alone"),
    ],
)
def test_window_errors_name_the_parameter(arguments, message):
    with pytest.raises(ValueError, match=message):
        TimeWindow(**arguments)


@pytest.mark.parametrize(
    ("window", "parameter"),
    [({"until": "2025-13"}, "until"), ({"as_of": "2025-01-01", "since": "2024"}, "as_of"),
     ({"since": "2025-09", "until": "2025-08"}, "since")],
)
def test_a_bad_window_names_its_parameter(window: dict[str, str], parameter: str):
    with pytest.raises(WindowError) as raised:
        TimeWindow.of(**window)
    assert raised.value.parameter == parameter and str(raised.value).startswith(f"{parameter}: ")


def test_a_prefixed_window_names_its_prefixed_parameters():
    with pytest.raises(WindowError) as raised:
        TimeWindow.of("2025", "2024", prefix="b_")
    assert raised.value.parameter == "b_since"
    assert str(raised.value) == "b_since: '2025' is after b_until '2024'"
    with pytest.raises(WindowError) as raised:
        TimeWindow.of(until="2024-13", prefix="a_")
    assert raised.value.parameter == "a_until"
    assert TimeWindow.of("2024", "2025", prefix="a_") == TimeWindow(since="2024", until="2025")
