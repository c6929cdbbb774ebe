"""Serving mode's HTTP: validators and 304s, HEAD, ranges, encodings, types, caching, 404s."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from octavo_server import serving_app
from octavo_server.headers import CONTENT_SECURITY_POLICY


@pytest.fixture
def client(built: Path) -> TestClient:
    return TestClient(serving_app(built), follow_redirects=False)


def test_a_page_has_its_type_validators_short_caching_and_security_headers(
    client: TestClient,
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=60"
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"].endswith("GMT")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "Home" in response.text


def test_a_fingerprinted_asset_is_cached_for_a_year_and_an_unhashed_one_for_an_hour(
    client: TestClient,
) -> None:
    hashed = client.get("/theme/style.3f9a1c2e.css")
    assert hashed.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert hashed.headers["content-type"] == "text/css; charset=utf-8"
    assert client.get("/theme/plain.css").headers["cache-control"] == "public, max-age=3600"


def test_media_types_of_feeds_sitemaps_and_text(client: TestClient) -> None:
    assert client.get("/feed.xml").headers["content-type"] == "application/atom+xml"
    assert client.get("/sitemap.xml").headers["content-type"] == "application/xml"
    assert client.get("/robots.txt").headers["content-type"] == "text/plain; charset=utf-8"


def test_a_matching_etag_gets_304_without_a_body(client: TestClient) -> None:
    etag = client.get("/").headers["etag"]
    response = client.get("/", headers={"if-none-match": f'"other", {etag}'})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == etag
    assert "content-type" not in response.headers
    assert client.get("/", headers={"if-none-match": "W/" + etag}).status_code == 304
    assert client.get("/", headers={"if-none-match": '"other"'}).status_code == 200


def test_if_modified_since_gets_304_unless_the_file_is_newer(client: TestClient) -> None:
    last_modified = client.get("/").headers["last-modified"]
    assert client.get("/", headers={"if-modified-since": last_modified}).status_code == 304
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get("/", headers={"if-modified-since": old}).status_code == 200
    assert client.get("/", headers={"if-modified-since": "garbage"}).status_code == 200


def test_head_has_the_headers_of_get_and_no_body(client: TestClient) -> None:
    get = client.get("/robots.txt")
    head = client.head("/robots.txt")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["etag"] == get.headers["etag"]


def test_other_methods_are_not_allowed(client: TestClient) -> None:
    response = client.post("/")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize(
    ("spec", "status", "content_range", "body"),
    [
        ("bytes=0-3", 206, "bytes 0-3/1048576", bytes(range(4))),
        ("bytes=1048572-", 206, "bytes 1048572-1048575/1048576", bytes(range(252, 256))),
        ("bytes=-2", 206, "bytes 1048574-1048575/1048576", bytes([254, 255])),
        ("bytes=1048570-9999999", 206, "bytes 1048570-1048575/1048576", bytes(range(250, 256))),
        ("bytes=2000000-", 416, "bytes */1048576", b"Range Not Satisfiable"),
    ],
)
def test_a_single_range_of_a_large_streamed_file(
    client: TestClient, spec: str, status: int, content_range: str, body: bytes
) -> None:
    response = client.get("/big.bin", headers={"range": spec})
    assert response.status_code == status
    assert response.headers["content-range"] == content_range
    assert response.content == body


def test_a_range_of_a_small_file_and_the_ranges_that_are_ignored(client: TestClient) -> None:
    ranged = client.get("/robots.txt", headers={"range": "bytes=0-9"})
    assert ranged.status_code == 206
    assert ranged.content == b"User-agent"
    for ignored in ("bytes=0-1,4-5", "lines=1-2", "bytes=5-2"):
        assert client.get("/robots.txt", headers={"range": ignored}).status_code == 200
    stale = client.get("/robots.txt", headers={"range": "bytes=0-3", "if-range": '"old"'})
    assert stale.status_code == 200
    etag = ranged.headers["etag"]
    current = client.get("/robots.txt", headers={"range": "bytes=0-3", "if-range": etag})
    assert current.status_code == 206


def test_the_whole_large_file_is_streamed(client: TestClient) -> None:
    response = client.get("/big.bin")
    assert response.status_code == 200
    assert response.content == bytes(range(256)) * 4096


def raw_body(client: TestClient, path: str, accept: str) -> tuple[dict[str, str], bytes]:
    """Returns the headers and the bytes as sent, without decoding the content."""
    with client.stream("GET", path, headers={"accept-encoding": accept}) as response:
        return dict(response.headers), b"".join(response.iter_raw())


def test_brotli_then_gzip_then_plain_by_accept_encoding(client: TestClient, built: Path) -> None:
    headers, body = raw_body(client, "/long.html", "gzip, deflate, br")
    assert headers["content-encoding"] == "br"
    assert body == (built / "long.html.br").read_bytes()
    assert headers["vary"] == "Accept-Encoding"
    headers, body = raw_body(client, "/long.html", "gzip")
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == (built / "long.html").read_bytes()
    headers, body = raw_body(client, "/long.html", "br;q=0, gzip;q=0")
    assert "content-encoding" not in headers
    assert headers["vary"] == "Accept-Encoding"
    assert body == (built / "long.html").read_bytes()


def test_each_encoding_has_its_own_etag_and_304(client: TestClient) -> None:
    plain, _ = raw_body(client, "/long.html", "identity")
    gzipped, _ = raw_body(client, "/long.html", "gzip")
    assert plain["etag"] != gzipped["etag"]
    headers = {"accept-encoding": "gzip", "if-none-match": gzipped["etag"]}
    assert client.get("/long.html", headers=headers).status_code == 304
    headers = {"accept-encoding": "gzip", "if-none-match": plain["etag"]}
    assert client.get("/long.html", headers=headers).status_code == 200


def test_a_file_without_compressed_siblings_has_no_vary(client: TestClient) -> None:
    assert "vary" not in client.get("/", headers={"accept-encoding": "gzip"}).headers


def test_a_folder_without_its_slash_is_redirected_with_its_query(client: TestClient) -> None:
    response = client.get("/tags/python?page=2")
    assert response.status_code == 301
    assert response.headers["location"] == "/tags/python/?page=2"


def test_a_missing_page_gets_the_sites_404_page_with_status_404(client: TestClient) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert client.head("/no/such/page/").content == b""


def test_a_site_without_a_404_page_gets_plain_text(built: Path) -> None:
    (built / "404.html").unlink()
    response = TestClient(serving_app(built)).get("/nothing")
    assert response.status_code == 404
    assert response.text == "Not Found"


def test_a_rebuilt_file_is_served_within_a_second(built: Path) -> None:
    app = serving_app(built)
    client = TestClient(app)
    assert "Python" in client.get("/tags/python/").text
    (built / "tags" / "python" / "index.html").write_text("<p>Rebuilt</p>", "utf-8")
    app.files.clear()  # as when the second it is kept has passed
    assert client.get("/tags/python/").text == "<p>Rebuilt</p>"


def test_the_cache_keeps_no_more_than_its_bounds(built: Path) -> None:
    app = serving_app(built)
    client = TestClient(app)
    for number in range(9000):
        app.files.get(f"/missing-{number}")
    assert len(app.files._cached) <= 8192
    assert client.get("/").status_code == 200
