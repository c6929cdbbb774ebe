"""Where a site's parts live on disk, and the checks that keep the output away from the content."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from octavo.layout import (
    CONFIG_FILE,
    CONTENT_DIR,
    DATA_DIR,
    OUTPUT_DIR,
    RECORDS_DIR,
    TEMPLATES_DIR,
)
from octavo.layout import STATIC_DIR as STATIC_DIR  # builder.py imports it from here
from octavo_content import ContentError


@dataclass(frozen=True)
class SitePaths:
    """The folders of one site: its root, content, static files, templates and output."""

    root: Path
    output: Path

    @classmethod
    def of(cls, site: Path, output: Path | None = None) -> SitePaths:
        """The paths of the site at `site`, writing to `output` (default `SITE/public`)."""
        root = site.resolve()
        return cls(root=root, output=(output or root / OUTPUT_DIR).resolve())

    @property
    def content(self) -> Path:
        """The folder of Markdown posts."""
        return self.root / CONTENT_DIR

    @property
    def static(self) -> Path:
        """The folder copied as-is to the output."""
        return self.root / STATIC_DIR

    @property
    def templates(self) -> Path:
        """The site's own templates, which override the theme's."""
        return self.root / TEMPLATES_DIR

    @property
    def data(self) -> Path:
        """The site's data files, for templates."""
        return self.root / DATA_DIR

    @property
    def records(self) -> Path:
        """Octavo's records of the site: its build cache, lock and output manifests."""
        return self.root / RECORDS_DIR

    def output_problems(self) -> list[ContentError]:
        """Errors when the output folder would overwrite or swallow the site's own files."""
        out = self.output
        guarded = [
            self.root / CONFIG_FILE,
            self.content,
            self.static,
            self.templates,
            self.records,
            self.data,
        ]
        for source in guarded:
            if out == source or out in source.parents or source == out.parent / out.name:
                return [self._refusal(f"is, or contains, the site's {source.name}")]
        for folder in guarded[1:]:
            if folder in out.parents:
                return [self._refusal(f"is inside the site's {folder.name} folder")]
        if out == self.root or out in self.root.parents:
            return [self._refusal("contains the whole site")]
        return []

    def _refusal(self, why: str) -> ContentError:
        return ContentError(
            path=str(self.output),
            field="output",
            message=f"the output folder {why}; Octavo will not write there",
            expected="a folder of its own, such as SITE/public",
            hint="choose another folder with -o, or leave -o out to use SITE/public",
        )
