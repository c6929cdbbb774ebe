"""Fast tests of the server benchmark's parsing and docs update (no server, no wrk)."""

from __future__ import annotations

from pathlib import Path

import server_bench

WRK_OUTPUT = """\
Running 2s test @ http://127.0.0.1:1234/posts/x/
  1 threads and 32 connections
  Latency Distribution
     50%    1.20ms
     75%    1.50ms
     90%    2.00ms
     99%  850.00us
  30000 requests in 2.00s, 160.00MB read
Requests/sec:  15000.50
Transfer/sec:     80.00MB
"""


def test_wrk_rate_and_p99_are_read_in_milliseconds() -> None:
    assert server_bench.parse_wrk(WRK_OUTPUT) == (15000.5, 0.85)
    assert server_bench.parse_wrk("no output") == (None, None)


def test_the_docs_section_is_replaced_in_place_or_appended(tmp_path: Path) -> None:
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\nthe builds\n", "utf-8")
    first = f"{server_bench.START_MARK}\none\n{server_bench.END_MARK}"
    server_bench.update_docs(docs, first)
    server_bench.update_docs(docs, first.replace("one", "two"))
    text = docs.read_text("utf-8")
    assert text.startswith("# Benchmarks\n\nthe builds\n")
    assert "two" in text
    assert "one" not in text
    assert text.count(server_bench.START_MARK) == 1


def test_nginx_config_goes_to_the_given_folder(tmp_path: Path) -> None:
    server_bench.write_nginx_conf(tmp_path, tmp_path / "site", 4321)
    conf = (tmp_path / "nginx.conf").read_text("utf-8")
    assert "listen 127.0.0.1:4321;" in conf
    assert f"pid {tmp_path}/nginx.pid;" in conf
