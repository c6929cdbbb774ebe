"""Real READMEs from the npm registry as a site's posts, and the anchors GitHub gives each one.

The packages are fixed; their versions are not: each run takes what the registry has (kept a day
in the pytest cache). Nothing a package ships is run: tarballs are fetched with `npm pack` and only
the README is read from them. GitHub's heading ids come from GitHub's own slugger, `github-slugger`,
over `markdown-it` (with `markdown-it-emoji`), installed from npm into the cache
(`github_anchors.mjs`).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote

# Grouped by what they are for; each group is a tag, so tag pages show READMEs whole too.
PACKAGES: dict[str, tuple[str, ...]] = {
    "cli": (
        "commander", "yargs", "chalk", "debug", "minimist", "meow", "cac", "inquirer", "prompts",
        "enquirer", "ora", "boxen", "cli-table3", "cli-progress", "kleur", "picocolors", "listr2",
        "execa", "cross-env", "concurrently", "npm-run-all", "nodemon", "pm2", "dotenv",
        "update-notifier", "open", "zx", "shelljs", "rimraf", "fs-extra", "glob", "globby",
        "fast-glob", "micromatch", "minimatch", "chokidar", "del", "tmp", "tar", "archiver",
        "semver", "np", "release-it",
    ),
    "web": (
        "express", "koa", "fastify", "hapi", "body-parser", "cors", "helmet", "morgan", "multer",
        "cookie-parser", "express-session", "compression", "serve-static", "send", "http-errors",
        "http-proxy", "http-server", "serve", "passport", "jsonwebtoken", "socket.io", "ws",
        "axios", "got", "node-fetch", "ky", "undici", "superagent", "form-data", "qs", "cookie",
        "mime", "nodemailer", "graphql", "ioredis", "pg", "mysql2", "knex", "sequelize",
        "mongoose", "typeorm", "bull", "kafkajs", "amqplib", "mqtt", "node-cron",
    ),
    "testing": (
        "mocha", "nyc", "c8", "istanbul", "ava", "tap", "tape", "jasmine", "karma", "sinon",
        "chai", "supertest", "nock", "puppeteer", "playwright", "uvu", "testdouble",
    ),
    "build": (
        "webpack", "rollup", "vite", "parcel", "browserify", "gulp", "grunt", "terser",
        "uglify-js", "typescript", "ts-node", "tsx", "postcss", "autoprefixer", "sass", "less",
        "stylus", "eslint", "prettier", "stylelint", "lint-staged", "lerna", "turbo", "core-js",
        "browserslist", "markdownlint", "typedoc", "jsdoc",
    ),
    "data": (
        "lodash", "underscore", "ramda", "immer", "rxjs", "date-fns", "dayjs", "moment", "luxon",
        "uuid", "nanoid", "ajv", "yup", "zod", "validator", "js-yaml", "yaml", "json5", "ini",
        "xml2js", "fast-xml-parser", "papaparse", "csv-parse", "bignumber.js", "decimal.js",
        "mathjs", "async", "bluebird", "p-limit", "iconv-lite", "pino", "winston", "handlebars",
        "ejs", "pug", "nunjucks", "mustache",
    ),
    "ui": (
        "react", "vue", "svelte", "preact", "lit", "solid-js", "jquery", "redux", "mobx",
        "zustand", "classnames", "styled-components", "d3", "three", "chart.js", "leaflet",
        "marked", "markdown-it", "showdown", "turndown", "highlight.js", "prismjs", "dompurify",
        "sanitize-html", "cheerio", "jsdom", "github-slugger", "slugify", "sharp",
    ),
}  # fmt: skip
# The packages GitHub's anchors are computed with (installed beside the script, never run).
NODE_TOOLS = ("markdown-it", "markdown-it-emoji", "github-slugger")
ANCHOR_SCRIPT = Path(__file__).with_name("github_anchors.mjs")
# A README fetched within this many seconds is used again; older ones are fetched anew.
KEEP_SECONDS = 24 * 3600
_README = re.compile(r"^[^/]+/readme(\.md|\.markdown)?$", re.IGNORECASE)
# A link or image destination the site cannot serve: relative, or a path from the site's root.
# Written as `](dest` inline or `[label]: dest` as a reference definition.
_LOCAL_DESTINATION = re.compile(
    r"(\]\(\s*<?|^ {0,3}\[[^\]]+\]:\s*<?)(?!#|[a-zA-Z][a-zA-Z0-9+.-]*:|//)(?=[^\s)>])",
    re.MULTILINE,
)
_BATCH = 12
_PARALLEL = 6


def all_packages() -> list[str]:
    """Every package of the corpus, in a fixed order."""
    return [name for group in PACKAGES.values() for name in group]


def file_stem(package: str) -> str:
    """A package's name as a file name: `@scope/name` is `scope-name`."""
    return package.removeprefix("@").replace("/", "-")


def _npm() -> str:
    npm = shutil.which("npm")
    assert npm, "the npm README corpus needs npm (Node.js)"
    return npm


def _readme_of(tarball: Path) -> str | None:
    """Given a package tarball, returns its top-level README's text, Markdown first."""
    with tarfile.open(tarball) as archive:
        members = [member for member in archive.getmembers() if _README.match(member.name)]
        members.sort(key=lambda member: (not member.name.lower().endswith(".md"), member.name))
        for member in members:
            extracted = archive.extractfile(member)
            if extracted is not None:
                return extracted.read().decode("utf-8", errors="replace")
    return None


def _pack(packages: list[str], folder: Path) -> None:
    """Given packages, writes their latest tarballs into folder (`npm pack`: no script is run)."""
    packed = subprocess.run(
        [_npm(), "pack", *packages, "--pack-destination", str(folder), "--ignore-scripts",
         "--json", "--no-audit", "--no-fund", "--loglevel=error"],
        capture_output=True, text=True, cwd=folder, check=False,
    )  # fmt: skip
    assert packed.returncode == 0, f"npm pack {' '.join(packages)} failed:\n{packed.stderr[-2000:]}"


def fetch_readmes(cache: Path) -> dict[str, str]:
    """Given a cache folder, returns each package's README, fetching the missing or stale ones."""
    readmes = cache / "readmes"
    readmes.mkdir(parents=True, exist_ok=True)
    fresh = time.time() - KEEP_SECONDS

    def cached(package: str) -> Path:
        return readmes / (file_stem(package) + ".md")

    missing = [
        package
        for package in all_packages()
        if not cached(package).is_file() or cached(package).stat().st_mtime < fresh
    ]
    if missing:
        tarballs = cache / "tarballs"
        shutil.rmtree(tarballs, ignore_errors=True)
        tarballs.mkdir()
        batches = [missing[start : start + _BATCH] for start in range(0, len(missing), _BATCH)]
        with ThreadPoolExecutor(_PARALLEL) as pool:
            list(pool.map(lambda batch: _pack(batch, tarballs), batches))
        for tarball in tarballs.glob("*.tgz"):
            package = json.loads(_package_json(tarball))["name"]
            text = _readme_of(tarball)
            if text is not None:
                cached(package).write_text(text, "utf-8")
        shutil.rmtree(tarballs)
    return {
        package: cached(package).read_text("utf-8")
        for package in all_packages()
        if cached(package).is_file()
    }


def _package_json(tarball: Path) -> str:
    """Given a package tarball, returns its package.json's text."""
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            if re.fullmatch(r"[^/]+/package\.json", member.name):
                extracted = archive.extractfile(member)
                if extracted is not None:
                    return extracted.read().decode("utf-8")
    raise AssertionError(f"{tarball.name} has no package.json")


@dataclass(frozen=True)
class Anchor:
    """A heading GitHub gives an id: the id, the heading's text, its README line."""

    id: str
    text: str
    line: int | None


@dataclass(frozen=True)
class Link:
    """An in-page link of a README: its fragment (percent-decoded) and its README line."""

    fragment: str
    line: int | None


@dataclass(frozen=True)
class GitHubAnchors:
    """What GitHub makes of one README's anchors."""

    headings: tuple[Anchor, ...]
    raw_ids: frozenset[str]
    links: tuple[Link, ...]
    raw_links: tuple[Link, ...]

    def heading_ids(self) -> dict[str, Anchor]:
        """GitHub's heading ids, each to its heading."""
        return {anchor.id: anchor for anchor in self.headings}


def github_anchors(cache: Path, readmes: dict[str, str]) -> dict[str, GitHubAnchors]:
    """Given READMEs, returns the anchors GitHub gives each and the in-page links it holds."""
    tools = cache / "node-tools"
    if not all((tools / "node_modules" / tool).is_dir() for tool in NODE_TOOLS):
        subprocess.run(
            [_npm(), "install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund",
             "--loglevel=error", "--prefix", str(tools), *NODE_TOOLS],
            check=True, capture_output=True,
        )  # fmt: skip
    script = tools / ANCHOR_SCRIPT.name
    shutil.copyfile(ANCHOR_SCRIPT, script)  # ES modules resolve packages beside the script
    node = shutil.which("node")
    assert node, "the npm README corpus needs Node.js"
    result = subprocess.run(
        [node, str(script)], input=json.dumps(readmes), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{ANCHOR_SCRIPT.name} failed:\n{result.stderr[-2000:]}"

    def links(found: list[dict[str, object]]) -> tuple[Link, ...]:
        return tuple(
            Link(unquote(str(link["href"])[1:]), link["line"])  # type: ignore[arg-type]
            for link in found
        )

    return {
        package: GitHubAnchors(
            headings=tuple(
                Anchor(heading["id"], heading["text"], heading["line"])
                for heading in found["headings"]
            ),
            raw_ids=frozenset(found["raw_ids"]),
            links=links(found["links"]),
            raw_links=links(found["raw_links"]),
        )
        for package, found in json.loads(result.stdout).items()
    }


def served_elsewhere(package: str, readme: str) -> str:
    """Given a README, returns it with links to the package's own files made absolute.

    A post that links a file the site does not have is a build error (a bundle's file is
    missing); as npm's website points such links at the repository, these point at the
    package's files on unpkg. `./docs/a.md` becomes `https://unpkg.com/NAME/./docs/a.md`.
    """
    return _LOCAL_DESTINATION.sub(
        lambda match: f"{match.group(1)}https://unpkg.com/{package}/", readme
    )


def write_site(root: Path, readmes: dict[str, str]) -> dict[str, str]:
    """Given READMEs, writes a site with one post each; returns each package's post file stem.

    Posts are dated a day apart in the order of PACKAGES and tagged `npm` and their group;
    raw HTML is left at the default (escaped), so every tag in the output is the engine's.
    """
    (root / "content").mkdir(parents=True)
    (root / "octavo.toml").write_text(
        'title = "npm READMEs"\nbase_url = "https://readmes.example.org/"\ntimezone = "UTC"\n'
    )
    stems: dict[str, str] = {}
    day = 0
    for group, packages in PACKAGES.items():
        for package in packages:
            day += 1
            if package not in readmes:
                continue
            stems[package] = file_stem(package)
            front = (
                f"---\ntitle: {json.dumps(package)}\n"
                f"date: {date(2020, 1, 1) + timedelta(days=day)}\n"
                f"tags: [npm, {group}]\n---\n"
            )
            (root / "content" / f"{stems[package]}.md").write_text(
                front + served_elsewhere(package, readmes[package]), "utf-8"
            )
    return stems
