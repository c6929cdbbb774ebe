"""Checks of a built site as its clients see it: the Nu Html Checker, links and anchors, feeds."""

from __future__ import annotations

import itertools
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


class _PageFacts(HTMLParser):
    """What the outline, CSP and JSON-LD checks need from one page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.inline: list[str] = []
        self.json_ld: list[str] = []
        self.links: list[tuple[str, str]] = []
        # The `src` of each script file the page loads.
        self.scripts: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append(int(tag[1]))
        for name, _ in attrs:
            if name == "style" or name.startswith("on"):
                self.inline.append(f"<{tag} {name}=...>")
        if tag == "style":
            self.inline.append("<style>")
        if tag == "script":
            if "src" in values:
                self.scripts.append(str(values["src"]))
                return
            if values.get("type") != "application/ld+json":
                self.inline.append(f"<script {values}>")
            self._script = []
        if tag == "link":
            self.links.append((str(values.get("rel")), str(values.get("href"))))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def page_facts(page: Path) -> _PageFacts:
    """The headings, inline code, JSON-LD blocks and `<link>`s of a page."""
    facts = _PageFacts()
    facts.feed(page.read_text("utf-8"))
    facts.close()
    return facts


def outline_problems(page: Path) -> list[str]:
    """A page's heading problems: not exactly one h1, not first, or a level skipped going down."""
    levels = page_facts(page).headings
    problems = []
    if levels.count(1) != 1 or not levels or levels[0] != 1:
        problems.append(f"{page}: headings {levels} need exactly one h1, first")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"{page}: h{before} is followed by h{after}")
    return problems


def csp_problems(page: Path) -> list[str]:
    """What a strict Content-Security-Policy would block: inline styles, handlers, scripts, and
    styles or scripts from another origin (the search page's own script file is `'self'`)."""
    facts = page_facts(page)
    external = [
        f"<link rel={rel} href={href}>"
        for rel, href in facts.links
        if rel in {"stylesheet", "icon", "preload", "modulepreload"} and "//" in href
    ]
    external += [f"<script src={src}>" for src in facts.scripts if "//" in src]
    return [f"{page}: {problem}" for problem in facts.inline + external]


def json_ld(page: Path) -> list[dict[str, object]]:
    """The JSON-LD blocks of a page, parsed."""
    return [json.loads(block) for block in page_facts(page).json_ld]
