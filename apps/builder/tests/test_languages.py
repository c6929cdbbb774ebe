"""`language` and `[strings]` as `octavo build` reads them: the words and dates of the pages, and
an error or warning at the line of `octavo.toml` that is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import main

CONFIG = 'title = "Carnet"\nbase_url = "https://example.org/"\ntimezone = "Europe/Paris"\n'
POST = "---\ntitle: Premier\ndate: 2024-07-14\ntags: [cuisine]\n---\nBonjour.\n"


def site(tmp_path: Path, settings: str) -> Path:
    """A one-post site whose octavo.toml ends with `settings`."""
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG + settings, encoding="utf-8")
    (root / "content" / "premier.md").write_text(POST, encoding="utf-8")
    return root


def test_a_french_site_with_its_own_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(
        tmp_path,
        'language = "fr"\n[strings]\n"Tags" = "Sujets"\n'
        '"%(num)d post" = { one = "%(num)d billet", other = "%(num)d billets" }\n',
    )
    assert main(["build", str(root)]) == 0
    assert "warning" not in capsys.readouterr().err
    post = (root / "public" / "posts" / "premier" / "index.html").read_text("utf-8")
    assert ">14 juillet 2024</time>" in post
    assert ">Sujets</a>" in post and ">Archives</a>" in post
    tag = (root / "public" / "tags" / "cuisine" / "index.html").read_text("utf-8")
    assert "1 billet ·" in tag


def test_an_unknown_locale_is_an_error_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path, 'language = "fr-XX"\n')
    assert main(["build", str(root)]) == 1
    err = capsys.readouterr().err
    assert "octavo.toml:4: language: 'fr-XX' is not a locale Octavo knows" in err
    assert 'did you mean "fr-' in err
    assert not (root / "public").exists()


def test_a_language_without_catalogue_builds_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path, 'language = "pt-BR"\n')
    assert main(["build", str(root)]) == 0
    err = capsys.readouterr().err
    assert "octavo.toml:4: language: the theme has no catalogue for 'pt-BR'" in err
    assert "expected one of de, en, es, fr, ja" in err
    post = (root / "public" / "posts" / "premier" / "index.html").read_text("utf-8")
    assert ">14 de julho de 2024</time>" in post and ">Tags</a>" in post


def test_a_string_that_is_no_theme_word_is_an_error_with_a_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path, '[strings]\n"Tags" = "Sujets"\n"Older post" = "Plus ancien"\n')
    assert main(["build", str(root)]) == 1
    err = capsys.readouterr().err
    assert "octavo.toml:6: strings.Older post: 'Older post' is not a word of the theme" in err
    assert 'did you mean "Older posts"?' in err
    assert "strings.Tags" not in err


def test_a_string_of_the_wrong_type_is_an_error_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path, "[strings]\nTags = 3\n")
    assert main(["build", str(root)]) == 1
    err = capsys.readouterr().err
    assert "octavo.toml:5: strings.Tags:" in err


def test_post_bodies_are_in_the_site_language_and_strings_cover_their_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path, 'language = "fr"\n[strings]\n"Tip" = "Bon à savoir"\n')
    body = "> [!TIP]\n> Salez.\n\n> [!NOTE]\n> Poivrez.\n\n## Recette\n\nTexte.\n"
    (root / "content" / "premier.md").write_text(POST + body, encoding="utf-8")
    assert main(["build", str(root)]) == 0
    assert "strings." not in capsys.readouterr().err
    post = (root / "public" / "posts" / "premier" / "index.html").read_text("utf-8")
    assert '<p class="callout-title">Bon à savoir</p>' in post
    assert '<p class="callout-title">Remarque</p>' in post
    assert 'aria-label="Lien vers cette section\u00a0: Recette"' in post


def test_a_parser_word_with_a_placeholder_it_has_not_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path, '[strings]\n"Back to reference %(number)d" = "Retour %(n)d"\n')
    assert main(["build", str(root)]) == 1
    err = capsys.readouterr().err
    assert "octavo.toml:4: strings.Back to reference %(number)d: %(n)s is not a placeholder" in err
