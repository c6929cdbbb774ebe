"""A small site of the content a theme breaks on: raw HTML, wide tables and code, drafts,
titles that try to leave the JSON-LD script element, odd tags, deep headings."""

from __future__ import annotations

import json
from pathlib import Path

BASE_URL = "https://edge.example.org/notes/"
CONFIG = f"""\
title = "Edge </script> & <!-- Co"
base_url = "{BASE_URL}"
timezone = "Europe/Berlin"
language = "en-GB"
author = "Ada <ada@example.org>"
description = "Posts that </script> break <!-- themes"
per_page = 2
raw_html = true
# Slugs from titles (Pelican's way), so the breakout title makes a URL too.
slug_source = "title"
"""
BREAKOUT_TITLE = '</script><script>window.pwned = 1</script> <!-- "quoted" & café\u2028'

WIDE_ROW = " | ".join(f"column {n} with rather long words" for n in range(1, 9))
LONG_CODE = "result = " + " + ".join(f"compute_value_number_{n}(argument)" for n in range(1, 16))

POSTS = {
    "breakout.md": f"""---
title: {json.dumps(BREAKOUT_TITLE, ensure_ascii=False)}
date: 2024-06-01T10:00:00
updated: 2024-06-03T09:00:00
draft: true
tags: [C++, "🦄", "Über Ärger", python]
summary: "A summary with </script> and <!-- in it"
---
# Raw and wide

A wide Markdown table:

| {WIDE_ROW} |
|{"---|" * 8}
| {WIDE_ROW} |

| Left | Centre | Right |
|:-----|:------:|------:|
| a | b | c |

A long line of code:

```python
{LONG_CODE}
```

```
{LONG_CODE}
```

<table><tr><td>{WIDE_ROW}</td><td>{"unbreakable" * 12}</td></tr></table>

<pre>{LONG_CODE}</pre>

## Deep

### Deeper

#### Deepest

Text with a footnote.[^1]

> A quote, with `code` in it.

- [x] done
- [ ] open

![A red square](/notes/img/square.svg)

[^1]: The note.
""",
    "plain.md": """---
title: A plain post
date: 2024-05-01
tags: [python, "Über Ärger"]
---
Just text, with a [link](https://example.org/).

## One

## Two

## Three
""",
    "older.md": """---
title: An older post
date: 2023-01-15
tags: [python]
---
Older text.
""",
}

SQUARE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<rect width="10" height="10" fill="#c00"/></svg>'
)


def write_edge_site(folder: Path) -> Path:
    """Given an empty folder, writes the edge site into it and returns the folder."""
    (folder / "content").mkdir()
    (folder / "static" / "img").mkdir(parents=True)
    (folder / "static" / "img" / "square.svg").write_text(SQUARE_SVG)
    (folder / "octavo.toml").write_text(CONFIG, "utf-8")
    for name, text in POSTS.items():
        (folder / "content" / name).write_text(text, "utf-8")
    return folder
