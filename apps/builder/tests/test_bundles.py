"""Page bundles and images: files beside a post copied beside its page, images measured and
resized, and every local image or linked file checked, as a later build sees it too."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

import octavo.images
from octavo import Builder, BuildReport
from octavo_content import ImageVariant

NOW = datetime(2025, 1, 1, tzinfo=UTC)
FRONT = "---\ntitle: {title}\ndate: 2024-05-01\n{extra}---\n"


def write_post(root: Path, path: str, body: str, title: str = "Cats", extra: str = "") -> Path:
    file = root / "content" / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(FRONT.format(title=title, extra=extra) + body)
    return file


def write_image(path: Path, size: tuple[int, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (200, 90, 40)).save(path)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(
        'title = "T"\nbase_url = "https://example.org/"\ntimezone = "UTC"\n'
    )
    return root


def build(root: Path, output: Path | None = None, **options: object) -> BuildReport:
    return Builder(root, output, now=NOW, jobs=1, **options).build()  # type: ignore[arg-type]


def page(root: Path, path: str) -> str:
    return (root / "public" / path).read_text()


def test_bundle_files_are_copied_beside_the_post_but_not_another_bundles(site: Path) -> None:
    write_post(site, "cats/index.md", "[notes](files/notes.pdf)\n")
    (site / "content" / "cats" / "files").mkdir()
    (site / "content" / "cats" / "files" / "notes.pdf").write_bytes(b"%PDF-1.4 notes")
    draft = FRONT.format(title="D", extra="draft: true\n")
    (site / "content" / "cats" / "draft.md").write_text(draft)
    write_post(site, "cats/kittens/index.md", "Small cats.\n", title="Kittens")
    (site / "content" / "cats" / "kittens" / "k.txt").write_text("kitten file")
    (site / "content" / "loose.txt").write_text("not in a bundle")
    report = build(site)
    assert report.ok, report.errors
    output = site / "public"
    assert (output / "posts" / "cats" / "files" / "notes.pdf").read_bytes() == b"%PDF-1.4 notes"
    assert (output / "posts" / "kittens" / "k.txt").read_text() == "kitten file"
    assert not (output / "posts" / "cats" / "kittens").exists()
    assert not (output / "posts" / "cats" / "draft.md").exists()
    assert not list(output.rglob("loose.txt"))


def test_a_bundle_follows_its_post_to_its_own_url(site: Path) -> None:
    write_post(site, "cats/index.md", "![a cat](cat.png)\n", extra="url: /2019/05/old-cats/\n")
    write_image(site / "content" / "cats" / "cat.png", (40, 30))
    assert build(site).ok
    assert (site / "public" / "2019" / "05" / "old-cats" / "cat.png").is_file()
    assert 'src="/2019/05/old-cats/cat.png"' in page(site, "2019/05/old-cats/index.html")


def test_relative_links_are_absolute_on_list_pages(site: Path) -> None:
    write_post(site, "cats/index.md", "![a cat](cat.png) and [notes](notes.txt)\n")
    write_image(site / "content" / "cats" / "cat.png", (40, 30))
    (site / "content" / "cats" / "notes.txt").write_text("notes")
    assert build(site).ok
    home = page(site, "index.html")
    assert 'src="/posts/cats/cat.png"' in home
    assert 'href="/posts/cats/notes.txt"' in home


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        ("Intro.\n\n![a dog](dog.jpg)\n", 7, "image"),
        ("[the pdf](files/a.pdf)\n", 5, "link"),
        ("Text.\n\n![logo](/images/logo.png)\n", 7, "image"),
    ],
)
def test_a_missing_image_or_file_is_an_error_at_its_line(
    site: Path, body: str, line: int, field: str
) -> None:
    write_post(site, "cats/index.md", body)
    report = build(site)
    assert not report.ok
    (error,) = report.errors
    assert (error.path, error.line, error.field) == ("content/cats/index.md", line, field)
    assert "is not in the site" in error.message
    assert str(error).startswith(f"content/cats/index.md:{line}:")


def test_a_missing_front_matter_image_is_an_error_at_its_key(site: Path) -> None:
    write_post(site, "cats/index.md", "Text.\n", extra="image: cover.jpg\n")
    (error,) = build(site).errors
    assert (error.line, error.field) == (4, "image")


def test_links_to_pages_and_post_sources_are_not_files(site: Path) -> None:
    write_post(site, "cats/index.md", "[dogs](../dogs/), [post](dogs.md), [tags](/tags/)\n")
    assert build(site).ok


def test_a_file_that_appears_later_is_found_and_its_loss_noticed(site: Path) -> None:
    write_post(site, "cats/index.md", "![a cat](cat.png)\n")
    assert not build(site).ok
    write_image(site / "content" / "cats" / "cat.png", (640, 480))
    report = build(site)
    assert report.ok, report.errors
    assert 'width="640" height="480"' in page(site, "posts/cats/index.html")
    (site / "content" / "cats" / "cat.png").unlink()
    assert [error.line for error in build(site).errors] == [5]


def test_a_changed_image_changes_the_pages_that_show_it(site: Path) -> None:
    write_post(site, "cats/index.md", "![a cat](cat.png)\n")
    image = site / "content" / "cats" / "cat.png"
    write_image(image, (640, 480))
    assert build(site).ok
    write_image(image, (1000, 500))
    report = build(site)
    assert report.ok
    for shown in ("posts/cats/index.html", "index.html"):
        assert 'width="1000" height="500"' in page(site, shown)
    with Image.open(site / "public" / "posts" / "cats" / "cat-480w.webp") as copy:
        assert copy.size == (480, 240)


def test_images_get_size_srcset_and_webp_copies(site: Path) -> None:
    write_post(site, "cats/index.md", "![a cat](cat.jpg)\n")
    write_image(site / "content" / "cats" / "cat.jpg", (2000, 1000))
    assert build(site).ok
    html = page(site, "posts/cats/index.html")
    img = re.search(r"<img [^>]*>", html)
    assert img is not None
    assert 'width="2000" height="1000"' in img.group(0)
    srcset = "cat-480w.jpg 480w, /posts/cats/cat-960w.jpg 960w, /posts/cats/cat-1600w.jpg 1600w"
    assert srcset in img.group(0)
    assert 'loading="lazy" decoding="async"' in img.group(0)
    assert '<source type="image/webp" srcset="/posts/cats/cat-480w.webp 480w,' in html
    folder = site / "public" / "posts" / "cats"
    for name, size, kind in [
        ("cat-480w.jpg", (480, 240), "JPEG"),
        ("cat-1600w.jpg", (1600, 800), "JPEG"),
        ("cat-960w.webp", (960, 480), "WEBP"),
        ("cat-1600w.webp", (1600, 800), "WEBP"),
    ]:
        with Image.open(folder / name) as copy:
            assert (copy.size, copy.format) == (size, kind), name
    # No WebP copy wider than the widest shown: 1600 covers the column on any screen.
    assert not (folder / "cat-2000w.webp").exists()
    # Every copy the page offers is in the output.
    offered = re.findall(r"(/posts/cats/[^ \"]+) \d+w", html)
    assert offered and all((site / "public" / url.lstrip("/")).is_file() for url in offered)


def test_a_small_image_gets_only_a_webp_copy(site: Path) -> None:
    write_post(site, "cats/index.md", "![a cat](cat.png)\n")
    write_image(site / "content" / "cats" / "cat.png", (300, 200))
    assert build(site).ok
    names = sorted(path.name for path in (site / "public" / "posts" / "cats").iterdir())
    assert names == ["cat-300w.webp", "cat.png", "index.html"]


def test_static_images_are_measured_and_resized_beside_them(site: Path) -> None:
    write_post(site, "cats.md", "![logo](/images/logo.png)\n")
    write_image(site / "static" / "images" / "logo.png", (1000, 400))
    assert build(site).ok
    assert 'width="1000" height="400"' in page(site, "posts/cats/index.html")
    assert (site / "public" / "images" / "logo-480w.png").is_file()


def test_resized_copies_are_cached_by_content(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_post(site, "cats/index.md", "![a cat](cat.jpg)\n")
    write_image(site / "content" / "cats" / "cat.jpg", (1000, 500))
    made: list[object] = []
    resize = octavo.images._resize

    def counted(data: bytes, variant: ImageVariant, original: str = "") -> bytes:
        made.append(variant)
        return resize(data, variant, original)

    monkeypatch.setattr(octavo.images, "_resize", counted)
    assert build(site).ok
    assert len(made) == 5  # 480 and 960 as JPEG and WebP, 1000 as WebP
    made.clear()
    # Another output folder: every page renders again, but no copy is made again.
    assert build(site, site.parent / "elsewhere").ok
    assert made == []
    assert (site.parent / "elsewhere" / "posts" / "cats" / "cat-480w.webp").is_file()
    # The same bytes under another name are the same copies.
    (site / "content" / "cats").rename(site / "content" / "felines")
    assert build(site).ok
    assert made == []


def test_an_image_alone_with_a_title_is_a_figure(site: Path) -> None:
    write_post(site, "cats/index.md", '![a cat](cat.png "Our cat")\n')
    write_image(site / "content" / "cats" / "cat.png", (40, 30))
    assert build(site).ok
    html = page(site, "posts/cats/index.html")
    assert re.search(r"<figure>\n<picture>.*</picture>\n<figcaption>Our cat</figcaption>", html)


def test_og_image_is_the_front_matter_image_else_the_first(site: Path) -> None:
    write_post(site, "cats/index.md", "![a cat](cat.png)\n", extra="image: cover.png\n")
    write_post(site, "dogs/index.md", "Text ![a dog](dog.png).\n", title="Dogs")
    write_post(site, "birds.md", "No image.\n", title="Birds")
    for name in ("cats/cover.png", "cats/cat.png", "dogs/dog.png"):
        write_image(site / "content" / name, (40, 30))
    assert build(site).ok
    meta = '<meta property="og:image" content="https://example.org/posts/{}">'
    assert meta.format("cats/cover.png") in page(site, "posts/cats/index.html")
    assert meta.format("dogs/dog.png") in page(site, "posts/dogs/index.html")
    assert "og:image" not in page(site, "posts/birds/index.html")
    assert "og:image" not in page(site, "index.html")


def test_an_unreadable_image_is_shown_without_size(site: Path) -> None:
    write_post(site, "cats/index.md", "![a cat](cat.jpg)\n")
    (site / "content" / "cats" / "cat.jpg").write_bytes(b"not an image")
    assert build(site).ok
    img = re.search(r"<img [^>]*>", page(site, "posts/cats/index.html"))
    assert img is not None
    assert 'width="' not in img.group(0)


def test_a_page_bundle_takes_its_files_and_its_image_is_measured(site: Path) -> None:
    about = site / "content" / "pages" / "about" / "index.md"
    about.parent.mkdir(parents=True)
    about.write_text("---\ntitle: About\n---\n![Me](portrait.png)\n\n[CV](cv.pdf)\n")
    write_image(about.parent / "portrait.png", (64, 48))
    (about.parent / "cv.pdf").write_bytes(b"%PDF-1.4 cv")
    report = build(site)
    assert report.ok, report.problems
    assert (site / "public" / "about" / "cv.pdf").read_bytes() == b"%PDF-1.4 cv"
    assert (site / "public" / "about" / "portrait.png").is_file()
    shown = page(site, "about/index.html")
    assert '<img src="/about/portrait.png" alt="Me" width="64" height="48"' in shown
    (about.parent / "cv.pdf").unlink()
    again = build(site)
    assert not again.ok
    assert [(problem.path, problem.line) for problem in again.problems if problem.is_error] == [
        ("content/pages/about/index.md", 6)
    ]
