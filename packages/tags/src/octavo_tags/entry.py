"""A tag entry: one tag with its posts and the spellings it was written in."""

from __future__ import annotations

from dataclasses import dataclass

from octavo_content import LightPost, Tag


@dataclass(frozen=True)
class TagEntry:
    """A tag, its posts newest first, and every distinct spelling seen, most used first."""

    tag: Tag
    posts: tuple[LightPost, ...]
    spellings: tuple[str, ...]

    @property
    def count(self) -> int:
        """The number of posts carrying the tag."""
        return len(self.posts)
