import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = EXAMPLES / "seeds"
REAL = EXAMPLES / "real"


def fuzz_harness():
    """fuzz/harness.py, loaded from its file as the module `fuzz_harness`: the repository root
    stays off sys.path (on it, the folder linter/ would be importable under a second name)."""
    if "fuzz_harness" not in sys.modules:
        import importlib.util

        spec = importlib.util.spec_from_file_location("fuzz_harness", ROOT / "fuzz" / "harness.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules["fuzz_harness"]


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
