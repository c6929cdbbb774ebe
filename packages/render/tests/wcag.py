"""The theme's colours as WCAG judges them: each scheme's custom properties, and contrast ratios."""

from __future__ import annotations

import re

from octavo_render.theme import asset_path, theme_assets

_PROPERTY = re.compile(r"(--[\w-]+):\s*(#[0-9a-f]{6})")


def scheme(dark: bool) -> dict[str, str]:
    """The theme stylesheet's custom properties in the light or the dark scheme."""
    css = theme_assets()[asset_path("/theme/style.css")].decode()
    light = dict(_PROPERTY.findall(css.split("@media")[0]))
    if not dark:
        return light
    block = css.split("@media (prefers-color-scheme: dark)")[1].split("\n}\n")[0]
    return light | dict(_PROPERTY.findall(block))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """Given two #rrggbb colours, returns their WCAG contrast ratio."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)
