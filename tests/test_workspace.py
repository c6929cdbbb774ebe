"""The workspace's promises: one version for every member, exact pins between members, and each
member's test setup installing exactly the siblings it declares."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from sitecheck import REPO

MEMBERS = sorted([*REPO.glob("packages/*/pyproject.toml"), *REPO.glob("apps/*/pyproject.toml")])


def project(pyproject: Path) -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads(pyproject.read_text("utf-8"))
    return data


def distributions() -> dict[str, Path]:
    """Distribution name -> member folder."""
    return {project(p)["project"]["name"]: p.parent for p in MEMBERS}


def internal_requirements(pyproject: Path) -> dict[str, str]:
    """The member's requirements on other members: name -> the requirement's version spec."""
    names = distributions()
    found = {}
    for requirement in project(pyproject)["project"].get("dependencies", []):
        match = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", requirement)
        assert match
        if match.group(1) in names:
            found[match.group(1)] = match.group(2).strip()
    return found


def test_every_member_has_the_expected_shape() -> None:
    assert len(MEMBERS) >= 5
    for pyproject in MEMBERS:
        folder = pyproject.parent
        assert (folder / "README.md").is_file(), folder
        assert (folder / "tests").is_dir(), folder
        packages = project(pyproject)["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
        (source,) = packages
        assert (folder / source / "__init__.py").is_file(), folder
        assert (folder / source / "py.typed").is_file(), folder


def test_all_members_share_one_version() -> None:
    versions = {project(p)["project"]["name"]: project(p)["project"]["version"] for p in MEMBERS}
    assert len(set(versions.values())) == 1, versions


def test_internal_requirements_are_exact_pins_to_that_version() -> None:
    version = project(MEMBERS[0])["project"]["version"]
    for pyproject in MEMBERS:
        for name, spec in internal_requirements(pyproject).items():
            assert spec == f"=={version}", f"{pyproject}: {name}{spec}"


def test_each_member_installs_exactly_the_siblings_it_declares() -> None:
    names = distributions()
    for pyproject in MEMBERS:
        folder = pyproject.parent
        env = project(pyproject)["tool"]["hatch"]["envs"]["hatch-test"]
        # Both ways: the pre-install command installs them into a new env (hatch installs the
        # package first otherwise, and fails on siblings no index has); as workspace members,
        # hatch keeps their dependencies in sync in a kept env.
        commands = " ".join(env.get("pre-install-commands", []))
        installed = {(folder / path).resolve() for path in re.findall(r"-e\s+(\S+)", commands)}
        members = env.get("workspace", {}).get("members", [])
        assert installed == {(folder / path).resolve() for path in members}, folder
        declared = {names[name].resolve() for name in internal_requirements(pyproject)}
        # Siblings of siblings must be installed too, since none of them is on an index.
        needed = set(declared)
        pending = list(declared)
        while pending:
            sibling = pending.pop()
            for name in internal_requirements(sibling / "pyproject.toml"):
                if names[name].resolve() not in needed:
                    needed.add(names[name].resolve())
                    pending.append(names[name].resolve())
        assert installed == needed, f"{folder}: installs {installed}, needs {needed}"


# Which of our import names each member's source may import (DESIGN.md: data flows one way).
ALLOWED_IMPORTS = {
    "packages/content": set(),
    "packages/parser": {"octavo_content"},
    "packages/tags": {"octavo_content"},
    "packages/render": {"octavo_content", "octavo_tags"},
    "apps/builder": {"octavo_content", "octavo_parser", "octavo_tags", "octavo_render"},
    # The server reports a build that raised as the content model's error, like any other.
    "apps/server": {"octavo", "octavo_content"},
}
OURS = re.compile(r"^\s*(?:from|import)\s+(octavo(?:_[a-z]+)?)\b", re.MULTILINE)


def test_dependencies_flow_one_way() -> None:
    for member, allowed in ALLOWED_IMPORTS.items():
        own = project(REPO / member / "pyproject.toml")["tool"]["hatch"]["build"]["targets"]
        own_name = Path(own["wheel"]["packages"][0]).name
        for path in (REPO / member / "src").rglob("*.py"):
            imported = set(OURS.findall(path.read_text("utf-8"))) - {own_name}
            assert imported <= allowed, f"{path} imports {imported - allowed}"
