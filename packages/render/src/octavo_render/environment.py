"""The one jinja2 `Environment` a renderer uses: the site's templates first, then the theme's."""

from __future__ import annotations

from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)

THEME_TEMPLATES = "theme/templates"


def theme_loader() -> PackageLoader:
    """Returns a loader for the default theme's templates, shipped inside this package."""
    return PackageLoader("octavo_render", THEME_TEMPLATES)


def template_loader(site_templates: Path | None) -> ChoiceLoader:
    """Given the site's templates folder (or None), returns the loader that searches it first."""
    loaders: list[BaseLoader] = []
    if site_templates is not None and site_templates.is_dir():
        loaders.append(FileSystemLoader(site_templates))
    loaders.append(theme_loader())
    # "theme/base.html" always names the original, so a site can override a template and extend it.
    loaders.append(PrefixLoader({"theme": theme_loader()}))
    return ChoiceLoader(loaders)


def template_environment(
    site_templates: Path | None, compiled_templates: Path | None = None
) -> Environment:
    """Given the site's templates folder (or None), returns a strict, autoescaping environment.

    With `compiled_templates`, templates compiled once are kept there (jinja2's bytecode cache,
    keyed by each template's source) so a later build does not compile them again.
    """
    cache = None
    if compiled_templates is not None:
        compiled_templates.mkdir(parents=True, exist_ok=True)
        cache = FileSystemBytecodeCache(str(compiled_templates))
    return Environment(
        loader=template_loader(site_templates),
        bytecode_cache=cache,
        autoescape=select_autoescape(enabled_extensions=("html", "xml"), default=False),
        undefined=StrictUndefined,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
