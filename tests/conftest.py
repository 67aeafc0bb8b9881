import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = EXAMPLES / "seeds"
REAL = EXAMPLES / "real"


def fuzz_module(name: str = "harness"):
    """fuzz/<name>.py, loaded from its file as the module `fuzz_<name>`: the repository root
    stays off sys.path (on it, the folder linter/ would be importable under a second name)."""
    key = f"fuzz_{name}"
    if key not in sys.modules:
        import importlib.util

        spec = importlib.util.spec_from_file_location(key, ROOT / "fuzz" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


def fuzz_harness():
    return fuzz_module("harness")


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


def flawed_report(folder: Path) -> Path:
    """examples/clean-2021.txt with four flaws a page must show: 表三's first count changed
    (530 → 531: a sum that fails, flagged at that cell), a blank where a 0 was (an empty line
    of the one-cell-per-line layout: a blank cell), a 0 typed as the letter O (the row around
    it can no longer be read), and web code with `<script>` in the text (which must show as text)."""
    lines = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8").split("\n")
    lines[lines.index("530")] = "531"
    zeros = [k for k, line in enumerate(lines) if line.strip() == "0"]
    lines[zeros[5]] = ""
    lines[zeros[40]] = "O"
    lines.insert(3, '<script>document.title="PWNED";window.pwned=1</script> 本机关<b>加强</b>信息公开。')
    path = folder / "flawed-2021.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def start_server(server):
    """Run a waitress server (report_lint.serve.make_server) in a daemon thread; `server.close()`
    stops it. Closing under the thread's select() ends it with EBADF: that is the stop."""
    import threading

    def run():
        try:
            server.run()
        except (OSError, ValueError):
            pass

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t
