"""Review cycles as plain functions: when a review falls due, and how due it is."""

import calendar
from collections.abc import Iterable
from datetime import date
from enum import StrEnum


class ReviewStatus(StrEnum):
    ok = "ok"
    due = "due"  # falls due within the look-ahead
    overdue = "overdue"  # the due date has passed


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, kept to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_on(last_review: date | None, since: date, interval_months: int) -> date:
    """When the next review falls due: an interval after the last one (or after `since`)."""
    return add_months(last_review or since, interval_months)


def status_of(due: date, today: date, *, within_days: int) -> ReviewStatus:
    """Overdue once the due date has passed; due from `within_days` before it."""
    if due < today:
        return ReviewStatus.overdue
    if (due - today).days <= within_days:
        return ReviewStatus.due
    return ReviewStatus.ok


def last_review(reviews: Iterable[tuple[str, date]], chain: list[str]) -> date | None:
    """The latest review held at the locality or above it: a region's or a health
    community's review covers the localities beneath it."""
    held = set(chain)
    days = [day for code, day in reviews if code in held]
    return max(days) if days else None
