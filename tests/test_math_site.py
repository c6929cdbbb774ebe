"""Math in a built site: MathML the Nu Html Checker accepts, on the post's page and its list."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sitecheck

from octavo import Builder

_BODY = """Euler's identity, $e^{i\\pi} + 1 = 0$, costs $5 and $10 to print.

$$
\\int_0^1 x\\,dx = \\frac{1}{2}
$$

In a paragraph: $$\\sum_{k=1}^{n} k$$ and $a<b$.

```math
\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}
```

- $\\sqrt{x}$ in a list, $\\href{https://example.org/}{\\pi}$ linked

Broken: $\\frac{1}{$, and broken on its own:

$$
x^
$$
"""


@pytest.mark.browser
def test_math_pages_pass_the_nu_html_checker(tmp_path: Path, vnu_jar: Path) -> None:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(
        'title = "Sums"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
    )
    (root / "content" / "sums.md").write_text("---\ntitle: Sums\ndate: 2024-05-01\n---\n" + _BODY)
    report = Builder(root, now=datetime(2025, 1, 1, tzinfo=UTC)).build()
    assert report.ok
    # The two formulas that do not convert: warnings at their file lines, shown as code.
    assert [(p.path, p.line, p.field) for p in report.problems] == [
        ("content/sums.md", 19, "math"),
        ("content/sums.md", 22, "math"),
    ]
    output = root / "public"
    post, index = output / "posts" / "sums" / "index.html", output / "index.html"
    for page in (post, index):
        html = page.read_text()
        assert html.count("<math") == 7
        assert html.count('<math display="block">') == 3
        assert html.count('<annotation encoding="application/x-tex">') == 7
        assert '<code class="math">\\frac{1}{</code>' in html
        assert "costs $5 and $10 to print" in html
    assert sitecheck.nu_errors(vnu_jar, [post, index]) == []
