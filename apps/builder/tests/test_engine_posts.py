"""Posts written for Hugo, Zola and Jekyll build as they are: what each key shows on the pages."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

from octavo import Builder

ATOM = "{http://www.w3.org/2005/Atom}"

CONFIG = (
    'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\nlist_content = "summary"\n'
)
NOW = datetime(2025, 1, 1, tzinfo=UTC)

HUGO = """+++
title = "Hugo post"
date = 2024-03-01
lastmod = 2024-04-02
description = "What search engines show."
publishDate = 2024-03-02
expiryDate = 2030-01-01
layout = "single"
[params]
hero = "hero.png"
+++
The first paragraph, shown on lists.

{{< figure src="a.png" >}}

```
{{< this-is-code >}}
```
"""

JEKYLL = """---
title: Jekyll post
layout: post
excerpt: The excerpt, shown on lists.
published: true
---
Body with {% include note.html %} in it.
"""


def make_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    (root / "content" / "hugo.md").write_text(HUGO)
    (root / "content" / "2024-02-19-jekyll.markdown").write_text(JEKYLL)
    (root / "content" / "gone.md").write_text(
        "---\ntitle: Gone\ndate: 2024-01-01\nexpiryDate: 2024-12-31\n---\nOld news.\n"
    )
    (root / "content" / "draft.md").write_text(
        "---\ntitle: Draft\ndate: 2024-01-01\npublished: false\n---\nNot yet.\n"
    )
    return root


def test_posts_of_other_engines_build_with_their_keys_read(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    report = Builder(site, now=NOW).build()
    assert report.ok, [str(error) for error in report.errors]
    assert (report.posts, report.drafts, report.expired) == (
        2,
        ("content/draft.md",),
        ("content/gone.md",),
    )
    public = site / "public"
    hugo = (public / "posts" / "hugo" / "index.html").read_text()
    assert '<meta name="description" content="What search engines show.">' in hugo
    assert '(updated <time datetime="2024-04-02' in hugo
    jekyll = (public / "posts" / "jekyll" / "index.html").read_text()
    assert "2024-02-19" in jekyll  # the date from the file name
    home = (public / "index.html").read_text()
    assert "The first paragraph, shown on lists." in home
    assert "The excerpt, shown on lists." in home
    assert "What search engines show." not in home
    feed = ElementTree.fromstring((public / "feed.xml").read_bytes())
    summaries = {
        entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}summary")
        for entry in feed.iter(f"{ATOM}entry")
    }
    assert summaries["Hugo post"] == "What search engines show."
    assert summaries["Jekyll post"] == "The excerpt, shown on lists."
    assert not (public / "posts" / "gone").exists()


def test_template_code_is_a_warning_naming_file_and_line(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s")
    report = Builder(site, now=NOW).build()
    found = {(w.path, w.line) for w in report.warnings if w.field == "body"}
    assert found == {("content/hugo.md", 14), ("content/2024-02-19-jekyll.markdown", 7)}
