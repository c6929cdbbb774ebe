"""Writing mode: builds with drafts, the reload script, error states, recovery, renames, the
event stream and the watcher."""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from serving_helpers import running, write
from starlette.testclient import TestClient
from watchfiles import Change

from octavo import Builder
from octavo_server import LiveSite, StaticSite, static, writing_app
from octavo_server.headers import CONTENT_SECURITY_POLICY
from octavo_server.live import SiteFilter, is_stylesheet_only, with_script
from octavo_server.protocol import HangUpProtocol

POST = "content/building-a-blog-engine-with-monorepo-architecture.md"
POST_URL = "/posts/building-a-blog-engine-with-monorepo-architecture/"


@pytest.fixture
def live(demo_site: Path, tmp_path: Path) -> LiveSite:
    site = LiveSite(demo_site, tmp_path / "preview" / "public")
    assert site.build_now().ok
    return site


@pytest.fixture
def client(live: LiveSite) -> TestClient:
    return TestClient(writing_app(live), follow_redirects=False)


def break_front_matter(site: Path) -> None:
    post = site / POST
    post.write_text(post.read_text("utf-8").replace("title:", "title: [unclosed", 1), "utf-8")


def fix_front_matter(site: Path) -> None:
    post = site / POST
    post.write_text(post.read_text("utf-8").replace("title: [unclosed", "title:", 1), "utf-8")


def rename_post(site: Path) -> None:
    post = site / POST
    post.write_text(post.read_text("utf-8").replace("---\n", "---\nslug: renamed\n", 1), "utf-8")


def test_pages_get_the_reload_script_and_are_never_stored(
    client: TestClient, live: LiveSite
) -> None:
    response = client.get(POST_URL)
    tag = '<script src="/_octavo/reload.js" data-build="1" defer></script></head>'
    assert tag in response.text
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    on_disk = (live.output / POST_URL.strip("/") / "index.html").read_text("utf-8")
    assert "reload.js" not in on_disk


def test_other_files_are_revalidated_and_not_injected(client: TestClient) -> None:
    response = client.get("/feed.xml")
    assert response.headers["cache-control"] == "no-cache"
    assert "reload.js" not in response.text
    etag = response.headers["etag"]
    assert client.get("/feed.xml", headers={"if-none-match": etag}).status_code == 304


def test_the_reload_script_is_served_with_the_same_policy(client: TestClient) -> None:
    response = client.get("/_octavo/reload.js")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "EventSource" in response.text


def test_drafts_are_built_and_kept_out_of_the_sites_own_output(
    demo_site: Path, client: TestClient, live: LiveSite
) -> None:
    write(
        demo_site / "content" / "work-in-progress.md",
        "---\ntitle: Work in progress\ndate: 2026-01-02\ndraft: true\n---\nNot yet.\n",
    )
    assert live.build_now().ok
    assert client.get("/posts/work-in-progress/").status_code == 200
    assert not (demo_site / "public").exists()


def test_a_failed_build_keeps_the_last_good_one_and_a_fix_recovers(
    demo_site: Path, client: TestClient, live: LiveSite
) -> None:
    break_front_matter(demo_site)
    report = live.build_now()
    assert not report.ok
    state = json.loads(live.message().split("data: ", 1)[1])
    assert state["build"] == 2
    assert [error["path"] for error in state["errors"]] == [POST]
    assert state["errors"][0]["line"] in {2, 3}  # where YAML notices the bracket left open
    page = client.get(POST_URL)
    assert page.status_code == 200  # the last good build
    assert 'data-build="2"' in page.text
    (demo_site / POST).write_text(
        (demo_site / POST).read_text("utf-8").replace("[unclosed", "", 1), "utf-8"
    )
    assert live.build_now().ok
    assert json.loads(live.message().split("data: ", 1)[1])["errors"] == []


def test_a_renamed_posts_old_url_redirects_to_its_new_one(
    demo_site: Path, client: TestClient, live: LiveSite
) -> None:
    rename_post(demo_site)
    report = live.build_now()
    assert report.ok
    assert any("moved from" in warning.message for warning in report.warnings)
    old = client.get(POST_URL)
    assert old.status_code == 200
    assert '<meta http-equiv="refresh" content="0; url=/posts/renamed/">' in old.text
    assert client.get("/posts/renamed/").status_code == 200


def test_a_site_whose_first_build_failed_still_shows_the_overlay(
    demo_site: Path, tmp_path: Path
) -> None:
    break_front_matter(demo_site)
    live = LiveSite(demo_site, tmp_path / "first" / "public")
    assert not live.build_now().ok
    response = TestClient(writing_app(live)).get("/")
    assert response.status_code == 404
    assert "/_octavo/reload.js" in response.text


def test_the_state_says_whether_a_good_build_is_being_shown(
    demo_site: Path, tmp_path: Path
) -> None:
    # The overlay says "showing the last good build" only when there is one.
    break_front_matter(demo_site)
    live = LiveSite(demo_site, tmp_path / "first" / "public")
    assert not live.build_now().ok
    assert state_of(live)["shown"] is False
    fix_front_matter(demo_site)
    assert live.build_now().ok
    assert state_of(live)["shown"] is True
    break_front_matter(demo_site)
    assert not live.build_now().ok
    assert state_of(live)["shown"] is True  # the good build before is still served


def test_the_event_stream_sends_the_state_then_each_build(demo_site: Path, live: LiveSite) -> None:
    async def scenario() -> list[str]:
        stream = live.events()
        first = await anext(stream)
        break_front_matter(demo_site)
        await live.rebuild({(Change.modified, str(demo_site / POST))})
        second = await anext(stream)
        live.close()
        rest = [message async for message in stream]
        return [first, second, *rest]

    first, second = asyncio.run(asyncio.wait_for(scenario(), 30))
    assert first.startswith("retry: 500\nevent: build\n")
    assert '"build": 1' in first
    assert '"build": 2' in second
    assert POST in second


def test_a_missing_file_waits_for_a_publishing_build(live: LiveSite) -> None:
    app = StaticSite(live.output, live=live)
    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def scenario() -> bool:
        scope = {"type": "http", "method": "GET", "path": "/nothing/", "headers": []}
        async with live._lock:  # as while a build publishes
            request = asyncio.create_task(app(scope, receive, send))
            await asyncio.sleep(0.05)
            waited = not request.done()
        await request
        return waited

    assert asyncio.run(scenario())
    assert sent[0]["status"] == 404


def test_a_missing_file_waits_no_longer_than_a_bound(
    live: LiveSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(static, "BUILD_WAIT_SECONDS", 0.1)
    app = StaticSite(live.output, live=live)
    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def scenario() -> None:
        scope = {"type": "http", "method": "GET", "path": "/nothing/", "headers": []}
        async with live._lock:  # as while a build waits for another build's lock
            await asyncio.wait_for(app(scope, receive, send), 5)

    asyncio.run(scenario())
    assert sent[0]["status"] == 404


def state_of(live: LiveSite) -> dict[str, Any]:
    state: dict[str, Any] = json.loads(live.message().split("data: ", 1)[1])
    return state


@pytest.mark.parametrize(
    "failure",
    [
        RuntimeError("a bug in the build"),
        TimeoutError("another build of this site is running (process 4242)"),
        OSError(28, "No space left on device"),
    ],
)
def test_a_build_that_raises_shows_its_error_and_keeps_the_last_good_build(
    client: TestClient, live: LiveSite, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    def build(self: Builder) -> None:
        raise failure

    monkeypatch.setattr(Builder, "build", build)
    report = asyncio.run(live.rebuild(set()))  # as the watcher does: it must not stop it
    assert not report.ok
    errors = state_of(live)["errors"]
    assert len(errors) == 1
    assert str(failure) in errors[0]["message"]
    assert errors[0]["hint"]
    page = client.get(POST_URL)
    assert page.status_code == 200
    assert 'data-build="2"' in page.text
    monkeypatch.undo()
    assert live.build_now().ok
    assert state_of(live)["errors"] == []


def test_a_first_build_that_raises_still_serves_the_overlay(
    demo_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def build(self: Builder) -> None:
        raise RuntimeError("a bug in the build")

    monkeypatch.setattr(Builder, "build", build)
    live = LiveSite(demo_site, tmp_path / "first" / "public")
    assert not live.build_now().ok
    response = TestClient(writing_app(live)).get("/")
    assert response.status_code == 404
    assert "/_octavo/reload.js" in response.text
    assert "a bug in the build" in state_of(live)["errors"][0]["message"]
    # Nothing built yet: the hint must not promise a last good build.
    assert "last good build" not in state_of(live)["errors"][0]["hint"]


def test_the_filter_passes_the_sites_sources_only(tmp_path: Path) -> None:
    site = tmp_path / "site"
    passes = SiteFilter(site, site / "public")
    for path in (
        "content/a.md",
        "content/deep/b.md",
        "templates/base.html",
        "static/x.css",
        "octavo.toml",
    ):
        assert passes(Change.modified, str(site / path)), path
    for path in (
        "public/index.html",
        "notes.txt",
        ".octavo-new-public-1/index.html",
        "content/.a.md.swp",
        "static/x.css~",
    ):
        assert not passes(Change.modified, str(site / path)), path


def test_only_stylesheets_under_static_swap_without_a_reload(tmp_path: Path) -> None:
    css = str(tmp_path / "static" / "site.css")
    post = str(tmp_path / "content" / "a.md")
    assert is_stylesheet_only({(Change.modified, css)}, tmp_path)
    assert not is_stylesheet_only({(Change.modified, css), (Change.modified, post)}, tmp_path)
    assert not is_stylesheet_only({(Change.deleted, css)}, tmp_path)
    assert not is_stylesheet_only(set(), tmp_path)


def test_the_script_goes_at_the_end_of_the_head_or_the_body() -> None:
    assert with_script(b"<HEAD></HEAD><body>", b"<s>") == b"<HEAD><s></HEAD><body>"
    assert with_script(b"<p>x</p></body>", b"<s>") == b"<p>x</p><s></body>"
    assert with_script(b"<p>x</p>", b"<s>") == b"<p>x</p><s>"


def test_the_watcher_rebuilds_after_a_save_and_the_stream_says_so(
    demo_site: Path, live: LiveSite
) -> None:
    with running(writing_app(live)) as server, httpx.Client(base_url=server.url) as http:
        with http.stream("GET", "/_octavo/events", timeout=10) as events:
            lines = events.iter_lines()
            assert next(lines) == "retry: 500"
            post = demo_site / POST
            post.write_text(post.read_text("utf-8") + "\nA sentence added by the test.\n")
            deadline = time.monotonic() + 10
            # Bounded twice: by the deadline, and by the read timeout of each line.
            while time.monotonic() < deadline:
                line = next(lines)
                if line.startswith("data:") and '"build": 2' in line:
                    break
            else:
                pytest.fail("no build event within 10 s of the save")
        assert "A sentence added by the test." in http.get(POST_URL).text


def test_a_pipelined_event_stream_ends_when_its_client_hangs_up(live: LiveSite) -> None:
    pipelined = b"".join(
        b"GET " + target + b" HTTP/1.1\r\nHost: x\r\n\r\n"
        for target in (b"/", b"/_octavo/events", b"/feed.xml")
    )
    with running(writing_app(live), http=HangUpProtocol) as server:
        connection = socket.create_connection(("127.0.0.1", server.port), timeout=2)
        with connection:
            connection.sendall(pipelined)
            received = b""
            while b"retry: 500" not in received:
                chunk = connection.recv(65536)
                assert chunk, "the server closed before the event stream started"
                received += chunk
            assert len(live._listeners) == 1
            # Linger zero: close resets the connection, as a killed client does.
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        deadline = time.monotonic() + 5
        while live._listeners and time.monotonic() < deadline:
            time.sleep(0.02)
        # Not the keep-alive's 15 s: the stream hears the reset at once.
        assert not live._listeners


def test_writing_mode_leaves_search_out_unless_asked(demo_site: Path, tmp_path: Path) -> None:
    # Pagefind indexes every post again when one changes: a save would wait for it.
    plain = LiveSite(demo_site, tmp_path / "plain" / "public")
    assert plain.build_now().ok
    assert not (plain.output / "search").exists()
    assert not (plain.output / "pagefind").exists()
    assert 'role="search"' not in (plain.output / "index.html").read_text("utf-8")

    searching = LiveSite(demo_site, tmp_path / "searching" / "public", search=True)
    assert searching.build_now().ok
    assert (searching.output / "search" / "index.html").is_file()
    assert (searching.output / "pagefind" / "pagefind.js").is_file()
    assert 'role="search"' in (searching.output / "index.html").read_text("utf-8")
