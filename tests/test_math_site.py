"""Math in a built site: MathML the Nu Html Checker accepts, on the post's page and its list."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sitecheck
from browser import SCHEMES, axe_violations, open_page, serve
from playwright.sync_api import Browser
from smallsite import build, post, write_site

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


# Wider than a phone: a sum of 40 terms on one line, displayed and inside a paragraph.
_WIDE = " + ".join(f"\\frac{{x_{{{n}}}}}{{y_{{{n}}}}}" for n in range(40))


@pytest.fixture(scope="module")
def wide_math_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of one post with a display formula far wider than a 375 px screen."""
    body = f"A long sum:\n\n$$\n{_WIDE}\n$$\n\nAnd in a paragraph: $${_WIDE}$$ still.\n"
    root = write_site(
        tmp_path_factory.mktemp("wide-math") / "site", {"wide.md": post("Wide", body)}
    )
    build(root)
    return root / "public"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_wide_formula_scrolls_in_its_box_at_375_px_never_the_page(
    chromium: Browser, wide_math_site: Path, scheme: str
) -> None:
    with serve(wide_math_site) as origin:
        visit = open_page(chromium, origin, "/posts/wide/", width=375, scheme=scheme)
        page = visit.page
        # The page itself never scrolls sideways: only the formula's own box does.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        boxes = page.evaluate(
            """() => [...document.querySelectorAll("math[display=block]")].map(math => {
                const box = math.parentElement;
                return [box.scrollWidth > box.clientWidth, box.tabIndex];
            })"""
        )
        # Each overflows its box, which keyboard users can focus to scroll.
        assert boxes == [[True, 0], [True, 0]]
        assert axe_violations(page) == []
        assert visit.problems() == []
