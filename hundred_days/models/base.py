from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Stores hand datetimes back without a zone (PyMongo's default); they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
