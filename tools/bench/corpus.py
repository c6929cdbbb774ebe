"""The benchmark corpus: N deterministic blog posts, written as Octavo, Hugo and Pelican sites.

Usage: python tools/bench/corpus.py --posts N --out DIR [--seed S]

Each post draws from its own `random.Random` seeded with "seed:index" (string seeds are hashed
with SHA-512, so the result does not depend on PYTHONHASHSEED), which lets the runner make "one
more post" later without regenerating the whole corpus. Only the stdlib is used.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

DEFAULT_SEED = 1
MIN_WORDS, MAX_WORDS = 600, 900
MIN_SECTIONS, MAX_SECTIONS = 2, 4
MAX_TAGS = 5

# The first 20 tags, in Zipf rank order. They carry the cases a tag index must get right:
# multi-word names, non-ASCII names, and case variants ("python" sits a few ranks below "Python"
# so both occur).
SEED_TAGS = (
    "Python",
    "Web Development",
    "Rust",
    "Machine Learning",
    "Café",
    "DevOps",
    "python",
    "Данные",
    "Open Source",
    "JavaScript",
    "Kubernetes",
    "devops",
    "Data Engineering",
    "Naïve Bayes",
    "Testing",
    "Performance",
    "SQL",
    "Linux",
    "Security",
    "Go",
)
_TAG_WORDS = [
    "Async",
    "Caching",
    "CI",
    "Compilers",
    "Containers",
    "Databases",
    "Debugging",
    "Design",
    "Docker",
    "Embedded",
    "Elixir",
    "Emacs",
    "Frontend",
    "Functional",
    "Git",
    "GraphQL",
    "Haskell",
    "HTTP",
    "Infrastructure",
    "Java",
    "Kafka",
    "Kotlin",
    "Lisp",
    "Logging",
    "Microservices",
    "Monitoring",
    "Networking",
    "Nix",
    "NoSQL",
    "Observability",
    "OCaml",
    "Parsing",
    "PostgreSQL",
    "Privacy",
    "Profiling",
    "Redis",
    "Refactoring",
    "Scala",
    "Serverless",
    "Shell",
    "SQLite",
    "Statistics",
    "Swift",
    "Terraform",
    "TypeScript",
    "Unicode",
    "Vim",
    "WebAssembly",
    "Zig",
]
_TAG_ADJECTIVES = [
    "Applied",
    "Cloud",
    "Distributed",
    "Mobile",
    "Modern",
    "Practical",
    "Realtime",
    "Reliable",
    "Scalable",
    "Secure",
    "Static",
    "Streaming",
    "Typed",
    "Visual",
]
_TAG_NOUNS = [
    "Analytics",
    "APIs",
    "Architecture",
    "Automation",
    "Backups",
    "Builds",
    "Caches",
    "Clusters",
    "Compilers",
    "Dashboards",
    "Deployments",
    "Documentation",
    "Editors",
    "Interfaces",
    "Migrations",
    "Pipelines",
    "Queues",
    "Search",
    "Services",
    "Storage",
    "Systems",
    "Teams",
    "Tooling",
    "Workflows",
]

_TITLE_OPENERS = (
    "Practical Notes on",
    "What We Learned from",
    "A Field Guide to",
    "Rethinking",
    "Five Mistakes in",
    "The Quiet Cost of",
    "Inside Our",
    "Debugging",
    "Scaling",
    "Why We Rewrote",
    "Measuring",
    "A Year of",
)
_TITLE_TOPICS = (
    "Build Pipelines",
    "Tag Indexes",
    "Static Sites",
    "Feed Readers",
    "Template Engines",
    "Message Queues",
    "Search Indexes",
    "Connection Pools",
    "Schema Migrations",
    "Release Trains",
    "Error Budgets",
    "Cache Invalidation",
    "Markdown Parsers",
    "Unicode Handling",
    "Date Arithmetic",
    "Worker Pools",
    "Feature Flags",
    "Load Balancers",
    "Code Reviews",
    "Build Caches",
    "Log Pipelines",
    "Access Controls",
    "Test Fixtures",
    "Config Files",
)
# A stack in front of the topic ("Rust Worker Pools") makes ~70,000 titles, so a 10,000-post corpus
# needs few ", Part N" suffixes to keep titles (and slugs) unique.
_TITLE_STACKS = (
    "Python",
    "Rust",
    "Go",
    "Java",
    "Node",
    "Postgres",
    "Kafka",
    "Redis",
    "Linux",
    "Cloud",
    "Mobile",
    "Frontend",
    "Backend",
    "Data",
    "Django",
    "Flask",
    "Kubernetes",
    "Serverless",
    "Legacy",
    "Open Source",
)
_TITLE_CLOSERS = (
    "in Production",
    "for Small Teams",
    "at Scale",
    "Without the Hype",
    "on a Budget",
    "the Hard Way",
    "in Practice",
    "Under Load",
    "Step by Step",
    "After Five Years",
    "From Scratch",
    "for Beginners",
)

_SUBJECTS = (
    "The build pipeline",
    "Our team",
    "The cache layer",
    "Every reviewer",
    "The migration script",
    "A single worker",
    "The template engine",
    "The on-call engineer",
    "Our test suite",
    "The release process",
    "The parser",
    "The database",
)
_VERBS = (
    "reduced",
    "replaced",
    "simplified",
    "exposed",
    "doubled",
    "measured",
    "rewrote",
    "documented",
    "broke",
    "outgrew",
)
_OBJECTS = (
    "the cold start time",
    "a whole class of flaky failures",
    "the configuration surface",
    "three layers of indirection",
    "the number of files written",
    "most of the manual steps",
    "an old assumption about time zones",
    "the memory footprint of each job",
    "the slowest query in the report",
    "our deployment checklist",
)
_TAILS = (
    "after the migration",
    "once we looked at the numbers",
    "within a single sprint",
    "without anyone noticing at first",
    "because the defaults were wrong",
    "when traffic doubled overnight",
    "and nobody wanted to go back",
    "which surprised the whole team",
)
_IDENTIFIERS = (
    "build_site()",
    "TagIndex",
    "max_workers",
    "render_page()",
    "cache_dir",
    "load_posts()",
    "per_page",
    "slugify()",
)
_LINK_TEXTS = ("the documentation", "this write-up", "the changelog", "a related post", "the RFC")
_SECTION_TITLES = (
    "Background",
    "The Problem",
    "What We Tried",
    "Implementation Details",
    "Measuring the Result",
    "Trade-offs",
    "Lessons Learned",
    "What Comes Next",
    "A Closer Look",
    "Edge Cases",
)
_ZONE_OFFSETS_MIN = (0, 60, 120, -300, -480, 330, 540, 600)
# Noon to noon in UTC, so that with any offset (all within ±12 h) local dates stay in 2020–2024.
_FIRST_DAY = datetime(2020, 1, 1, 12, tzinfo=UTC)
_SPAN_MINUTES = (datetime(2024, 12, 31, 12, tzinfo=UTC) - _FIRST_DAY) // timedelta(minutes=1)


@dataclass(frozen=True)
class Post:
    """One post, in no engine's format yet. `body` is the Markdown that follows the front matter."""

    index: int
    slug: str
    title: str
    date: datetime
    tags: tuple[str, ...]
    body: str

    @property
    def date_text(self) -> str:
        """ISO 8601 with the post's own offset, e.g. 2023-04-05T10:20:00+02:00."""
        return self.date.isoformat()


def tag_pool(n_posts: int) -> list[str]:
    """The tags in Zipf rank order: max(20, N/20) of them, the seed tags first."""
    size = max(len(SEED_TAGS), n_posts // 20)
    pool = list(SEED_TAGS)
    candidates = _TAG_WORDS + [f"{a} {n}" for a in _TAG_ADJECTIVES for n in _TAG_NOUNS]
    taken = {tag.casefold() for tag in pool}
    for name in candidates:
        if len(pool) >= size:
            break
        # Only the seed tags are meant to collide by case; keep the generated ones distinct.
        if name.casefold() not in taken:
            pool.append(name)
            taken.add(name.casefold())
    while len(pool) < size:  # corpora beyond ~22,000 posts run out of names
        pool.append(f"Topic {len(pool)}")
    return pool


def zipf_weights(size: int, exponent: float = 1.1) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, size + 1)]


def word_count(markdown: str) -> int:
    """Whitespace-separated tokens, code and markup included: the measure the 600–900 range uses."""
    return len(markdown.split())


def generate(n_posts: int, seed: int = DEFAULT_SEED) -> list[Post]:
    """The corpus: posts 0..n-1, each from its own seeded generator."""
    pool = tag_pool(n_posts)
    weights = zipf_weights(len(pool))
    seen: set[str] = set()
    return [make_post(seed, index, pool, weights, seen) for index in range(n_posts)]


def make_post(
    seed: int, index: int, pool: Sequence[str], weights: Sequence[float], seen_titles: set[str]
) -> Post:
    """Post number `index`; `seen_titles` is updated so titles (and so slugs) stay unique."""
    rng = random.Random(f"{seed}:{index}")
    title = _unique_title(rng, seen_titles)
    return Post(
        index=index,
        slug=slugify(title),
        title=title,
        date=_date(rng),
        tags=_pick_tags(rng, pool, weights),
        body=_body(rng, has_table=index % 3 == 0),
    )


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _unique_title(rng: random.Random, seen: set[str]) -> str:
    topic = f"{rng.choice(_TITLE_STACKS)} {rng.choice(_TITLE_TOPICS)}"
    base = f"{rng.choice(_TITLE_OPENERS)} {topic} {rng.choice(_TITLE_CLOSERS)}"
    title, part = base, 1
    while title in seen:
        part += 1
        title = f"{base}, Part {part}"
    seen.add(title)
    return title


def _date(rng: random.Random) -> datetime:
    instant = _FIRST_DAY + timedelta(minutes=rng.randrange(_SPAN_MINUTES))
    zone = timezone(timedelta(minutes=rng.choice(_ZONE_OFFSETS_MIN)))
    return instant.astimezone(zone)


def _pick_tags(
    rng: random.Random, pool: Sequence[str], weights: Sequence[float]
) -> tuple[str, ...]:
    wanted = rng.randint(1, MAX_TAGS)
    picked: list[str] = []
    keys: set[str] = set()
    while len(picked) < wanted:
        tag = rng.choices(pool, weights=weights)[0]
        # No writer tags one post both "Python" and "python": the variants meet across posts.
        if tag.casefold() not in keys:
            picked.append(tag)
            keys.add(tag.casefold())
    return tuple(picked)


def _sentence(rng: random.Random) -> str:
    words = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
    roll = rng.random()
    if roll < 0.15:
        words += f" in `{rng.choice(_IDENTIFIERS)}`"
    elif roll < 0.25:
        page = rng.randrange(1000)
        words += f", as [{rng.choice(_LINK_TEXTS)}](https://example.org/notes/{page}) explains"
    return f"{words} {rng.choice(_TAILS)}."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _bullets(rng: random.Random) -> str:
    items = rng.sample(_OBJECTS, rng.randint(3, 5))
    # Every post gets at least one link here; the prose adds more at random.
    more = (
        f"- More in [{rng.choice(_LINK_TEXTS)}](https://example.org/notes/{rng.randrange(1000)})."
    )
    checks = [
        f"- Check {item} before and after, using `{rng.choice(_IDENTIFIERS)}`." for item in items
    ]
    return "\n".join([*checks, more])


def _code(rng: random.Random) -> str:
    name, limit = rng.choice(("posts", "tags", "pages", "feeds")), rng.randint(5, 50)
    return "\n".join(
        (
            "```python",
            f"def first_{name}(items: list[str], limit: int = {limit}) -> list[str]:",
            f'    """Return the first {name}, sorted, without duplicates."""',
            "    seen = sorted(set(items))",
            "    return seen[:limit]",
            "```",
        )
    )


def _table(rng: random.Random) -> str:
    rows = [
        f"| {rng.choice(_TITLE_TOPICS)} | {rng.randint(1, 99)} | {rng.randint(100, 999)} ms |"
        for _ in range(3)
    ]
    return "\n".join(["| Component | Runs | Median |", "| --- | ---: | ---: |", *rows])


def _body(rng: random.Random, has_table: bool) -> str:
    """Intro, then 2–4 `##` sections; the fixed blocks first, then prose until the word target."""
    titles = rng.sample(_SECTION_TITLES, rng.randint(MIN_SECTIONS, MAX_SECTIONS))
    sections: list[list[str]] = [[f"## {title}"] for title in titles]
    sections[0].append(_bullets(rng))
    sections[1].append(_code(rng))
    if has_table:
        sections[-1].append(_table(rng))
    intro = [_paragraph(rng, 3)]
    target = rng.randint(MIN_WORDS + 40, MAX_WORDS - 60)
    total = word_count("\n".join(intro + [block for s in sections for block in s]))
    turn = 0
    while total < target:
        # One sentence at a time, so the total overshoots the target by one sentence at most.
        paragraph: list[str] = []
        while total < target and len(paragraph) < 5:
            sentence = _sentence(rng)
            paragraph.append(sentence)
            total += word_count(sentence)
        sections[turn % len(sections)].insert(1, " ".join(paragraph))
        turn += 1
    return "\n\n".join(intro + [block for s in sections for block in s]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    # Imported here, not at the top: sites imports Post from this module.
    from sites import write_sites

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--posts", type=int, required=True, help="number of posts")
    parser.add_argument(
        "--out", type=Path, required=True, help="folder for octavo/, hugo/, pelican/"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    posts = generate(args.posts, args.seed)
    write_sites(posts, args.out)
    print(f"wrote {len(posts)} posts x 3 engines to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
