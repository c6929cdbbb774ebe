"""A post file to a `Post`: decode, split and validate the front matter, render the body."""

from __future__ import annotations

import html
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from octavo_content import (
    FRONT_MATTER_HINTS,
    MAX_NAME_BYTES,
    SITE_PATH_KEYS,
    ContentError,
    FrontMatter,
    ImageInfo,
    Post,
    Reference,
    SiteConfig,
    SourceName,
    errors_from_validation,
    in_pages_folder,
    normalised_site_path,
    slugify,
    source_name,
    written_date,
)
from octavo_parser.engines import extra_conflicts, layout_problems, spelling_conflicts
from octavo_parser.frontmatter import FrontMatterBlock, loaded_front_matter, split_front_matter
from octavo_parser.keys import unknown_key_problems
from octavo_parser.local import Place, is_local
from octavo_parser.markdown import RenderedMarkdown, render_markdown, render_summary
from octavo_parser.source import decoded_source, xml_safe_source
from octavo_parser.terms import gathered_terms, lone_part
from octavo_parser.words import site_words
from octavo_parser.xmlchars import (
    cleaned,
    first_illegal_reference,
    has_illegal,
    illegal_problem,
)


@dataclass(frozen=True)
class ParseResult:
    """A parsed post, or None when any problem is an error; every problem found, in file order."""

    post: Post | None
    problems: tuple[ContentError, ...]


def parse_post(
    source: bytes,
    path: str,
    config: SiteConfig,
    images: Mapping[str, ImageInfo] | None = None,
) -> ParseResult:
    """Given a post file's bytes and site-relative posix path, returns post and problems.

    `images` are the local images the builder measured, by site-relative file path: those the
    post shows get their size and resized copies.
    """
    text = decoded_source(source, path)
    if isinstance(text, ContentError):
        return _failed([text])
    text, xml_problems = xml_safe_source(text, path)
    block = split_front_matter(text, path)
    if isinstance(block, ContentError):
        return _failed([*xml_problems, block])
    loaded = loaded_front_matter(block, path)
    if isinstance(loaded, ContentError):
        return _failed([*xml_problems, loaded])
    data, escape_problems = _xml_safe_front_matter(loaded, block, path)
    data, term_problems = gathered_terms(data, block.line_of, path, config)
    name = source_name(path)
    front_problems = [
        *xml_problems,
        *escape_problems,
        *term_problems,
        *unknown_key_problems(data, path, block.line_of, strict=config.strict_front_matter),
        *_site_path_conflicts(data, block, path),
        *spelling_conflicts(data, block, path),
        *extra_conflicts(data, block, path),
        *layout_problems(data, block, path),
    ]
    data = _dated_by_name(_kind_by_folder(data, path), name)
    front = _validated(data, block, path, config)
    undated = _undated_post(data, block, path)
    if not isinstance(front, FrontMatter) or undated:
        return _failed([*front_problems, *(front if isinstance(front, list) else []), *undated])
    front_problems.extend(_page_tags(front, block, path))
    front_problems.extend(lone_part(front, block.line_of, path))
    slug, slug_key = _slug(front, name, config)
    if len(slug.encode()) > MAX_NAME_BYTES:
        return _failed([*front_problems, _long_slug(slug, slug_key, block, path)])
    place = Place.of(path, _url(front, slug, config), config, images or {})
    body = render_markdown(
        block.body,
        path=path,
        slug=slug,
        raw_html=config.raw_html,
        first_line=block.body_line,
        place=place,
        words=site_words(config),
    )
    problems = _in_file_order([*front_problems, *body.problems])
    if any(problem.is_error for problem in problems):
        return ParseResult(post=None, problems=problems)
    site_path = front.site_path
    # The line a message about the post's URL points at: the key its path or last segment comes
    # from (the opening line when it is the file's name).
    url_key = site_path[0] if site_path else slug_key
    url_line = block.line_of(url_key) if url_key else block.opening_line
    lines = {
        "url_line": url_line,
        "alias_lines": tuple(block.line_of(key) for key, _ in front.old_paths),
        "aliases": _aliases(front, data, _url(front, slug, config), config),
        "series_line": block.line_of("part" if front.part is not None else "series"),
    }
    post = _post(front, body, path, slug, config, lines, place, block)
    return ParseResult(post=post, problems=problems)


def _kind_by_folder(data: dict[str, Any], path: str) -> dict[str, Any]:
    """Given front matter, returns it with `kind: page` when the file is under content/pages/ and
    says no kind of its own."""
    if "kind" not in data and in_pages_folder(path):
        return {**data, "kind": "page"}
    return data


def _undated_post(data: dict[str, Any], block: FrontMatterBlock, path: str) -> list[ContentError]:
    """Given front matter (with the file name's date), returns the error of a post without a date:
    a post needs one (its publish date serves, as in Hugo), a page does not."""
    if written_date(data) is not None or data.get("kind", "post") != "post":
        return []
    return [
        ContentError(
            path=path,
            line=block.line_of("date"),
            field="date",
            message="is required but missing",
            expected="a value",
            hint=FRONT_MATTER_HINTS["date"]
            + "; a page (a file under content/pages/, or with  kind: page) needs none",
        )
    ]


def _page_tags(front: FrontMatter, block: FrontMatterBlock, path: str) -> list[ContentError]:
    """Given valid front matter, returns a warning when a page has tags: no list shows a page."""
    if front.kind != "page" or not front.tags:
        return []
    return [
        ContentError(
            path=path,
            line=block.line_of("tags"),
            field="tags",
            message="a page is in no tag's list, so its tags are not used",
            hint="remove the tags, or write  kind: post  to make the file a post",
            severity="warning",
        )
    ]


def _dated_by_name(data: dict[str, Any], name: SourceName) -> dict[str, Any]:
    """Given front matter, returns it with the file name's date when it gives none (Jekyll's way;
    a publish date is a date, as in Hugo).

    The prefix is written as text, so it is read as a calendar day, like a date-only value.
    """
    if written_date(data) is None and name.date is not None:
        return {**data, "date": name.date}
    return data


def _slug(front: FrontMatter, name: SourceName, config: SiteConfig) -> tuple[str, str | None]:
    """Given valid front matter and the file's name, returns the post's slug and the front matter
    key it comes from (None for the file's name)."""
    if front.slug:
        return front.slug, "slug"
    if config.slug_source == "title":
        return slugify(front.title), "title"
    return slugify(name.name), None


def _aliases(
    front: FrontMatter, data: dict[str, Any], url: str, config: SiteConfig
) -> tuple[str, ...]:
    """Given valid front matter as written and the post's URL, returns its old paths.

    With `relative_aliases = "page"`, an `aliases` entry written without a leading `/` is read
    from the folder of the post's URL, as Hugo reads it (`old` on /posts/new/ is /posts/old/);
    otherwise from the site's root, as Zola and Jekyll read every old path.
    """
    aliases = tuple(old for _, old in front.old_paths)
    written = data.get("aliases")
    if config.relative_aliases != "page" or not written:
        return aliases
    folder = posixpath.dirname(url.rstrip("/"))
    moved: dict[str, str] = {}
    for item in [written] if isinstance(written, str) else written:
        if isinstance(item, str) and not item.strip().startswith("/"):
            joined = posixpath.normpath(posixpath.join(folder, item.strip()))
            try:
                moved[normalised_site_path(item)] = normalised_site_path(joined)
            except ValueError:  # a path from the page's folder that leaves the site: as written
                continue
    return tuple(moved.get(old, old) for old in aliases)


def _site_path_conflicts(
    data: dict[str, Any], block: FrontMatterBlock, path: str
) -> list[ContentError]:
    """Given front matter, returns an error when more than one key sets the post's whole path."""
    given = [key for key in SITE_PATH_KEYS if data.get(key) is not None]
    if len(given) < 2:
        return []
    lines = {key: block.line_of(key) for key in given}
    first, second = sorted(given, key=lambda key: lines[key])[:2]
    return [
        ContentError(
            path=path,
            line=lines[second],
            field=second,
            message=(
                f"'{first}' (line {lines[first]}) and '{second}' (line {lines[second]}) both"
                " set the post's path"
            ),
            expected="one of " + ", ".join(SITE_PATH_KEYS),
            hint="keep the one that holds the post's old address, and remove the other",
        )
    ]


def _xml_safe_front_matter(
    data: dict[str, Any], block: FrontMatterBlock, path: str
) -> tuple[dict[str, Any], list[ContentError]]:
    """Given loaded front matter, returns it XML-safe, and a warning at the first key changed.

    The file's text is XML-safe already; escapes such as YAML's "\\x1b" and `&#12;` in a summary
    (rendered as Markdown) can still bring such characters back.
    """
    safe: dict[str, Any] = cleaned(data)
    changed = [key for key, value in data.items() if has_illegal(key) or has_illegal(value)]
    summary = data.get("summary")
    if isinstance(summary, str) and first_illegal_reference(summary) is not None:
        changed.append("summary")
    if not changed:
        return safe, []
    first = min(block.line_of(key) for key in changed)
    return safe, [illegal_problem(path, first, "characters written as escapes")]


def _validated(
    data: dict[str, Any], block: FrontMatterBlock, path: str, config: SiteConfig
) -> FrontMatter | list[ContentError]:
    """Given loaded front matter, returns it validated, or the errors at the lines of their keys."""
    try:
        return FrontMatter.model_validate(data, context={"zone": config.zone})
    except ValidationError as exc:
        errors = errors_from_validation(exc, path, block.line_of, FRONT_MATTER_HINTS)
    # An error about the front matter as a whole (no field) points at its opening line. A
    # publish date is read as the date too, when there is no date: its error is said once.
    unique = {(error.field, error.message): error for error in errors}
    return [
        error if error.line else error.model_copy(update={"line": block.opening_line})
        for error in unique.values()
    ]


def _long_slug(slug: str, key: str | None, block: FrontMatterBlock, path: str) -> ContentError:
    """Given a slug made from the title or the file name that is too long to name a file, returns
    the error at the title's line or the opening line."""
    return ContentError(
        path=path,
        line=block.line_of(key) if key else block.opening_line,
        field=key,
        message=(
            f"makes a slug {len(slug.encode())} bytes long"
            if key
            else f"the file name makes a slug {len(slug.encode())} bytes long"
        ),
        expected=f"a slug of at most {MAX_NAME_BYTES} bytes, the longest file name",
        hint="set a shorter slug, such as  slug: my-post" + ("" if key else ", or rename the file"),
    )


def _post(
    front: FrontMatter,
    body: RenderedMarkdown,
    path: str,
    slug: str,
    config: SiteConfig,
    lines: dict[str, Any],
    place: Place,
    block: FrontMatterBlock,
) -> Post:
    """Given valid front matter, the rendered body and the file lines of the URL's keys (`url_line`,
    `alias_lines`), returns the post."""
    summary_html, description = body.summary_html, body.description
    has_more = body.has_more
    references = list(body.references)
    links = list(body.links)
    if front.summary:
        # The summary's references are found anew, at the line of its key.
        place.references, place.links, place.markdown = [], [], ""
        summary_html, description = render_summary(
            front.summary, raw_html=config.raw_html, place=place, words=site_words(config)
        )
        line = block.line_of("summary")
        references += [ref.model_copy(update={"line": line}) for ref in place.references]
        links += [link.model_copy(update={"line": line}) for link in place.links]
        # A written summary is not part of the body, so the whole body is "more".
        has_more = bool(body.body_html.strip())
    if front.description:
        # The meta description and the feed's summary; lists keep the post's own summary, and
        # show the description only when the body has none (a post of an image or code alone).
        description = front.description
        if not front.summary and not summary_html.strip():
            summary_html = f"<p>{html.escape(front.description, quote=False)}</p>\n"
    image = _image(front, references, place, config, block)
    return Post(
        source=path,
        kind=front.kind,
        slug=slug,
        url=_url(front, slug, config),
        title=front.title,
        date=front.date,
        day_only=front.day_only,
        updated=front.updated,
        # A page is listed under no tag (the parser warned of any it has).
        tags=front.tags if front.kind == "post" else (),
        authors=front.authors,
        taxonomies=front.taxonomies,
        series=front.series,
        part=front.part,
        draft=front.draft,
        publish_date=front.publish_date,
        expiry_date=front.expiry_date,
        body_html=body.body_html,
        list_html=body.list_html,
        summary_html=summary_html,
        description=description,
        has_more=has_more,
        toc=body.toc,
        word_count=body.word_count,
        reading_minutes=body.reading_minutes,
        extra=front.extra,
        feed_html=body.feed_html,
        references=tuple(references),
        image=image,
        links=tuple(link for link in links if link.kind != "external"),
        external_links=tuple(link for link in links if link.kind == "external"),
        anchors=body.anchors,
        **lines,
    )


def _image(
    front: FrontMatter,
    references: list[Reference],
    place: Place,
    config: SiteConfig,
    block: FrontMatterBlock,
) -> str | None:
    """Given the post's front matter and references, returns the absolute URL of the image that
    stands for it (`og:image`): front matter `image`, else its first local image. A local
    `image` is a reference too, put first in `references`."""
    written = (front.image or "").strip()
    if written and not is_local(written):
        return written
    if written:
        _, reference = place.resolved("image", written, block.line_of("image"))
        if reference is not None:
            references.insert(0, reference)
            return config.absolute_url(reference.path)
    first = next((ref for ref in references if ref.kind == "image"), None)
    return None if first is None else config.absolute_url(first.path)


def _url(front: FrontMatter, slug: str, config: SiteConfig) -> str:
    """Given valid front matter and the slug, returns the post's path on the site."""
    site_path = front.site_path
    if site_path is not None:
        return site_path[1]
    if front.kind == "page":
        return config.permalinks.page_url(slug)
    assert front.date is not None, "a post without a date is reported, never built"
    # The URL's year, month and day are those of the site's zone, as readers see the date.
    return config.permalinks.post_url(
        slug, front.date.astimezone(config.zone), front.taxonomies.get("categories", ())
    )


def _failed(problems: list[ContentError]) -> ParseResult:
    """Given the problems of a post that cannot be built, returns the result without a post."""
    return ParseResult(post=None, problems=_in_file_order(problems))


def _in_file_order(problems: list[ContentError]) -> tuple[ContentError, ...]:
    """Given problems, returns them ordered by line (stable; problems without a line first)."""
    return tuple(sorted(problems, key=lambda problem: problem.line or 0))
