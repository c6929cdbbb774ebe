"""`octavo check` as a user runs it, and the link warnings of `octavo build`."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from octavo import Builder, main
from octavo.check import CheckSettings, check_site

CONFIG = 'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'


def write(root: Path, files: dict[str, str]) -> Path:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "octavo.toml").write_text(CONFIG)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def post(title: str, body: str, date: str = "2024-01-01") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\n{body}"


BROKEN = post(
    "A",
    "## Setup\n\n"
    "Read [the missing post](/posts/missing/) first.\n\n"
    "Then [B's install](/posts/b/#install), [ours](#setup) and [typo](#set-up).\n\n"
    "![a cat](/images/cat.png)\n",
)
GOOD_B = post("B", "## Installing\n\nBack to [A](../a/) and [its setup](/posts/a/#setup).\n")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return write(tmp_path / "s", {"content/a.md": BROKEN, "content/b.md": GOOD_B})


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_a_broken_link_anchor_and_image_are_errors_at_their_lines(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, str(broken))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("error: content/a.md:7: link: '/posts/missing/' is not in the site")
    assert lines[1].startswith("error: content/a.md:9: anchor: '/posts/b/#install' names no")
    assert "(did you mean #installing?)" in lines[1]
    assert lines[2].startswith("error: content/a.md:9: anchor: '#set-up'")
    assert "(did you mean #setup?)" in lines[2]
    assert lines[3].startswith(
        "error: content/a.md:11: image: '/images/cat.png' is not in the site"
    )
    assert lines[-1] == "Checked 2 posts and pages: 4 errors, 0 warnings."
    assert len(lines) == 5  # the good links of B, and A's own #setup, are not reported
    assert not (broken / "public").exists()  # nothing written


def test_json_output_lists_file_line_kind_message_and_severity(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, str(broken), "--format", "json")
    assert code == 1
    found = json.loads(out)
    assert [(item["file"], item["line"], item["kind"], item["severity"]) for item in found] == [
        ("content/a.md", 7, "link", "error"),
        ("content/a.md", 9, "anchor", "error"),
        ("content/a.md", 9, "anchor", "error"),
        ("content/a.md", 11, "image", "error"),
    ]
    assert found[1]["message"].startswith("'/posts/b/#install' names no element of /posts/b/")
    assert found[1]["hint"] == "did you mean #installing?"


def test_a_site_whose_links_resolve_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write(
        tmp_path / "s",
        {
            "content/a.md": post(
                "A",
                "## Setup\n\nSee [B](/posts/b), [B's part](../b/#installing), [tags](/tags/),"
                " [feed](/feed.xml), [top](#top), [self](#setup), [note][^1].\n\n[^1]: Note.\n",
            ),
            "content/b.md": GOOD_B,
        },
    )
    code, out = run(capsys, str(site))
    assert (code, out) == (0, "Checked 2 posts and pages: 0 errors, 0 warnings.\n")


def test_duplicate_urls_tag_collisions_missing_alt_and_a_link_to_a_source_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write(
        tmp_path / "s",
        {
            "content/a.md": post("A", "See [B](b.md) and ![](pic.png).\n"),
            "content/b.md": post("B", "Text.\n"),
            "content/c.md": "---\ntitle: C\ndate: 2024-01-02\nslug: b\n---\nText.\n",
            "content/d.md": "---\ntitle: D\ndate: 2024-01-03\ntags: [Data Science]\n---\nD.\n",
            "content/e.md": "---\ntitle: E\ndate: 2024-01-04\ntags: [data-science]\n---\nE.\n",
            "static/pic.png": "",
        },
    )
    code, out = run(capsys, str(site))
    assert code == 1
    assert "error: content/a.md:5: link: 'b.md' links to the source file content/b.md" in out
    assert "(link to its page: /posts/b/)" in out
    assert "warning: content/a.md:5: image: image has no alt text" in out
    assert "error: content/b.md:1: url: /posts/b/ is claimed 2 times" in out
    assert "warning: content/e.md: tags: tag 'Data Science' is written 2 ways" in out


def test_check_on_a_site_with_a_bad_config_is_an_error_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "octavo.toml").write_text('title = "T"\n')
    code, out = run(capsys, str(tmp_path))
    assert code == 1
    assert out.startswith("error: ")
    assert "Traceback" not in out


def test_build_warns_of_broken_links_and_follows_the_posts_they_name(broken: Path) -> None:
    (broken / "static" / "images").mkdir(parents=True)
    (broken / "static" / "images" / "cat.png").write_bytes(b"")
    report = Builder(broken).build()
    assert report.ok
    found = [(w.path, w.line, w.field) for w in report.warnings if w.field in ("link", "anchor")]
    assert found == [
        ("content/a.md", 7, "link"),
        ("content/a.md", 9, "anchor"),
        ("content/a.md", 9, "anchor"),
    ]
    # The missing post is written: the link's warning goes, though a.md did not change.
    (broken / "content" / "missing.md").write_text(post("M", "Text.\n"))
    again = Builder(broken).build()
    assert [w.line for w in again.warnings if w.field == "link"] == []
    # B loses its heading: the anchor to it breaks, though a.md did not change.
    (broken / "content" / "b.md").write_text(post("B", "No headings.\n"))
    third = Builder(broken).build()
    messages = [w.message for w in third.warnings if w.field == "anchor"]
    assert any("'/posts/b/#install'" in message for message in messages)
    # And it is warned of again by a build with nothing to do.
    fourth = Builder(broken).build()
    assert [w.message for w in fourth.warnings if w.field == "anchor"] == messages
    # The missing post goes again: so does the page its link named.
    (broken / "content" / "missing.md").unlink()
    fifth = Builder(broken).build()
    assert [w.line for w in fifth.warnings if w.field == "link"] == [7]


class _Handler(BaseHTTPRequestHandler):
    """/ok answers 200, /gone 404, /slow-down 429, /no-head refuses HEAD but answers GET."""

    asked: ClassVar[list[tuple[str, str]]] = []

    def do_HEAD(self) -> None:
        self.asked.append(("HEAD", self.path))
        status = {"/ok": 200, "/gone": 404, "/slow-down": 429, "/no-head": 405}.get(self.path, 500)
        self.send_response(status)
        self.end_headers()

    def do_GET(self) -> None:
        self.asked.append(("GET", self.path))
        status = {"/ok": 200, "/gone": 404, "/slow-down": 429, "/no-head": 200}.get(self.path, 500)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.asked = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_external_links_are_asked_only_with_external_and_remembered(
    tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (
        f"[ok]({server}/ok) [gone]({server}/gone)\n\n"
        f"[busy]({server}/slow-down) [head]({server}/no-head#part)\n"
    )
    site = write(tmp_path / "s", {"content/a.md": post("A", body)})
    assert run(capsys, str(site)) == (0, "Checked 1 post and page: 0 errors, 0 warnings.\n")
    assert _Handler.asked == []

    code, out = run(capsys, str(site), "--external", "--format", "json")
    assert code == 1
    found = {
        (item["line"], item["kind"], item["severity"], item["message"]) for item in json.loads(out)
    }
    assert found == {
        (5, "external", "error", f"'{server}/gone' did not answer well: HTTP 404"),
        (7, "external", "warning", f"'{server}/slow-down' did not answer well: HTTP 429"),
    }
    assert ("GET", "/no-head") in _Handler.asked  # HEAD refused, GET answered
    cached = json.loads((site / ".octavo" / "links.json").read_text())
    assert {link["url"] for link in cached["links"]} >= {f"{server}/ok", f"{server}/no-head"}

    # Good answers are believed for a day; failures are asked again.
    _Handler.asked = []
    code, _ = run(capsys, str(site), "--external")
    assert code == 1
    assert sorted(path for _, path in _Handler.asked) == [
        "/gone",
        "/gone",
        "/slow-down",
        "/slow-down",
    ]


def test_a_server_that_never_answers_is_a_warning_within_the_deadline(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # accepts connections, never answers
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/silent"
        site = write(tmp_path / "s", {"content/a.md": post("A", f"[x]({url})\n")})
        settings = CheckSettings(external=True, timeout=0.3, deadline=5)
        problems, _ = check_site(site, settings)
    finally:
        listener.close()
    assert [(p.field, p.severity) for p in problems] == [("external", "warning")]
    assert "timed out" in problems[0].message
