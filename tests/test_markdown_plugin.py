"""The Markdown extension API through its shipped example, examples/octavo-mermaid: installed as
an installer lays a distribution out, it turns mermaid fences into `<pre class="mermaid">` in a
real build, with no change to the engine, and installing it parses the posts again."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import sitecheck
from sitecheck import REPO

from octavo import Builder
from octavo_parser import markdown_plugins
from octavo_parser.markdown import markdown_for

EXAMPLE = REPO / "examples" / "octavo-mermaid"
CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
POST = """---
title: Diagrams
date: 2024-05-01
---
How a post becomes a page:

```mermaid
graph LR
  A["<b>Markdown</b>"] --> B & C
```

And some Python, still highlighted:

```python
print("hi")
```
"""


def _forget_plugins() -> None:
    """The parser finds plugins and builds its Markdown once per process: start again."""
    markdown_plugins.cache_clear()
    markdown_for.cache_clear()


def install_example(target: Path) -> None:
    """Installs the example into `target` the way an installer would: the package, and a
    `.dist-info` folder holding its metadata and the entry points its pyproject declares."""
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text("utf-8"))["project"]
    shutil.copytree(EXAMPLE / "src" / "octavo_mermaid", target / "octavo_mermaid")
    info = target / f"octavo_mermaid-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n"
    )
    groups = project["entry-points"]
    (info / "entry_points.txt").write_text(
        "".join(
            f"[{group}]\n" + "".join(f"{name} = {value}\n" for name, value in points.items())
            for group, points in groups.items()
        )
    )


@pytest.fixture
def mermaid_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    target = tmp_path / "site-packages"
    install_example(target)
    monkeypatch.syspath_prepend(str(target))
    _forget_plugins()
    yield
    monkeypatch.undo()
    _forget_plugins()


def make_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    (root / "content" / "diagrams.md").write_text(POST)
    return root


def post_page(site: Path) -> str:
    return (site / "public" / "posts" / "diagrams" / "index.html").read_text("utf-8")


def test_the_example_declares_its_plugin_in_the_markdown_group() -> None:
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["entry-points"]["octavo.markdown"] == {"mermaid": "octavo_mermaid:mermaid"}


def test_a_mermaid_fence_becomes_an_escaped_pre_for_mermaid(
    tmp_path: Path, mermaid_installed: None
) -> None:
    site = make_site(tmp_path / "s")
    assert Builder(site).build().ok
    page = post_page(site)
    assert (
        '<pre class="mermaid">graph LR\n'
        "  A[&quot;&lt;b&gt;Markdown&lt;/b&gt;&quot;] --&gt; B &amp; C</pre>"
    ) in page
    assert "<b>Markdown</b>" not in page  # the diagram's text is never markup
    # Other fences are untouched: still highlighted code.
    assert 'class="language-python' in page or 'class="highlight' in page


def test_without_the_plugin_a_mermaid_fence_is_code(tmp_path: Path) -> None:
    _forget_plugins()
    site = make_site(tmp_path / "s")
    assert Builder(site).build().ok
    assert 'class="mermaid"' not in post_page(site)


def test_installing_the_plugin_parses_the_posts_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "s")
    _forget_plugins()
    assert Builder(site).build().ok
    assert 'class="mermaid"' not in post_page(site)
    target = tmp_path / "site-packages"
    install_example(target)
    monkeypatch.syspath_prepend(str(target))
    _forget_plugins()
    try:
        assert Builder(site).build().ok  # the same site, the cache of the first build in place
        assert '<pre class="mermaid">' in post_page(site)
    finally:
        monkeypatch.undo()
        _forget_plugins()


@pytest.mark.browser
def test_a_page_with_a_diagram_passes_the_nu_html_checker(
    tmp_path: Path, mermaid_installed: None, vnu_jar: Path
) -> None:
    site = make_site(tmp_path / "s")
    assert Builder(site).build().ok
    assert (
        sitecheck.nu_errors(vnu_jar, [site / "public" / "posts" / "diagrams" / "index.html"]) == []
    )
