"""The corpus generator: deterministic, within its ranges, and the same posts for every engine."""

from __future__ import annotations

import json
import re
from pathlib import Path

import corpus
import pytest
import sites
from corpus import Post

N = 240  # enough posts for the Zipf tail and the table third; generating them takes ~0.1 s


@pytest.fixture(scope="module")
def posts() -> list[Post]:
    return corpus.generate(N, seed=7)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert corpus.main(["--posts", "40", "--out", str(tmp_path / name), "--seed", "3"]) == 0
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert len(first) > 3 * 40
    assert first == second


def test_other_seed_other_posts() -> None:
    assert corpus.generate(20, seed=1) != corpus.generate(20, seed=2)


def test_word_count_in_range(posts: list[Post]) -> None:
    counts = [corpus.word_count(post.body) for post in posts]
    assert min(counts) >= corpus.MIN_WORDS
    assert max(counts) <= corpus.MAX_WORDS


@pytest.mark.parametrize(("n", "size"), [(10, 20), (200, 20), (1000, 50), (10000, 500)])
def test_tag_pool_size(n: int, size: int) -> None:
    pool = corpus.tag_pool(n)
    assert len(pool) == size
    assert len(set(pool)) == size


def test_tag_pool_has_the_hard_cases() -> None:
    pool = corpus.tag_pool(N)
    assert any(" " in tag for tag in pool)
    assert any(not tag.isascii() for tag in pool)
    assert {"Café", "Данные", "Python", "python"} <= set(pool)
    folded = [tag.casefold() for tag in pool]
    assert len(set(folded)) < len(folded)  # case variants of one another


def test_tags_and_sections_per_post(posts: list[Post]) -> None:
    for post in posts:
        assert 1 <= len(post.tags) <= 5
        assert len({tag.casefold() for tag in post.tags}) == len(post.tags)
        sections = re.findall(r"^## ", post.body, flags=re.MULTILINE)
        assert 2 <= len(sections) <= 4


def test_every_post_has_the_markdown_features(posts: list[Post]) -> None:
    for post in posts:
        assert "\n- " in post.body
        assert "```python\n" in post.body
        assert re.search(r"[^`]`[^`\n]+`", post.body)
        assert "](https://example.org/" in post.body
    with_table = sum("| --- |" in post.body for post in posts)
    assert with_table == len(range(0, N, 3))


def test_all_tags_used_and_zipf_like(posts: list[Post]) -> None:
    uses = [tag for post in posts for tag in post.tags]
    pool = corpus.tag_pool(N)
    assert uses.count(pool[0]) > uses.count(pool[-1])
    assert "python" in uses and "Python" in uses


def test_dates_span_years_and_zones(posts: list[Post]) -> None:
    assert {post.date.year for post in posts} == {2020, 2021, 2022, 2023, 2024}
    assert len({post.date.utcoffset() for post in posts}) > 3
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00[+-]\d\d:\d\d", posts[0].date_text)


def test_titles_and_slugs_unique(posts: list[Post]) -> None:
    assert len({post.title for post in posts}) == N
    assert len({post.slug for post in posts}) == N


def test_three_engines_same_posts(tmp_path: Path) -> None:
    posts = corpus.generate(30, seed=5)
    sites.write_sites(posts, tmp_path)
    expected = sorted(post.title for post in posts)
    assert _titles(tmp_path / "octavo" / "content", "title: ") == expected
    assert _titles(tmp_path / "hugo" / "content" / "posts", "title: ") == expected
    assert _titles(tmp_path / "pelican" / "content", "Title: ") == expected
    assert (tmp_path / "octavo" / "octavo.toml").is_file()
    assert (tmp_path / "hugo" / "hugo.toml").is_file()
    assert (tmp_path / "pelican" / "pelicanconf.py").is_file()


def _titles(folder: Path, prefix: str) -> list[str]:
    found = []
    for path in folder.glob("*.md"):
        line = next(
            x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith(prefix)
        )
        value = line.removeprefix(prefix)
        found.append(json.loads(value) if value.startswith('"') else value)
    return sorted(found)


def test_template_edit_changes_one_number(tmp_path: Path) -> None:
    sites.write_sites(corpus.generate(3), tmp_path)
    for engine in sites.ENGINES:
        sites.set_template_edit(engine, tmp_path / engine, 5)
        text = sites.template_path(engine, tmp_path / engine).read_text(encoding="utf-8")
        assert '<meta name="bench-edit" content="5">' in text
