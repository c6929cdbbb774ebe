"""Sub-path sites: a site whose base_url has a path (`https://user.github.io/blog/`) is served
under that path, in serving and writing mode, as GitHub Pages will serve it."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving_helpers import RunningServer, running
from starlette.testclient import TestClient
from test_hostile import SECRET, get, status_of

from octavo_server import LiveSite, serving_app, writing_app
from octavo_server.cli import served_prefix
from octavo_server.paths import site_prefix

BLOG = "https://example.org/blog/"


@pytest.fixture
def client(built: Path) -> TestClient:
    return TestClient(serving_app(built, "/blog/"), follow_redirects=False)


@pytest.mark.parametrize(
    ("base_url", "prefix"),
    [
        ("https://example.org/", "/"),
        ("https://example.org", "/"),
        ("https://user.github.io/blog/", "/blog/"),
        ("https://user.github.io/blog", "/blog/"),
        ("https://example.org/a/b/", "/a/b/"),
        ("https://example.org//a//", "/a/"),
        ("https://example.org/my%20notes/", "/my notes/"),
        (None, "/"),
    ],
)
def test_the_prefix_is_the_path_of_base_url(base_url: str | None, prefix: str) -> None:
    assert site_prefix(base_url) == prefix


def test_the_folder_is_served_under_the_prefix(client: TestClient) -> None:
    home = client.get("/blog/")
    assert home.status_code == 200 and "Home" in home.text
    assert client.get("/blog/tags/python/").status_code == 200
    assert client.get("/blog/theme/plain.css").headers["content-type"].startswith("text/css")
    assert client.head("/blog/feed.xml").status_code == 200


def test_the_root_and_the_bare_prefix_redirect_into_the_site(client: TestClient) -> None:
    for path in ("/", "/blog"):
        response = client.get(path + "?q=1")
        # Not permanent: the next site previewed on this port may live at the root.
        assert response.status_code == 302
        assert response.headers["location"] == "/blog/?q=1"


def test_a_folder_without_its_slash_redirects_under_the_prefix(client: TestClient) -> None:
    response = client.get("/blog/tags/python")
    assert response.status_code == 301
    assert response.headers["location"] == "/blog/tags/python/"


@pytest.mark.parametrize(
    "path", ["/index.html", "/tags/python/", "/blogx/", "/blogx/index.html", "/other/blog/"]
)
def test_outside_the_prefix_is_the_sites_404_page(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_a_site_at_the_root_is_served_as_before(built: Path) -> None:
    client = TestClient(serving_app(built), follow_redirects=False)
    assert client.get("/").status_code == 200
    assert client.get("/blog/").status_code == 404


@pytest.fixture
def server(built: Path, tmp_path: Path) -> Iterator[RunningServer]:
    (tmp_path / "secret.txt").write_bytes(SECRET)
    (built / "link-out.txt").symlink_to(tmp_path / "secret.txt")
    with running(serving_app(built, "/blog/")) as running_server:
        yield running_server


@pytest.mark.parametrize(
    "target",
    [
        b"/blog/../secret.txt",
        b"/blog/../../secret.txt",
        b"/blog/%2e%2e/secret.txt",
        b"/blog%2f..%2fsecret.txt",
        b"/blog%2F%2E%2E%2Fsecret.txt",
        b"/blog/%252e%252e/secret.txt",
        b"/blog/..%5csecret.txt",
        b"/blog/..\\secret.txt",
        b"/blog//etc/passwd",
        b"/blog/link-out.txt",
        b"/blog/.octavo-manifest",
        b"/blogx/../secret.txt",
        b"/../blog/../secret.txt",
        b"/%2e%2e/secret.txt",
    ],
)
def test_no_escape_through_the_prefix(server: RunningServer, target: bytes) -> None:
    response = get(server.port, target)
    assert status_of(response) in {400, 404}, response[:200]
    assert SECRET not in response
    assert b"root:" not in response


def test_no_redirect_leaves_the_server(server: RunningServer) -> None:
    for target in (b"//evil.example/", b"/blog//evil.example", b"/blog/%2f%2fevil.example"):
        response = get(server.port, target)
        location = re.search(rb"\r\nlocation: ([^\r]*)", response, re.IGNORECASE)
        assert location is None or location.group(1).startswith(b"/blog/"), response[:300]
        assert location is None or not location.group(1).startswith(b"//")


def serve_args(site: Path, base_url: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(site=site, output=None, base_url=base_url)


def test_serving_mode_takes_the_prefix_from_the_site_or_the_flag(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "octavo.toml").write_text(f'title = "T"\nbase_url = "{BLOG}"\ntimezone = "UTC"\n')
    assert served_prefix(serve_args(site)) == "/blog/"
    assert served_prefix(serve_args(site, "http://127.0.0.1:8000/")) == "/"
    # A built folder alone says nothing of its address.
    assert served_prefix(serve_args(tmp_path)) == "/"


def test_writing_mode_serves_under_the_configs_path_and_follows_it(
    demo_site: Path, tmp_path: Path
) -> None:
    config = demo_site / "octavo.toml"
    config.write_text(config.read_text().replace("https://demo.example.org/", BLOG))
    live = LiveSite(demo_site, tmp_path / "preview" / "public")
    assert live.build_now().ok
    client = TestClient(writing_app(live), follow_redirects=False)
    assert client.get("/").headers["location"] == "/blog/"
    page = client.get("/blog/")
    assert page.status_code == 200
    assert 'src="/_octavo/reload.js"' in page.text  # the reload script stays at the root
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', page.text)
    assert stylesheet is not None and stylesheet.group(1).startswith("/blog/")
    assert client.get(stylesheet.group(1)).status_code == 200
    assert client.get("/_octavo/reload.js").status_code == 200
    # The config moves the site to the root: the next build serves it there.
    config.write_text(config.read_text().replace(BLOG, "https://example.org/"))
    assert live.build_now().ok
    assert client.get("/").status_code == 200
    assert client.get("/blog/").status_code == 404


def test_writing_mode_builds_for_the_given_address(demo_site: Path, tmp_path: Path) -> None:
    live = LiveSite(demo_site, tmp_path / "preview" / "public", base_url=BLOG)
    assert live.build_now().ok
    client = TestClient(writing_app(live), follow_redirects=False)
    page = client.get("/blog/")
    assert page.status_code == 200 and 'href="/blog/' in page.text
    assert client.get("/").status_code == 302


def test_a_wrong_base_url_is_a_usage_error(
    demo_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from octavo import main

    assert main(["serve", str(demo_site), "--base-url", "example.org/blog"]) == 2
    error = capsys.readouterr().err
    assert "--base-url" in error and "not an absolute address" in error
