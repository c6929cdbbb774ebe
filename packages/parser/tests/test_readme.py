"""The README's example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"


def test_readme_example_runs() -> None:
    example = README.read_text(encoding="utf-8").split("## Example", 1)[1]
    code = re.search(r"```python\n(.*?)```", example, re.DOTALL)
    assert code is not None
    exec(compile(code.group(1), str(README), "exec"), {})
