"""`octavo why PATH|URL` as a user runs it: built or not, where, and why not, in the site's zone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from octavo import main

CONFIG = 'title = "T"\nbase_url = "https://example.org/blog/"\ntimezone = "Europe/Paris"\n'


def post(title: str, date: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\nText of {title}.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content" / "_notes").mkdir(parents=True)
    (root / "octavo.toml").write_text(CONFIG)
    files = {
        "live.md": post("Live", "2024-01-01", "aliases: [/old/live/]\n"),
        "draft.md": post("Draft", "2024-01-02", "draft: true\n"),
        # Scheduled: 09:30 in Paris on a day after the build's "now".
        "later.md": post("Later", "2999-07-14T09:30:00+02:00"),
        "gone.md": post("Gone", "2024-01-03", "expiryDate: 2024-06-01T00:00:00Z\n"),
        "broken.md": "---\ntitle: [unclosed\ndate: 2024-01-04\n---\nText.\n",
        "_notes/aside.md": post("Aside", "2024-01-05"),
        "photo.txt": "not Markdown",
    }
    for name, text in files.items():
        (root / "content" / name).write_text(text)
    return root


def why(site: Path, target: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["why", target, "--site", str(site)])
    return code, capsys.readouterr().out


def test_a_built_post_says_its_url_and_its_aliases(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = why(site, "content/live.md", capsys)
    assert code == 0
    assert out == (
        "content/live.md is built: the post is at /posts/live/\n"
        "  and /old/live/ redirects to it (an alias)\n"
    )


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("content/draft.md", "is not built: it is a draft (draft: true)"),
        # In the site's zone, as written: 09:30 in Paris.
        ("content/later.md", "is not built: it is scheduled for 2999-07-14 09:30 Europe/Paris"),
        ("content/gone.md", "is not built: it expired on 2024-06-01 02:00 Europe/Paris"),
        ("content/broken.md", "is not built: it has 1 error(s):\n  error: content/broken.md:2"),
        ("content/_notes/aside.md", "names starting with . or _ under content/ are ignored"),
        ("content/photo.txt", "it is not Markdown"),
        ("content/nothing.md", "there is no such file"),
        ("octavo.toml", "only files under content/ are posts"),
    ],
)
def test_a_post_left_out_says_why(
    site: Path, capsys: pytest.CaptureFixture[str], source: str, said: str
) -> None:
    code, out = why(site, source, capsys)
    assert code == 1
    assert out.startswith(source) and said in out, out


def test_a_path_from_here_or_from_the_site_is_the_same(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site / "content")
    for typed in ("live.md", str(site / "content" / "live.md"), "content/live.md"):
        code, out = why(site, typed, capsys)
        assert code == 0 and out.startswith("content/live.md is built"), typed


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/posts/live/", "/posts/live/ is built from post content/live.md (content/live.md:1)."),
        # The site lives under /blog/: a full URL or its path there mean the same page.
        ("https://example.org/blog/posts/live/", "/posts/live/ is built from post"),
        ("/blog/tags/", "/tags/ is built from"),
        ("/old/live/", "/old/live/ is built from alias /old/live/ of post content/live.md"),
        ("/posts/draft/", "/posts/draft/ would be post content/draft.md, but it is a draft"),
    ],
)
def test_a_url_names_the_source_that_claims_it(
    site: Path, capsys: pytest.CaptureFixture[str], url: str, said: str
) -> None:
    code, out = why(site, url, capsys)
    assert said in out, out
    assert code == (1 if "would be" in said else 0)


def test_a_url_nothing_claims_suggests_the_nearest(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = why(site, "/posts/liev/", capsys)
    assert code == 1
    assert out == (
        "No page is at /posts/liev/: no post, page or list of the site claims it.\n"
        "Did you mean /posts/live/ or /old/live/?\n"
    )


def test_outside_a_site_it_says_so_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = why(tmp_path, "content/a.md", capsys)
    assert code == 1 and "octavo.toml" in out and "Traceback" not in out


def test_why_writes_nothing_but_its_cache(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    why(site, "content/live.md", capsys)
    assert not (site / "public").exists()
    assert datetime.now(UTC).year < 2999  # the scheduled post above stays scheduled
