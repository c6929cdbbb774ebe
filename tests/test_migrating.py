"""Moving a blog to Octavo loses nothing: readers' links, old addresses, files beside posts.

Each folder of `tests/fixtures/migrate/` is a small blog laid out as Hugo, Zola, Jekyll or Pelican
documents it (their own front matter, file names, bundles, aliases, taxonomies, an About page, a
draft), plus the one `octavo.toml` its owner writes. The test copies it, moves folders as
`docs/migrating.md` says (never editing a post), builds it, and checks the output against tables
worked out from each engine's documentation, not from Octavo's output: the address that engine
gives every post, every alias, every file beside its page, its taxonomy pages and feeds.
"""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest

from octavo import Builder, BuildReport

FIXTURES = Path(__file__).parent / "fixtures" / "migrate"
GUIDE = Path(__file__).parent.parent / "docs" / "migrating.md"
# Every fixture is built as if on this day: after every post's date, after the Hugo post's
# expiryDate, so what each engine leaves out is settled.
NOW = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Post:
    """A post of the fixture: its file (after the moves), the engine's URL for it, its title."""

    source: str
    url: str
    title: str


@dataclass(frozen=True)
class Engine:
    """What a blog kept with one engine holds, and where that engine publishes each piece."""

    name: str
    # docs/migrating.md's moving step: (from, to) inside the site folder; to None deletes.
    moves: tuple[tuple[str, str | None], ...]
    posts: tuple[Post, ...]
    # Posts that engine leaves out of the site (drafts, unpublished, expired): URL and title.
    left_out: tuple[Post, ...]
    about: Post
    # Old path -> the path of the post it must send readers to.
    aliases: dict[str, str] = field(default_factory=dict)
    # Output path -> the fixture file (before the moves) whose bytes it must hold.
    files: dict[str, str] = field(default_factory=dict)
    # Taxonomy page path -> the titles of the posts it must list.
    taxonomies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Feed path -> the titles of the posts it must hold.
    feeds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Constructs Octavo says it cannot honour: (file after the moves, text on the line).
    # Each must be a warning at that file and line...
    must_warn: tuple[tuple[str, str], ...] = ()
    # ...and these may be (a construct spanning lines may be named at either end).
    may_warn: tuple[tuple[str, str], ...] = ()


HUGO = Engine(
    name="hugo",
    # https://gohugo.io/content-management/organization/ : content/about/index.md is /about/;
    # Octavo's standalone pages live under content/pages/.
    moves=(("content/about", "content/pages/about"),),
    posts=(
        # https://gohugo.io/content-management/urls/ : content/posts/post-1.md -> /posts/post-1/
        Post("content/posts/hello-world.md", "/posts/hello-world/", "Hello, World"),
        Post(
            "content/posts/toml-front-matter.md",
            "/posts/toml-front-matter/",
            "Front Matter in TOML",
        ),
        # `slug` overrides the last segment of the path.
        Post(
            "content/posts/custom-slug.md",
            "/posts/short-slug/",
            "A Post Whose Title Is Far Too Long for Its URL",
        ),
        # `url` overrides the entire path; with an extension, it is that file.
        Post(
            "content/posts/kept-url.md",
            "/2019/05/kept-where-it-was.html",
            "Kept Where It Always Was",
        ),
        Post("content/posts/moved-post.md", "/posts/moved-post/", "A Post That Moved"),
        # https://gohugo.io/content-management/page-bundles/ : a leaf bundle is named by its folder.
        Post("content/posts/trip-report/index.md", "/posts/trip-report/", "Trip Report"),
        Post(
            "content/posts/rust-basics-ownership.md",
            "/posts/rust-basics-ownership/",
            "Rust Basics: Ownership",
        ),
        Post(
            "content/posts/rust-basics-borrowing.md",
            "/posts/rust-basics-borrowing/",
            "Rust Basics: Borrowing",
        ),
    ),
    left_out=(
        # https://gohugo.io/content-management/front-matter/ : draft, and expiryDate in the past.
        Post("content/posts/draft-post.md", "/posts/draft-post/", "An Unfinished Draft"),
        Post("content/posts/expired-offer.md", "/posts/expired-offer/", "A Summer Offer"),
    ),
    about=Post("content/pages/about/index.md", "/about/", "About"),
    aliases={
        # https://gohugo.io/content-management/urls/#aliases : site-relative and page-relative.
        "/2018/01/a-post-that-moved/": "/posts/moved-post/",
        "/old-posts/moved.html": "/posts/moved-post/",
        "/posts/moved-once/": "/posts/moved-post/",
    },
    files={
        "/posts/trip-report/harbour.png": "content/posts/trip-report/harbour.png",
        "/posts/trip-report/route.pdf": "content/posts/trip-report/route.pdf",
        "/about/portrait.png": "content/about/portrait.png",
    },
    taxonomies={
        # https://gohugo.io/configuration/taxonomies/ : tags and categories by default; a term's
        # page is /TAXONOMY/TERM/ and the taxonomy's is /TAXONOMY/.
        "/tags/": (),
        "/categories/": (),
        "/tags/hugo/": ("Hello, World", "Front Matter in TOML"),
        "/tags/meta/": ("Hello, World", "A Post Whose Title Is Far Too Long for Its URL"),
        "/tags/travel/": ("Trip Report",),
        "/categories/announcements/": ("Hello, World",),
        "/categories/guides/": ("Front Matter in TOML", "Kept Where It Always Was"),
        "/categories/journal/": ("Trip Report",),
        "/series/rust-basics/": ("Rust Basics: Ownership", "Rust Basics: Borrowing"),
    },
    feeds={
        # https://gohugo.io/templates/rss/ : the home page's and each term's index.xml.
        "/index.xml": ("Hello, World", "Trip Report", "A Post That Moved"),
        "/tags/hugo/index.xml": ("Hello, World", "Front Matter in TOML"),
    },
    # https://gohugo.io/content-management/shortcodes/
    must_warn=(("content/posts/rust-basics-borrowing.md", "{{< youtube"),),
)

ZOLA = Engine(
    name="zola",
    # The _index.md files (Zola's section settings) stay: names starting with _ are ignored.
    moves=(("content/about.md", "content/pages/about.md"),),
    posts=(
        # https://www.getzola.org/documentation/content/overview/ :
        # content/blog/cli-usage.md -> /blog/cli-usage/
        Post("content/blog/first-post.md", "/blog/first-post/", "First Post"),
        # https://www.getzola.org/documentation/content/page/ : a date prefix is the page's date,
        # not part of its name.
        Post(
            "content/blog/2023-03-04-dated-name.md", "/blog/dated-name/", "A Date in the File Name"
        ),
        Post(
            "content/blog/custom-slug.md", "/blog/shorter/", "A Title Much Longer Than Its Address"
        ),
        # `path` replaces the whole path, the section's included.
        Post("content/blog/custom-path.md", "/archive/2019/kept/", "Kept at Its Old Path"),
        Post("content/blog/moved.md", "/blog/moved/", "A Page That Moved"),
        # Asset colocation: a folder with index.md is a page named after the folder.
        Post("content/blog/with-assets/index.md", "/blog/with-assets/", "Colocated Assets"),
        Post("content/blog/extra-data.md", "/blog/extra-data/", "Extra Data"),
        Post("content/blog/video.md", "/blog/video/", "A Talk on Video"),
    ),
    left_out=(Post("content/blog/draft.md", "/blog/draft/", "Not Ready Yet"),),
    about=Post("content/pages/about.md", "/about/", "About"),
    aliases={
        "/2018/05/moved-page/": "/blog/moved/",
        "/old/moved.html": "/blog/moved/",
    },
    files={
        # https://www.getzola.org/documentation/content/overview/#asset-colocation
        "/blog/with-assets/diagram.png": "content/blog/with-assets/diagram.png",
        "/blog/with-assets/slides.pdf": "content/blog/with-assets/slides.pdf",
    },
    taxonomies={
        # https://www.getzola.org/documentation/content/taxonomies/ : $BASE_URL/$NAME/$SLUG
        "/tags/": (),
        "/categories/": (),
        "/tags/zola/": ("First Post", "A Date in the File Name", "Colocated Assets"),
        "/tags/meta/": ("First Post",),
        "/categories/announcements/": ("First Post",),
        "/categories/guides/": ("Colocated Assets", "Extra Data"),
    },
    feeds={
        # https://www.getzola.org/documentation/templates/feeds/ : atom.xml, and each term's.
        "/atom.xml": ("First Post", "Colocated Assets", "Kept at Its Old Path"),
        "/tags/zola/atom.xml": ("First Post", "A Date in the File Name"),
    },
    # https://www.getzola.org/documentation/content/shortcodes/
    must_warn=(("content/blog/video.md", "{{ youtube("),),
)

JEKYLL = Engine(
    name="jekyll",
    # https://jekyllrb.com/docs/structure/ : _posts/, _data/, and any other folder copied as is.
    moves=(
        ("_posts", "content/posts"),
        ("about.markdown", "content/pages/about.markdown"),
        ("assets", "static/assets"),
        ("_data", "data"),
    ),
    posts=(
        # https://jekyllrb.com/docs/permalinks/ : the default is
        # /:categories/:year/:month/:day/:title:output_ext, the date and title from the file name.
        Post(
            "content/posts/2024-02-19-welcome-to-jekyll.markdown",
            "/jekyll/update/2024/02/19/welcome-to-jekyll.html",
            "Welcome to Jekyll!",
        ),
        Post(
            "content/posts/2023-06-01-space-separated-tags.md",
            "/2023/06/01/space-separated-tags.html",
            "Space-Separated Tags",
        ),
        Post(
            "content/posts/2023-07-15-one-category.md",
            "/notes/2023/07/15/one-category.html",
            "One Category",
        ),
        # A `permalink` in front matter is the post's whole URL.
        Post(
            "content/posts/2023-08-20-custom-permalink.md",
            "/blog/custom-permalink/",
            "A Custom Permalink",
        ),
        Post(
            "content/posts/2023-09-09-redirected.md",
            "/2023/09/09/redirected.html",
            "Redirected From Old Addresses",
        ),
        # https://jekyllrb.com/docs/front-matter/ : a front matter date overrides the file name's.
        Post(
            "content/posts/2023-10-01-date-in-front-matter.md",
            "/2023/10/02/date-in-front-matter.html",
            "A Date in Front Matter",
        ),
        Post(
            "content/posts/2023-11-11-with-author.md",
            "/2023/11/11/with-author.html",
            "A Post With an Author",
        ),
    ),
    # https://jekyllrb.com/docs/front-matter/ : published: false leaves a post out.
    left_out=(
        Post(
            "content/posts/2023-12-24-unpublished.md",
            "/2023/12/24/unpublished.html",
            "Not for Publication",
        ),
    ),
    about=Post("content/pages/about.markdown", "/about/", "About"),
    aliases={
        # https://github.com/jekyll/jekyll-redirect-from
        "/old/redirected/": "/2023/09/09/redirected.html",
        "/2019/01/01/redirected.html": "/2023/09/09/redirected.html",
    },
    files={
        # https://jekyllrb.com/docs/posts/#including-images-and-resources : assets/ at the root.
        "/assets/images/logo.png": "assets/images/logo.png",
        "/assets/docs/guide.pdf": "assets/docs/guide.pdf",
    },
    taxonomies={
        # Jekyll itself writes no tag pages: these are Octavo's, and say that a tags string is
        # split at spaces, as https://jekyllrb.com/docs/front-matter/ says Jekyll does.
        "/tags/ruby/": ("Space-Separated Tags", "One Category"),
        "/tags/web/": ("Space-Separated Tags",),
    },
    feeds={
        # https://github.com/jekyll/jekyll-feed : /feed.xml
        "/feed.xml": ("Welcome to Jekyll!", "A Custom Permalink", "A Post With an Author"),
    },
    # https://jekyllrb.com/docs/liquid/tags/ : a Liquid tag is run by Jekyll, not by Octavo.
    must_warn=(("content/posts/2024-02-19-welcome-to-jekyll.markdown", "{% highlight ruby %}"),),
    may_warn=(("content/posts/2024-02-19-welcome-to-jekyll.markdown", "{% endhighlight %}"),),
)

PELICAN = Engine(
    name="pelican",
    # https://docs.getpelican.com/en/latest/content.html : STATIC_PATHS folders are copied as is.
    moves=(("content/images", "static/images"), ("content/pdfs", "static/pdfs")),
    posts=(
        # https://docs.getpelican.com/en/latest/settings.html#url-settings : ARTICLE_URL is
        # '{slug}.html', and the slug comes from the title unless `Slug` sets it.
        Post("content/my-first-article.md", "/my-first-article.html", "My First Article"),
        Post("content/dont-panic.md", "/dont-panic.html", "Don't Panic"),
        Post("content/super-post.md", "/my-super-post.html", "My Super Title"),
        Post(
            "content/python/folder-category.md",
            "/the-folder-is-the-category.html",
            "The Folder Is the Category",
        ),
        Post("content/with-image.md", "/an-image-and-a-pdf.html", "An Image and a PDF"),
    ),
    # `Status: draft` keeps an article out of the site's lists and its URL.
    left_out=(Post("content/draft.md", "/still-a-draft.html", "Still a Draft"),),
    # Files in content/pages/ are pages, at PAGE_URL 'pages/{slug}.html'.
    about=Post("content/pages/about.md", "/pages/about.html", "About"),
    files={
        "/images/han.png": "content/images/han.png",
        "/pdfs/menu.pdf": "content/pdfs/menu.pdf",
    },
    taxonomies={
        # TAG_URL 'tag/{slug}.html', CATEGORY_URL 'category/{slug}.html', AUTHOR_URL
        # 'author/{slug}.html'; without `Category`, the folder's name is the category.
        "/tag/pelican.html": ("My First Article", "Don't Panic"),
        "/tag/publishing.html": ("My First Article", "My Super Title"),
        "/category/python.html": (
            "My First Article",
            "The Folder Is the Category",
            "An Image and a PDF",
        ),
        "/author/conan-doyle.html": ("My Super Title",),
        "/author/alexis-metaireau.html": ("My Super Title",),
    },
    feeds={"/feeds/all.atom.xml": ("My First Article", "Don't Panic", "My Super Title")},
    # {static} is Pelican's link to a copied file; Octavo may say it does not read it.
    may_warn=(
        ("content/with-image.md", "{static}/images"),
        ("content/with-image.md", "{static}/pdfs"),
    ),
)

ENGINES = (HUGO, ZOLA, JEKYLL, PELICAN)


@dataclass(frozen=True)
class Built:
    """A fixture after the moves, its build report, and the folder it was published to."""

    engine: Engine
    site: Path
    report: BuildReport
    output: Path

    def problems(self) -> str:
        """The build's problems, for a failing assertion's message."""
        lines = [str(problem) for problem in self.report.problems]
        return "\n".join(lines[:15]) + (f"\n... {len(lines) - 15} more" if len(lines) > 15 else "")

    def file(self, url: str) -> Path:
        """The output file that serves `url` (`/a/` -> `a/index.html`)."""
        relative = url.lstrip("/")
        return self.output / (relative + "index.html" if url.endswith("/") else relative)

    def raw(self, url: str) -> str:
        """The text at `url`; fails when there is none."""
        file = self.file(url)
        assert file.is_file(), f"{self.engine.name}: nothing at {url}\n{self.problems()}"
        return file.read_text(encoding="utf-8")

    def page(self, url: str) -> str:
        """The text at `url`, its character references resolved."""
        return html.unescape(self.raw(url))

    def heading(self, url: str) -> str | None:
        """The text of the first `<h1>` at `url`, or None when there is none."""
        found = re.search(r"<h1[^>]*>(.*?)</h1>", self.raw(url), re.DOTALL)
        return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else None


def migrated(engine: Engine, folder: Path) -> Path:
    """Copies the engine's fixture into `folder` and moves what docs/migrating.md moves."""
    site = folder / engine.name
    shutil.copytree(FIXTURES / engine.name, site)
    for source, target in engine.moves:
        assert (site / source).exists(), f"the fixture has no {source} to move"
        if target is None:
            (site / source).unlink()
            continue
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(site / source, site / target)
    return site


@pytest.fixture(scope="module")
def build_of(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Engine], Built]]:
    """Builds each engine's fixture once for the whole module."""
    done: dict[str, Built] = {}

    def build(engine: Engine) -> Built:
        if engine.name not in done:
            site = migrated(engine, tmp_path_factory.mktemp("migrate"))
            report = Builder(site, now=NOW, use_cache=False).build()
            done[engine.name] = Built(engine, site, report, site / "public")
        return done[engine.name]

    yield build


engines = pytest.mark.parametrize("engine", ENGINES, ids=lambda engine: engine.name)


def line_of(site: Path, relative: str, text: str) -> int:
    """The 1-based line of `relative` (in the migrated site) on which `text` first stands."""
    for number, line in enumerate((site / relative).read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"the fixture's {relative} has no line with {text!r}")


def where(site: Path, problem_path: str) -> str:
    """A problem's file, relative to the site, written with '/'."""
    path = Path(problem_path)
    if path.is_absolute():
        path = path.relative_to(site)
    return path.as_posix()


def redirect_target(page: str) -> str | None:
    """The address a redirect page's `<meta http-equiv="refresh">` sends readers to."""
    found = re.search(r'http-equiv="refresh"\s+content="0;\s*url=([^"]+)"', page, re.IGNORECASE)
    return found.group(1) if found else None


def feed_titles(text: str) -> list[str]:
    """The entry titles of an Atom feed (or RSS items)."""
    root = ET.fromstring(text)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{atom}entry") or root.findall("./channel/item")
    titles = [entry.findtext(f"{atom}title") or entry.findtext("title") or "" for entry in entries]
    return [html.unescape(title) for title in titles]


@engines
def test_the_fixture_builds_without_an_error(
    engine: Engine, build_of: Callable[[Engine], Built]
) -> None:
    built = build_of(engine)
    assert built.report.errors == [], built.problems()


@engines
def test_warnings_name_only_what_octavo_cannot_honour(
    engine: Engine, build_of: Callable[[Engine], Built]
) -> None:
    built = build_of(engine)
    required = {(source, line_of(built.site, source, text)) for source, text in engine.must_warn}
    allowed = required | {
        (source, line_of(built.site, source, text)) for source, text in engine.may_warn
    }
    warned = {(where(built.site, warning.path), warning.line) for warning in built.report.warnings}
    assert required <= warned, f"no warning at {sorted(required - warned)}\n{built.problems()}"
    assert warned <= allowed, (
        f"unexpected warnings at {sorted(warned - allowed)}\n{built.problems()}"
    )


@engines
def test_every_post_is_at_the_url_its_engine_gave_it(
    engine: Engine, build_of: Callable[[Engine], Built]
) -> None:
    built = build_of(engine)
    missing = [
        f"{post.source} -> {post.url}"
        for post in engine.posts
        if not built.file(post.url).is_file() or built.heading(post.url) != post.title
    ]
    assert missing == [], (
        f"{engine.name}: not at its old URL:\n" + "\n".join(missing) + ("\n" + built.problems())
    )


# Pelican has no aliases of its own: its old URLs are kept by the [permalinks] patterns.
@pytest.mark.parametrize(
    "engine", [engine for engine in ENGINES if engine.aliases], ids=lambda engine: engine.name
)
def test_every_alias_redirects_to_its_post(
    engine: Engine, build_of: Callable[[Engine], Built]
) -> None:
    built = build_of(engine)
    base = built.site.joinpath("octavo.toml").read_text()
    base_url = re.search(r'base_url = "([^"]+)"', base)
    assert base_url
    wrong = []
    for old, new in engine.aliases.items():
        if not built.file(old).is_file():
            wrong.append(f"{old}: no page")
            continue
        target = redirect_target(built.page(old))
        if target is None or urljoin(base_url.group(1) + old.lstrip("/"), target) != urljoin(
            base_url.group(1), new
        ):
            wrong.append(f"{old}: sends readers to {target}, not {new}")
    assert wrong == [], f"{engine.name}:\n" + "\n".join(wrong) + "\n" + built.problems()
    rules = [line.split() for line in (built.output / "_redirects").read_text().splitlines()]
    for old, new in engine.aliases.items():
        assert any(rule[:1] == [old] and rule[1].endswith(new) for rule in rules), old


@engines
def test_every_file_beside_a_post_is_copied_beside_its_page(
    engine: Engine, build_of: Callable[[Engine], Built]
) -> None:
    built = build_of(engine)
    missing = [
        url
        for url, source in engine.files.items()
        if not built.file(url).is_file()
        or built.file(url).read_bytes() != (FIXTURES / engine.name / source).read_bytes()
    ]
    assert missing == [], f"{engine.name}: not copied: {missing}\n{built.problems()}"


@engines
def test_the_about_page_is_at_its_url_and_out_of_the_feeds(
    engine: Engine, build_of: Callable[[Engine], Built]
) -> None:
    built = build_of(engine)
    assert built.heading(engine.about.url) == engine.about.title
    for feed in engine.feeds:
        assert engine.about.title not in feed_titles(built.raw(feed)), feed


@engines
def test_what_the_engine_leaves_out_is_nowhere(
    engine: Engine, build_of: Callable[[Engine], Built]
) -> None:
    built = build_of(engine)
    assert built.output.is_dir(), built.problems()
    for post in engine.left_out:
        assert not built.file(post.url).exists(), post.url
        showing = [
            str(file.relative_to(built.output))
            for file in built.output.rglob("*")
            if file.suffix in {".html", ".xml"}
            and post.title in html.unescape(file.read_text(encoding="utf-8"))
        ]
        assert showing == [], f"{post.title!r} is shown in {showing}"


@engines
def test_taxonomy_pages_are_where_the_engine_put_them(
    engine: Engine, build_of: Callable[[Engine], Built]
) -> None:
    built = build_of(engine)
    wrong = []
    for url, titles in engine.taxonomies.items():
        if not built.file(url).is_file():
            wrong.append(f"{url}: no page")
            continue
        page = built.page(url)
        wrong += [f"{url}: does not list {title!r}" for title in titles if title not in page]
    assert wrong == [], f"{engine.name}:\n" + "\n".join(wrong) + "\n" + built.problems()


@engines
def test_feeds_are_where_the_engine_put_them(
    engine: Engine, build_of: Callable[[Engine], Built]
) -> None:
    built = build_of(engine)
    for url, titles in engine.feeds.items():
        held = feed_titles(built.raw(url))
        assert set(titles) <= set(held), f"{url} holds {held}"


@engines
def test_the_guide_shows_the_octavo_toml_the_fixture_builds_with(engine: Engine) -> None:
    sections = re.split(r"^## From ", GUIDE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    section = next(part for part in sections if part.lower().startswith(engine.name))
    shown = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert shown, f"docs/migrating.md shows no octavo.toml for {engine.name}"
    assert shown.group(1) == (FIXTURES / engine.name / "octavo.toml").read_text(encoding="utf-8")
    for source, _ in engine.moves:
        assert f"`{source}" in section, f"docs/migrating.md does not say to move {source}"
