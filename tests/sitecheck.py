"""Checks of a built site as its clients see it: the Nu Html Checker, links and anchors, feeds."""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_files(output: Path) -> list[Path]:
    """Every HTML page of a built site."""
    return sorted(output.rglob("*.html"))


def nu_errors(vnu_jar: Path, files: list[Path]) -> list[str]:
    """The Nu Html Checker's errors for `files`, one line each (empty when all are valid)."""
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{message.get('url', '?')}:{message.get('lastLine', '?')}: {message['message']}"
        for message in messages
        if message.get("type") in {"error", "non-document-error"}
    ]


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            value = values.get(name)
            if value is not None and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append(value)


def _parse(page: Path) -> _LinkCollector:
    collector = _LinkCollector()
    collector.feed(page.read_text("utf-8"))
    return collector


def broken_links(output: Path, base_url: str) -> list[str]:
    """Internal links and anchors (`href`, `src`) of every page that do not resolve in `output`."""
    base = urlsplit(base_url)
    pages = {page: _parse(page) for page in html_files(output)}
    broken: list[str] = []
    for page, collected in pages.items():
        page_url = base_url + page.relative_to(output).as_posix()
        for link in collected.links:
            target = urlsplit(urljoin(page_url, link))
            if target.scheme not in {"http", "https"} or target.netloc != base.netloc:
                continue
            path = unquote(target.path)
            if not path.startswith(base.path):
                broken.append(f"{page}: {link} leaves the site's base path")
                continue
            file = output / path.removeprefix(base.path)
            if path.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{page}: {link} -> missing {file.relative_to(output)}")
                continue
            if target.fragment and file.suffix == ".html":
                ids = pages[file].ids if file in pages else _parse(file).ids
                if unquote(target.fragment) not in ids:
                    broken.append(f"{page}: {link} -> no id {target.fragment!r}")
    return broken


def text_blocks(page: Path) -> list[str]:
    """The text of the headings and paragraphs inside `<main>`, in order, whitespace folded."""

    class Blocks(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.blocks: list[str] = []
            self.in_main = False
            self.current: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "main":
                self.in_main = True
            elif self.in_main and tag in {"h1", "h2", "h3", "h4", "p"}:
                self.current = []

        def handle_endtag(self, tag: str) -> None:
            if tag == "main":
                self.in_main = False
            elif self.current is not None and tag in {"h1", "h2", "h3", "h4", "p"}:
                self.blocks.append(" ".join("".join(self.current).split()))
                self.current = None

        def handle_data(self, data: str) -> None:
            if self.current is not None:
                self.current.append(data)

    parser = Blocks()
    parser.feed(page.read_text("utf-8"))
    return [block for block in parser.blocks if block]


def seed_blocks(seed: Path) -> list[str]:
    """The seed page's heading, post titles, section headings and paragraphs, in order."""
    blocks = []
    for line in seed.read_text("utf-8").splitlines():
        text = line.strip().removeprefix("• ").strip()
        if text:
            blocks.append(" ".join(text.split()))
    return blocks
