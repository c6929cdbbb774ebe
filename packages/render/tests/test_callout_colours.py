"""The colours of GitHub alert callouts and of highlighted code lines hold WCAG AA (4.5:1) in the
light and the dark scheme: a callout's title on the page, every code colour on a marked line."""

from __future__ import annotations

import pytest
from wcag import contrast, scheme

KINDS = ("note", "tip", "important", "warning", "caution")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_callout_titles_and_marked_code_lines_pass_wcag_aa(dark: bool) -> None:
    colours = scheme(dark)
    pairs = [(f"--callout-{kind}", "--bg") for kind in KINDS]
    code_text = ["--fg", "--muted"] + [name for name in colours if name.startswith("--hl-")]
    pairs += [(name, "--code-line") for name in code_text]
    failing = {
        (fore, back): round(contrast(colours[fore], colours[back]), 2)
        for fore, back in pairs
        if contrast(colours[fore], colours[back]) < 4.5
    }
    assert failing == {}
    # Each scheme has its own marked line, distinct from plain code.
    assert colours["--code-line"] != colours["--code-bg"]
