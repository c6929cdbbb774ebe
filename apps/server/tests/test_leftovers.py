"""The builder's own files in the output folder (its bookkeeping, and the `X.octavo-new` files
an interrupted or failed build leaves) are never served, in either mode: 404 as if missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from serving_helpers import write
from starlette.testclient import TestClient

from octavo_server import LiveSite, serving_app, writing_app
from octavo_server.paths import Missing, lookup, real_root

LEFTOVER = "LEFTOVER-OF-AN-UNFINISHED-BUILD"
# On disk, relative to the output folder.
FILES = (
    ".octavo-manifest",
    ".octavo-updating",
    ".octavo-staging/index.html",
    ".octavo-staging/posts/a/index.html",
    "index.html.octavo-new",
    "feed.xml.octavo-new",
    "posts/a/index.html.octavo-new",
    "tags.octavo-new/index.html",
    "page.OCTAVO-NEW",
)
# What a client may ask for to reach them.
REQUESTS = (
    "/.octavo-manifest",
    "/.octavo-updating",
    "/.octavo-staging",
    "/.octavo-staging/",
    "/.octavo-staging/index.html",
    "/.octavo-staging/posts/a/",
    "/index.html.octavo-new",
    "/feed.xml.octavo-new",
    "/posts/a/index.html.octavo-new",
    "/tags.octavo-new",
    "/tags.octavo-new/",
    "/tags.octavo-new/index.html",
    "/page.OCTAVO-NEW",
    "/page.octavo-new",
)


def leave_leftovers(output: Path) -> None:
    for name in FILES:
        write(output / name, f"<!DOCTYPE html><title>{LEFTOVER}</title>")


@pytest.mark.parametrize("path", REQUESTS)
def test_lookup_finds_no_builder_file(built: Path, path: str) -> None:
    leave_leftovers(built)
    assert lookup(real_root(built), path) == Missing()


def test_serving_mode_answers_404(built: Path) -> None:
    leave_leftovers(built)
    client = TestClient(serving_app(built), follow_redirects=False)
    for path in REQUESTS:
        response = client.get(path)
        assert response.status_code == 404, path
        assert LEFTOVER not in response.text, path
    assert client.get("/").status_code == 200


def test_writing_mode_answers_404(demo_site: Path, tmp_path: Path) -> None:
    live = LiveSite(demo_site, tmp_path / "preview" / "public")
    assert live.build_now().ok
    leave_leftovers(live.output)
    client = TestClient(writing_app(live), follow_redirects=False)
    for path in REQUESTS:
        response = client.get(path)
        assert response.status_code == 404, path
        assert LEFTOVER not in response.text, path
    assert client.get("/").status_code == 200


def test_names_that_only_look_alike_are_served(built: Path) -> None:
    write(built / "octavo-new.html", "<!DOCTYPE html><title>a post about octavo-new</title>")
    write(built / "notes.octavo-newer", "kept")
    root = real_root(built)
    assert not isinstance(lookup(root, "/octavo-new.html"), Missing)
    assert not isinstance(lookup(root, "/notes.octavo-newer"), Missing)
