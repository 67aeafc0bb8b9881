#!/usr/bin/env python3
"""The long fuzz run: the property of fuzz/harness.py at high example counts, for N minutes.

    .venv/bin/python fuzz/run.py --minutes 30          # nice -n 10 on a shared machine

A supervisor process starts a worker; the worker runs Hypothesis batches until the deadline,
with a watchdog (faulthandler) on every input: an input that runs longer than --timeout seconds
of wall time, or that is slow for its size in CPU time, is a failure too. A crash is shrunk by
Hypothesis; every failure is saved under fuzz/out/ (`crash-*.bin`, `hang-*.bin`, `slow-*.bin`,
with a `.txt` beside it: options and traceback) and the run goes on. At the end it prints how
many inputs were tried and the failures; exit 1 if there was any.
"""
from __future__ import annotations

import argparse
import faulthandler
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))   # for `import harness`; not the repository root (see tests/test_fuzz.py)


def _save(out: Path, kind: str, data: bytes, note: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha1(data).hexdigest()[:12]
    p = out / f"{kind}-{h}.bin"
    p.write_bytes(data)
    p.with_suffix(".txt").write_text(note, encoding="utf-8")
    return p


def worker(args) -> int:
    import warnings

    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis.errors import HypothesisWarning

    warnings.simplefilter("ignore", HypothesisWarning)

    from harness import Case, PropertyFailure, cases, check_case

    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    stats_path = work / "stats.json"
    current = work / "current.json"
    out = Path(args.out)
    stats = {"inputs": 0, "bytes": 0, "crashes": 0, "slow": 0, "max_cpu_per_mb": 0.0, "max_seconds": 0.0}
    last_flush = [0.0]
    failing: list[Case] = []

    def flush(force=False):
        now = time.monotonic()
        if force or now - last_flush[0] > 1:
            stats_path.write_text(json.dumps(stats))
            last_flush[0] = now

    @settings(max_examples=args.batch, deadline=None, database=None, derandomize=False,
              phases=[Phase.generate, Phase.shrink], print_blob=False,
              suppress_health_check=list(HealthCheck))
    @given(cases(scale=args.scale))
    def one(case: Case):
        stats["inputs"] += 1
        stats["bytes"] += len(case.data)
        # what a hang leaves behind for the supervisor
        (work / "current.bin").write_bytes(case.data)
        current.write_text(json.dumps({"argv": case.argv()}))
        faulthandler.dump_traceback_later(args.timeout, exit=True)
        w0 = time.perf_counter()
        try:
            res, cpu, render_cpu = check_case(case, work, determinism=stats["inputs"] % 10 == 0)
        except BaseException:
            failing.append(case)
            raise
        finally:
            faulthandler.cancel_dump_traceback_later()
        wall = time.perf_counter() - w0
        mb = max(len(case.data), 1) / 1e6
        if wall > stats["max_seconds"]:
            stats["max_seconds"] = wall
            stats["slowest_bytes"] = len(case.data)      # what the slowest input was: its size
        if len(case.data) > 100_000:
            stats["max_cpu_per_mb"] = max(stats["max_cpu_per_mb"], cpu / mb)
        # linear budgets: linting 2 s + 8 s per MB of CPU (real reports lint at ~1-3 s/MB, the
        # densest token soup at ~5 s/MB);
        # rendering every format 2 s + 1 ms per finding
        nf = len(res.findings)
        if cpu > 2 + 8 * mb or render_cpu > 2 + 0.001 * nf:
            stats["slow"] += 1
            p = _save(out, "slow", case.data, f"argv: {case.argv()}\nlint cpu {cpu:.2f}s, render cpu "
                      f"{render_cpu:.2f}s for {len(case.data)} bytes, {nf} findings\n")
            print(f"SLOW lint {cpu:.2f}s / render {render_cpu:.2f}s cpu for {len(case.data)} bytes -> {p}", flush=True)
        flush()

    deadline = float(args.until)
    while time.time() < deadline:
        failing.clear()
        try:
            one()
        except Exception as e:  # Hypothesis has shrunk it: the last failing case is the minimal one
            stats["crashes"] += 1
            case = failing[-1] if failing else None
            e.__notes__ = []            # Hypothesis's note repeats the (huge) input
            tb = "".join(traceback.format_exception(e))
            data = case.data if case else b""
            p = _save(out, "crash", data, f"argv: {case.argv() if case else '?'}\n\n{tb}")
            print(f"CRASH {type(e).__name__}: {str(e)[:200]} -> {p}", flush=True)
        flush(force=True)
    flush(force=True)
    return 0


def supervise(args) -> int:
    work = Path(args.workdir)
    out = Path(args.out)
    deadline = time.time() + args.minutes * 60
    totals = {"inputs": 0, "bytes": 0, "crashes": 0, "slow": 0, "hangs": 0, "max_cpu_per_mb": 0.0, "max_seconds": 0.0}
    t0 = time.time()
    print(f"fuzzing for {args.minutes} min (timeout {args.timeout}s per input, batches of {args.batch}, scale {args.scale})", flush=True)
    while time.time() < deadline - 1:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        cmd = [sys.executable, __file__, "--worker", "--until", str(deadline), "--workdir", str(work),
               "--out", str(out), "--timeout", str(args.timeout), "--batch", str(args.batch),
               "--scale", str(args.scale)]
        rc = subprocess.call(cmd)
        stats_file = work / "stats.json"
        st = json.loads(stats_file.read_text()) if stats_file.exists() else {}
        for k in ("inputs", "bytes", "crashes", "slow"):
            totals[k] += st.get(k, 0)
        if st.get("max_seconds", 0.0) > totals["max_seconds"]:
            totals["slowest_bytes"] = st.get("slowest_bytes", 0)
        for k in ("max_cpu_per_mb", "max_seconds"):
            totals[k] = max(totals[k], st.get(k, 0.0))
        if rc != 0:  # the watchdog fired (a hang) or the worker died
            totals["hangs"] += 1
            data = (work / "current.bin").read_bytes() if (work / "current.bin").exists() else b""
            meta = (work / "current.json").read_text() if (work / "current.json").exists() else "{}"
            p = _save(out, "hang", data, f"worker exit {rc}; {meta}\n")
            print(f"HANG or worker death (exit {rc}) -> {p}", flush=True)
    minutes = (time.time() - t0) / 60
    import resource
    totals["worker_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    print(json.dumps({"minutes": round(minutes, 1), **totals}, indent=1))
    print(f"tried {totals['inputs']} inputs ({totals['bytes'] / 1e6:.0f} MB) in {minutes:.1f} min: "
          f"{totals['crashes']} crashes, {totals['hangs']} hangs, {totals['slow']} slow", flush=True)
    return 1 if totals["crashes"] or totals["hangs"] or totals["slow"] else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--timeout", type=float, default=180, help="wall seconds per input before it counts as a hang")
    ap.add_argument("--batch", type=int, default=500, help="Hypothesis examples per batch")
    ap.add_argument("--scale", type=int, default=10, help="size of the big inputs (10: 10 MB lines, thousands of rows)")
    ap.add_argument("--out", default=str(HERE / "out"))
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--until", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.workdir is None:
        import tempfile
        args.workdir = tempfile.mkdtemp(prefix="report-lint-fuzz-")
    return worker(args) if args.worker else supervise(args)


if __name__ == "__main__":
    sys.exit(main())
