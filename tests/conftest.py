import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = EXAMPLES / "seeds"
REAL = EXAMPLES / "real"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def run_cli(*args, input=None, env=None):
    """Run report-lint in a subprocess, as a user would."""
    e = dict(os.environ)
    e.pop("GITHUB_ACTIONS", None)
    e.pop("GITHUB_STEP_SUMMARY", None)
    if env:
        e.update(env)
    return subprocess.run([sys.executable, "-m", "report_lint", *map(str, args)], input=input,
                          capture_output=True, env=e, cwd=ROOT, timeout=120)


@pytest.fixture
def cli():
    return run_cli
