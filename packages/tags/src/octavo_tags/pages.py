"""Pagination: a list cut into numbered pages, never zero pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its 1-based number, how many pages there are, and its items."""

    number: int
    total: int
    items: tuple[T, ...]

    @property
    def has_previous(self) -> bool:
        """True unless this is the first page."""
        return self.number > 1

    @property
    def has_next(self) -> bool:
        """True unless this is the last page."""
        return self.number < self.total


def paginate(items: Sequence[T], per_page: int) -> tuple[Page[T], ...]:
    """Given items and a page size, returns the pages; an empty list still gets one empty page."""
    if per_page < 1:
        raise ValueError(f"per_page is {per_page}; expected 1 or more")
    # An empty list has one page so that a tag or home page always exists to render.
    total = max(1, -(-len(items) // per_page))
    return tuple(
        Page(number=n + 1, total=total, items=tuple(items[n * per_page : (n + 1) * per_page]))
        for n in range(total)
    )
