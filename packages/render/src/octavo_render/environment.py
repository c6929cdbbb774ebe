"""The one jinja2 `Environment` a renderer uses: the site's templates first, then the theme's."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
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
    TemplateError,
    select_autoescape,
)
from jinja2.loaders import split_template_path

from octavo_render.i18n import ThemeStrings

THEME_TEMPLATES = "theme/templates"


def theme_loader() -> PackageLoader:
    """Returns a loader for the default theme's templates, shipped inside this package."""
    return PackageLoader("octavo_render", THEME_TEMPLATES)


class TemplateOutsideSite(TemplateError):
    """A site template that is a link to a file outside the site: it is never read."""

    def __init__(self, filename: str) -> None:
        # `filename`, as jinja2's own errors carry it, names the file for the build's report.
        self.filename = filename
        super().__init__(
            f"{filename} is a link to a file outside the site; it is not used "
            "(copy the file into the site instead of linking to it)"
        )


class SiteTemplateLoader(FileSystemLoader):
    """The site's `templates/` folder, confined to the site (the folder that holds it).

    A template reached through a link that leads out of the site is refused with an error
    naming it, before it is read: a site's templates are published, and a link must not
    publish a file from elsewhere on the machine.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder
        self.site = os.path.realpath(folder.absolute().parent)

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """The template's source, file name and up-to-date check, once it is known to be inside."""
        filename = posixpath.join(os.fspath(self.folder), *split_template_path(template))
        real = os.path.realpath(filename)
        if os.path.lexists(filename) and not (
            real == self.site or real.startswith(self.site + os.sep)
        ):
            raise TemplateOutsideSite(f"{self.folder.name}/{template}")
        return super().get_source(environment, template)


def template_loader(site_templates: Path | None) -> ChoiceLoader:
    """Given the site's templates folder (or None), returns the loader that searches it first."""
    loaders: list[BaseLoader] = []
    if site_templates is not None and site_templates.is_dir():
        loaders.append(SiteTemplateLoader(site_templates))
    loaders.append(theme_loader())
    # "theme/base.html" always names the original, so a site can override a template and extend it.
    loaders.append(PrefixLoader({"theme": theme_loader()}))
    return ChoiceLoader(loaders)


def template_environment(
    site_templates: Path | None,
    compiled_templates: Path | None = None,
    strings: ThemeStrings | None = None,
) -> Environment:
    """Given the site's templates folder (or None), returns a strict, autoescaping environment.

    With `compiled_templates`, templates compiled once are kept there (jinja2's bytecode cache,
    keyed by each template's source) so a later build does not compile them again. Templates
    get the theme's words from `strings` (English without them) through jinja2's i18n
    extension: `_()`, `ngettext()` and `{% trans %}`, new-style (placeholders by name, escaped).
    """
    cache = None
    if compiled_templates is not None:
        compiled_templates.mkdir(parents=True, exist_ok=True)
        cache = FileSystemBytecodeCache(str(compiled_templates))
    env = Environment(
        loader=template_loader(site_templates),
        bytecode_cache=cache,
        autoescape=select_autoescape(enabled_extensions=("html", "xml"), default=False),
        undefined=StrictUndefined,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # A `{% trans %}` block's text is one msgid whatever its line breaks and indentation.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(  # type: ignore[attr-defined]
        strings or ThemeStrings.for_site("en", {}), newstyle=True
    )
    return env
