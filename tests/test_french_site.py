"""A French-language site (tests/fixtures/french-site) as its readers see it: French words and
French dates on every kind of page, and none of the theme's English words.

The English words looked for are the theme's and the parser's own (those it writes into post
bodies: callout titles, accessible names), read from their message catalogues: a new word is
checked here as soon as it is in a messages.pot. Accessible names (`aria-label`) are checked as
the visible text is.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest
import sitecheck
from babel.messages.catalog import Message
from babel.messages.pofile import read_po
from browser import SCHEMES, axe_violations, open_page, serve
from playwright.sync_api import Browser

from octavo import Builder
from octavo_render.i18n import english

FIXTURE = Path(__file__).parent / "fixtures" / "french-site"
NOW = datetime(2025, 1, 1, tzinfo=UTC)

# Every kind of HTML page the site has, by path, and French words each must show.
PAGES = {
    "home": ("/", ["Accueil", "Étiquettes", "Archives", "min de lecture", "Page 1 sur 3"]),
    "home, page 2": ("/page/2/", ["Articles plus récents", "Articles plus anciens"]),
    "post": (
        "/posts/pain-au-levain/",
        [
            "Sommaire",
            "(mis à jour le 2 août 2024)",
            "Par Ada Lovelace",
            "Catégories\u00a0: Recettes",
            "Partie 1 sur 2 de la série Bases du pain",
            "Plus récent",
            "Articles connexes",
            "Conseil",  # the callout's title, from the parser's catalogue
        ],
    ),
    "page": ("/a-propos/", ["(mis à jour le 5 février 2024)", "10 janvier 2023"]),
    "tag": ("/tags/boulangerie/", ["Étiquette\u00a0: boulangerie", "2 articles", "Flux Atom"]),
    "tags list": ("/tags/", ["étiquettes, par nom", "Étiquettes"]),
    "archive": ("/archive/", ["Archives", "14 juillet 2024", "8 mai 2023"]),
    "category": ("/categories/recettes/", ["Catégorie\u00a0: Recettes", "3 articles"]),
    "categories list": ("/categories/", ["Catégories\u00a0: 2, par nom"]),
    "author": ("/authors/ada/", ["Articles écrits par Ada Lovelace", "Courriel", "3 articles"]),
    "series": ("/series/bases-du-pain/", ["Série\u00a0: Bases du pain", "2 articles"]),
    "redirect": ("/ancien/pain/", ["Cette page a été déplacée", "Elle se trouve désormais"]),
    "404": ("/404.html", ["Page introuvable", "Aller à la page d’accueil"]),
    "search": ("/search/", ["Rechercher", "Mots à chercher dans les articles", "archives"]),
}
FRENCH_DATE = re.compile(
    r"\b\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
    r"|décembre) \d{4}\b"
)
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b"
)
# Pages that print no post's date.
UNDATED = {"tags list", "categories list", "redirect", "404", "search"}
_PLACEHOLDER_OR_TAG = re.compile(r"%\(\w+\)[sd]|<[^>]+>")


# Elements whose text stands apart from the text around it.
_BLOCKS = {
    "title", "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "nav", "header",
    "footer", "main", "section", "article", "aside", "div",
}  # fmt: skip


class _VisibleText(HTMLParser):
    """A page's visible text: its `<title>` and its body, without scripts and styles; and the
    accessible names its elements are given (`aria-label`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.labels: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.labels.extend(value for name, value in attrs if name == "aria-label" and value)
        self._hidden += tag in {"script", "style"}
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in {"script", "style"}
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(page: Path) -> str:
    """Given an HTML file, returns its visible text with spaces collapsed (no-break spaces,
    which French puts before a colon, are kept)."""
    parser = _VisibleText()
    parser.feed(page.read_text("utf-8"))
    return re.sub(r"[ \t\r\n]+", " ", "".join(parser.parts)).strip()


def accessible_names(page: Path) -> list[str]:
    """Given an HTML file, returns the `aria-label` values of its elements, in order."""
    parser = _VisibleText()
    parser.feed(page.read_text("utf-8"))
    return parser.labels


def english_words() -> set[str]:
    """The theme's and the parser's English text that their French catalogues say otherwise:
    each run of words of a message between its placeholders and tags, four letters or more,
    that no French translation uses ("Table" is French too: "Table des matières")."""
    catalogues = []
    for package in ("octavo_render", "octavo_parser"):
        with (files(package) / "locales" / "fr.po").open("rb") as data:
            catalogues.append(read_po(data, locale="fr"))
    french = " | ".join(_translation(message) for catalog in catalogues for message in catalog)
    words: set[str] = set()
    for catalog in catalogues:
        for message in catalog:
            if not message.id:
                continue
            for text in english(message):
                for run in _PLACEHOLDER_OR_TAG.split(text):
                    run = run.strip(" :;,.()")
                    if len(run) >= 4 and not _has_words(french, run):
                        words.add(run)
    return words


def _translation(message: Message) -> str:
    """Given a catalogue's message, returns its translations as one text."""
    if not message.id:
        return ""
    return " ".join(message.string if isinstance(message.string, tuple) else [message.string])


def _has_words(text: str, words: str) -> bool:
    """Given a text and words, returns whether the text has them as words of its own."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The French fixture site, built: returns its output folder."""
    root = tmp_path_factory.mktemp("french") / "site"
    shutil.copytree(FIXTURE, root)
    report = Builder(root, now=NOW).build()
    assert report.ok and not report.warnings, [str(problem) for problem in report.problems]
    return root / "public"


def page_file(output: Path, path: str) -> Path:
    return (
        output / path.strip("/")
        if path.endswith(".html")
        else output / path.strip("/") / "index.html"
    )


def test_the_english_words_looked_for_are_the_themes() -> None:
    words = english_words()
    # So that the test below cannot pass by looking for nothing.
    assert {"Skip to content", "min read", "Tags", "Archive", "Older posts", "Home"} <= words
    # And the parser's, which it writes into post bodies.
    assert {"Link to this section", "Back to reference", "Formula", "Not done", "Note"} <= words


@pytest.mark.parametrize("kind", PAGES)
def test_every_kind_of_page_is_in_french(french_site: Path, kind: str) -> None:
    path, wanted = PAGES[kind]
    text = visible_text(page_file(french_site, path))
    for word in wanted:
        assert word in text, f"{kind}: {word!r} not in {text!r}"
    # The addresses a page prints (a redirect's) are not words; accessible names are.
    names = accessible_names(page_file(french_site, path))
    words = re.sub(r"https?://\S+", "", " | ".join([text, *names]))
    for word in english_words():
        assert not _has_words(words, word), f"{kind}: {word!r}"
    assert not ENGLISH_MONTHS.search(text), kind
    if kind not in UNDATED:
        assert FRENCH_DATE.search(text), f"{kind}: no French date in {text!r}"


def test_every_html_page_of_the_site_is_among_the_kinds_checked(french_site: Path) -> None:
    # A kind of page added later is caught here; a list page's later pages are its kind's.
    checked = {page_file(french_site, path) for path, _ in PAGES.values()}
    pages = set(sitecheck.html_files(french_site))
    unchecked = sorted(
        str(page.relative_to(french_site)) for page in pages - checked if "/page/" not in str(page)
    )
    # One post, one tag, one term and one author stand for the others of their kind.
    assert {name.split("/")[0] for name in unchecked} <= {"posts", "tags", "categories"}


def test_a_french_post_body_names_its_parts_in_french(french_site: Path) -> None:
    post = page_file(french_site, "/posts/pain-au-levain/")
    names = accessible_names(post)
    for name in [
        "Lien vers cette section\u00a0: Le levain",
        "Tableau",
        "Fait",
        "À faire",
        "Formule",
        "Retour à l’appel de note 1, renvoi 1 sur 2",
        "Retour à l’appel de note 1, renvoi 2 sur 2",
        "Retour à l’appel de note 2",
    ]:
        assert name in names, f"{name!r} not in {names!r}"
    assert '<p class="callout-title">Conseil</p>' in post.read_text("utf-8")


def test_machine_dates_stay_as_machines_read_them(french_site: Path) -> None:
    post = (french_site / "posts" / "pain-au-levain" / "index.html").read_text("utf-8")
    assert '<time datetime="2024-07-14">14 juillet 2024</time>' in post
    assert '<html lang="fr">' in post
    feed = (french_site / "feed.xml").read_text("utf-8")
    assert "<published>2024-07-14T00:00:00+02:00</published>" in feed


# A browser over the French pages: valid HTML, no axe-core violation.
@pytest.fixture(scope="module")
def origin(french_site: Path) -> Iterator[str]:
    with serve(french_site) as served:
        yield served


BROWSED = ["/posts/pain-au-levain/", "/", "/tags/boulangerie/"]


@pytest.mark.browser
def test_french_pages_pass_the_nu_html_checker(french_site: Path, vnu_jar: Path) -> None:
    files = [page_file(french_site, path) for path, _ in PAGES.values()]
    assert sitecheck.nu_errors(vnu_jar, files) == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", BROWSED)
def test_axe_finds_no_violations_on_french_pages(
    chromium: Browser, origin: str, path: str, scheme: str
) -> None:
    visit = open_page(chromium, origin, path, width=375, scheme=scheme)
    try:
        assert axe_violations(visit.page) == []
        assert visit.problems() == []
    finally:
        visit.page.context.close()


@pytest.fixture(scope="module")
def japanese_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site in Japanese (one plural form, full-width punctuation), built."""
    root = tmp_path_factory.mktemp("japanese") / "site"
    shutil.copytree(FIXTURE, root)
    config = root / "octavo.toml"
    config.write_text(config.read_text("utf-8").replace('language = "fr"', 'language = "ja"'))
    report = Builder(root, now=NOW).build()
    assert report.ok and not report.warnings, [str(problem) for problem in report.problems]
    return root / "public"


def test_the_japanese_site_shows_japanese_words_and_dates(japanese_site: Path) -> None:
    text = visible_text(page_file(japanese_site, "/posts/pain-au-levain/"))
    for word in ["2024年7月14日", "（2024年8月2日更新）", "1分で読めます", "関連記事", "目次"]:
        assert word in text, f"{word!r} not in {text!r}"
    for word in ["ヒント"]:  # the callout's title, from the parser's catalogue
        assert word in text, f"{word!r} not in {text!r}"
    names = accessible_names(page_file(japanese_site, "/posts/pain-au-levain/"))
    assert {"このセクションへのリンク：Le levain", "表", "数式", "参照 2 に戻る"} <= set(names)


@pytest.mark.browser
def test_a_japanese_post_passes_the_nu_html_checker_and_axe(
    japanese_site: Path, vnu_jar: Path, chromium: Browser
) -> None:
    post = page_file(japanese_site, "/posts/pain-au-levain/")
    assert sitecheck.nu_errors(vnu_jar, [post, page_file(japanese_site, "/")]) == []
    with serve(japanese_site) as served:
        visit = open_page(chromium, served, "/posts/pain-au-levain/", width=375, scheme="light")
        try:
            assert axe_violations(visit.page) == []
            assert visit.problems() == []
        finally:
            visit.page.context.close()
