"""The README's Python examples run as written: each builds what it says and its app answers.

`uvicorn.run` is the one stand-in (it would serve until stopped): it takes the app the example
made and asks it for the home page. The examples' folders under /tmp are made under this test's
own temporary folder, so runs side by side never share them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.testclient import TestClient

README = Path(__file__).parents[1] / "README.md"
REPO = Path(__file__).parents[3]
EXAMPLES = re.findall(r"```python\n(.*?)```", README.read_text("utf-8"), re.DOTALL)


def test_the_readme_has_its_two_examples() -> None:
    assert len(EXAMPLES) == 2


@pytest.mark.parametrize("example", EXAMPLES, ids=["writing", "serving"])
def test_a_readme_example_runs_as_written(
    example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[int] = []

    def run(app: Any, **options: Any) -> None:
        assert options["host"] == "127.0.0.1" and options["port"] == 8000
        # Without its lifespan: the writing app's would watch the demo's files until stopped.
        served.append(TestClient(app).get("/").status_code)

    monkeypatch.setattr(uvicorn, "run", run)
    # As from the repository's root, with a copy of the demo: the build keeps its cache there.
    shutil.copytree(REPO / "examples" / "demo", tmp_path / "examples" / "demo")
    monkeypatch.chdir(tmp_path)
    code = example.replace('"/tmp/', f'"{tmp_path}/')
    exec(compile(code, str(README), "exec"), {"__name__": "readme_example"})
    assert served == [200]
