"""Install the test plugins the way an installer lays a distribution out: the package, and a
`.dist-info` folder whose `entry_points.txt` registers it, in a folder put on `sys.path`."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).parent

AUTHORS = ("octavo_test_authors", "octavo-test-authors", "0.1.0", "octavo.page_kinds", "authors")


def install(target: Path, plugin: tuple[str, str, str, str, str] = AUTHORS) -> Path:
    """Install `plugin` into `target` (a folder for `sys.path`); returns `target`."""
    package, name, version, group, entry = plugin
    shutil.copytree(HERE / package, target / package, dirs_exist_ok=True)
    info = target / f"{package}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(f"[{group}]\n{entry} = {package}:pages\n")
    return target
