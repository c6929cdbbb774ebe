"""The theme's messages as Babel extracts them from the templates and the renderer's code, and
the command that writes them: `python packages/render/tests/catalogues.py` rewrites
`locales/messages.pot` and brings every `locales/<language>.po` up to date with it (new
messages untranslated, gone ones dropped), as `pybabel extract` and `pybabel update` would.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "octavo_render"
LOCALES = PACKAGE / "locales"
TEMPLATE = LOCALES / "messages.pot"

# The renderer's code marks its words with `ThemeStrings.text` beside gettext's usual names.
KEYWORDS = {**DEFAULT_KEYWORDS, "text": None}
# The templates are read as the renderer's environment reads them (`environment.py`).
METHODS = [("**.py", "python"), ("theme/templates/**.html", "jinja2")]
OPTIONS = {
    "theme/templates/**.html": {
        "extensions": "jinja2.ext.i18n",
        "trimmed": "true",
        "trim_blocks": "true",
        "lstrip_blocks": "true",
        "newstyle_gettext": "true",
    }
}


def extracted() -> Catalog:
    """Returns the messages the theme's templates and the renderer's code mark, in a catalogue
    without line numbers (a moved line must not make the template out of date)."""
    catalog = Catalog(project="octavo-render", fuzzy=False)
    for _file, _line, message, comments, context in extract_from_dir(
        PACKAGE, method_map=METHODS, options_map=OPTIONS, keywords=KEYWORDS
    ):
        catalog.add(message, None, [], auto_comments=comments, context=context)
    return catalog


def pot_text(catalog: Catalog) -> str:
    """Given a catalogue, returns it as messages.pot is written: sorted, no dates, no lines."""
    out = io.BytesIO()
    write_po(out, catalog, omit_header=True, sort_output=True, width=100, no_location=True)
    return out.getvalue().decode("utf-8")


def main() -> None:
    """Rewrites messages.pot and updates each language's .po from it."""
    template = extracted()
    TEMPLATE.write_text(pot_text(template), encoding="utf-8")
    template = read_po(io.BytesIO(TEMPLATE.read_bytes()))
    for po in sorted(LOCALES.glob("*.po")):
        with po.open("rb") as data:
            catalog = read_po(data, locale=po.stem.replace("-", "_"))
        # The header keeps its date: a run that changes no message changes no file.
        template.creation_date = catalog.creation_date
        catalog.update(template, no_fuzzy_matching=True)
        out = io.BytesIO()
        write_po(out, catalog, sort_output=True, width=100, no_location=True, ignore_obsolete=True)
        po.write_bytes(out.getvalue())


if __name__ == "__main__":
    main()
