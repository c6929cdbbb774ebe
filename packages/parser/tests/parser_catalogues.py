"""The parser's messages as Babel extracts them from its code, and the command that writes them:
`python packages/parser/tests/parser_catalogues.py` rewrites `octavo_parser/locales/messages.pot`
and brings every `locales/<language>.po` up to date with it (new messages untranslated, gone
ones dropped), as `pybabel extract` and `pybabel update` would.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "octavo_parser"
LOCALES = PACKAGE / "locales"
TEMPLATE = LOCALES / "messages.pot"

# The code marks its words with `N_()` where they are written and `Words.gettext()` and
# `Words.ngettext()` where they are printed: gettext's usual names, Babel's default keywords.
KEYWORDS = DEFAULT_KEYWORDS
METHODS = [("**.py", "python")]


def extracted() -> Catalog:
    """Returns the messages the parser's code marks, in a catalogue without line numbers (a
    moved line must not make the template out of date)."""
    catalog = Catalog(project="octavo-parser", fuzzy=False)
    for _file, _line, message, comments, context in extract_from_dir(
        PACKAGE, method_map=METHODS, keywords=KEYWORDS
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
