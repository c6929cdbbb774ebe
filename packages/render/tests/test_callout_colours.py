"""The colours of GitHub alert callouts and of highlighted code lines hold WCAG AA (4.5:1) in the
light and the dark scheme: a callout's title on the page, every code colour on a marked line."""

from __future__ import annotations

import re

import pytest

from octavo_render.theme import asset_path, theme_assets

KINDS = ("note", "tip", "important", "warning", "caution")


def _scheme(dark: bool) -> dict[str, str]:
    """The stylesheet's custom properties in the light or dark scheme."""
    css = theme_assets()[asset_path("/theme/style.css")].decode()
    light = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-f]{6})", css.split("@media")[0]))
    if not dark:
        return light
    block = css.split("@media (prefers-color-scheme: dark)")[1].split("\n}\n")[0]
    return light | dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-f]{6})", block))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_callout_titles_and_marked_code_lines_pass_wcag_aa(dark: bool) -> None:
    colours = _scheme(dark)
    pairs = [(f"--callout-{kind}", "--bg") for kind in KINDS]
    code_text = ["--fg", "--muted"] + [name for name in colours if name.startswith("--hl-")]
    pairs += [(name, "--code-line") for name in code_text]
    failing = {
        (fore, back): round(_contrast(colours[fore], colours[back]), 2)
        for fore, back in pairs
        if _contrast(colours[fore], colours[back]) < 4.5
    }
    assert failing == {}
    # Each scheme has its own marked line, distinct from plain code.
    assert colours["--code-line"] != colours["--code-bg"]
