"""`[[menu]]` in octavo.toml: entries validated, errors at the entry's line, shown by weight."""

from __future__ import annotations

import pytest

from octavo_content import ContentErrors, LightPost, SiteConfig, config_line, menu_order

HEAD = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def test_entries_are_read_and_ordered_by_weight_then_as_written() -> None:
    config = SiteConfig.from_toml(
        HEAD + '[[menu]]\nname = "Archive"\ntarget = "archive"\nweight = 5\n'
        '[[menu]]\nname = "About"\npage = "./pages/about.md"\n'
        '[[menu]]\nname = "Mail"\nurl = "mailto:me@example.org"\n'
    )
    names = [(entry.name, entry.weight) for entry in menu_order(config.menu)]
    assert names == [("About", 0), ("Mail", 0), ("Archive", 5)]
    assert config.menu[1].page == "pages/about.md"


@pytest.mark.parametrize(
    ("entry", "field", "line"),
    [
        ('name = "X"\n', "menu.0", 4),
        ('name = "X"\nurl = "/a/"\npage = "pages/a.md"\n', "menu.0", 4),
        ('name = "X"\nurl = "javascript:alert(1)"\n', "menu.0.url", 6),
        ('name = "X"\nurl = "about/"\n', "menu.0.url", 6),
        ('name = "X"\npage = "../octavo.toml"\n', "menu.0.page", 6),
        ('name = "X"\ntarget = "search"\n', "menu.0.target", 6),
        ('name = "   "\ntarget = "tags"\n', "menu.0.name", 5),
        ('name = "X"\ntarget = "tags"\ncolour = "red"\n', "menu.0.colour", 7),
    ],
)
def test_a_wrong_entry_is_an_error_at_its_line(entry: str, field: str, line: int) -> None:
    with pytest.raises(ContentErrors) as raised:
        SiteConfig.from_toml(HEAD + "[[menu]]\n" + entry, "octavo.toml")
    (error,) = raised.value.errors
    assert (error.path, error.field, error.line) == ("octavo.toml", field, line)


def test_the_line_of_a_key_in_the_nth_table_of_an_array() -> None:
    text = HEAD + '[[menu]]\nname = "A"\n\n[[menu]]\nname = "B"\npage = "x.md"\n'
    assert config_line(text, "menu.1.page") == 9
    assert config_line(text, "menu.1") == 7
    assert config_line(text, "menu.0.page") == 4  # not written: the entry's own line


def test_only_an_undated_page_has_no_date() -> None:
    page = LightPost(
        source="content/pages/a.md", kind="page", slug="a", url="/a/", title="A", date=None
    )
    assert page.date is None and page.updated is None
    with pytest.raises(ValueError, match="page without a date"):
        _ = page.dated
