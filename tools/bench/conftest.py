"""Lets the tests import the bench modules by plain name, as `python tools/bench/run.py` does.

The workspace runs pytest with --import-mode=importlib, which adds no folder to sys.path.
"""

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
