"""The owner's local calendar day: extreme offsets, DST changes, day_start_hour."""

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hundred_days.analytics import date_range, is_valid_timezone, local_date, local_today

NEW_YORK = "America/New_York"
KIRITIMATI = "Pacific/Kiritimati"  # UTC+14, the earliest zone
PAGO_PAGO = "Pacific/Pago_Pago"  # UTC-11


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def new_york(year: int, month: int, day: int, hour: int, minute: int, *, fold: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(NEW_YORK), fold=fold)


# --------------------------------------------------------------------------- extreme offsets


def test_the_same_instant_is_two_days_apart_in_kiritimati_and_pago_pago() -> None:
    instant = utc(2026, 6, 15, 10, 30)  # 00:30 on the 16th in Kiritimati, 23:30 on the 14th
    assert local_date(instant, KIRITIMATI) == date(2026, 6, 16)
    assert local_date(instant, PAGO_PAGO) == date(2026, 6, 14)
    assert local_date(instant, "UTC") == date(2026, 6, 15)


def test_day_start_hour_moves_early_hours_to_the_previous_day() -> None:
    instant = utc(2026, 6, 15, 10, 30)  # 00:30 in Kiritimati
    assert local_date(instant, KIRITIMATI, day_start_hour=1) == date(2026, 6, 15)
    assert local_date(utc(2026, 6, 15, 14, 0), KIRITIMATI, day_start_hour=4) == date(2026, 6, 16)
    assert local_date(utc(2026, 6, 15, 13, 59), KIRITIMATI, day_start_hour=4) == date(2026, 6, 15)
    # 14:59 on the 15th in Pago Pago is 01:59 on the 16th UTC: still the 15th there.
    assert local_date(utc(2026, 6, 16, 1, 59), PAGO_PAGO, day_start_hour=4) == date(2026, 6, 15)


def test_local_today_is_local_date() -> None:
    now = utc(2026, 1, 1, 3, 0)
    assert local_today(now, NEW_YORK) == date(2025, 12, 31)
    assert local_today(now, KIRITIMATI, 4) == local_date(now, KIRITIMATI, 4) == date(2026, 1, 1)


# --------------------------------------------------------------------------- DST


def test_spring_forward_2026_03_08() -> None:
    # 02:00 EST becomes 03:00 EDT. 03:30 EDT is 07:30 UTC.
    assert local_date(new_york(2026, 3, 8, 3, 30), NEW_YORK) == date(2026, 3, 8)
    assert local_date(new_york(2026, 3, 8, 3, 30), NEW_YORK, 4) == date(2026, 3, 7)
    assert local_date(utc(2026, 3, 8, 7, 30), NEW_YORK, 4) == date(2026, 3, 7)
    # 04:30 EDT with the day starting at 04:00 is the 8th. Shifting on UTC instead
    # (08:30Z - 4 h = 04:30Z = 23:30 EST) would wrongly give the 7th.
    assert local_date(utc(2026, 3, 8, 8, 30), NEW_YORK, 4) == date(2026, 3, 8)
    assert local_date(utc(2026, 3, 8, 6, 59), NEW_YORK) == date(2026, 3, 8)  # 01:59 EST


def test_fall_back_2026_11_01() -> None:
    # 02:00 EDT becomes 01:00 EST; 01:30 happens twice, both on the 1st.
    assert local_date(new_york(2026, 11, 1, 1, 30, fold=0), NEW_YORK) == date(2026, 11, 1)
    assert local_date(new_york(2026, 11, 1, 1, 30, fold=1), NEW_YORK) == date(2026, 11, 1)
    # 03:30 EST = 08:30 UTC with the day starting at 04:00: the 31st. Shifting on UTC
    # (04:30Z = 00:30 EDT on the 1st) would wrongly give the 1st.
    assert local_date(utc(2026, 11, 1, 8, 30), NEW_YORK, 4) == date(2026, 10, 31)
    assert local_date(utc(2026, 11, 1, 9, 30), NEW_YORK, 4) == date(2026, 11, 1)  # 04:30 EST
    assert local_date(utc(2026, 11, 1, 4, 30), NEW_YORK) == date(2026, 11, 1)  # 00:30 EDT
    assert local_date(utc(2026, 11, 1, 3, 59), NEW_YORK) == date(2026, 10, 31)  # 23:59 EDT


SPRING = (utc(2026, 3, 6, 0), utc(2026, 3, 11, 0))
AUTUMN = (utc(2026, 10, 30, 0), utc(2026, 11, 4, 0))


@pytest.mark.parametrize(
    ("walk", "day_start_hour", "day", "hours"),
    [
        (SPRING, 0, date(2026, 3, 8), 23),
        # With the day starting at 04:00, the 02:00 change falls in the previous date.
        (SPRING, 4, date(2026, 3, 7), 23),
        (AUTUMN, 0, date(2026, 11, 1), 25),
        (AUTUMN, 4, date(2026, 10, 31), 25),
    ],
)
def test_dst_never_adds_or_drops_a_day(
    walk: tuple[datetime, datetime],
    day_start_hour: int,
    day: date,
    hours: int,
) -> None:
    """Walk through the change by quarter hours: dates stay consecutive, the DST day is 23/25 h."""
    seen: dict[date, int] = {}
    moment, last = walk
    while moment < last:
        local = local_date(moment, NEW_YORK, day_start_hour)
        seen[local] = seen.get(local, 0) + 1
        moment += timedelta(minutes=15)
    dates = sorted(seen)
    assert dates == list(date_range(dates[0], dates[-1]))
    for local in dates[1:-1]:  # the first and last dates are only partly walked
        assert seen[local] == (hours if local == day else 24) * 4


def test_local_date_rejects_naive_moments_unknown_zones_and_bad_hours() -> None:
    with pytest.raises(ValueError, match="aware"):
        local_date(datetime(2026, 3, 8, 12, 0), NEW_YORK)
    with pytest.raises(ValueError, match="time zone"):
        local_date(utc(2026, 3, 8), "Mars/Olympus_Mons")
    with pytest.raises(ValueError, match="day_start_hour"):
        local_date(utc(2026, 3, 8), NEW_YORK, 24)


# --------------------------------------------------------------------------- date_range


def test_date_range_across_dst_has_one_entry_per_calendar_date() -> None:
    march = list(date_range(date(2026, 3, 1), date(2026, 3, 31)))
    assert len(march) == 31
    assert march == [date(2026, 3, day) for day in range(1, 32)]
    autumn = list(date_range(date(2026, 10, 25), date(2026, 11, 7)))
    assert len(autumn) == 14
    assert len(set(autumn)) == 14
    assert all(b - a == timedelta(days=1) for a, b in itertools.pairwise(autumn))


def test_date_range_bounds() -> None:
    assert list(date_range(date(2026, 3, 8), date(2026, 3, 8))) == [date(2026, 3, 8)]
    assert list(date_range(date(2026, 3, 9), date(2026, 3, 8))) == []
    assert list(date_range(date(2024, 2, 28), date(2024, 3, 1))) == [
        date(2024, 2, 28),
        date(2024, 2, 29),
        date(2024, 3, 1),
    ]


# --------------------------------------------------------------------------- time zones


@pytest.mark.parametrize("name", ["UTC", NEW_YORK, KIRITIMATI, PAGO_PAGO, "Europe/Paris"])
def test_real_iana_zones_are_valid(name: str) -> None:
    assert is_valid_timezone(name)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "local",
        "localtime",
        "/etc/localtime",
        "/usr/share/zoneinfo/UTC",
        "../zoneinfo/UTC",
        "America/../UTC",
        "Mars/Olympus_Mons",
        " UTC",
        "UTC+1",
    ],
)
def test_other_names_are_not_valid(name: str) -> None:
    assert not is_valid_timezone(name)
