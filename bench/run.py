#!/usr/bin/env python3
"""The benchmark suite: how fast report-lint starts, how many reports a second it checks, how
much memory a big batch takes, and how time grows with the size of one input.

    .venv/bin/python bench/run.py              # about two minutes on 2 cores
    .venv/bin/python bench/run.py --quick      # fewer repetitions, a smoke run
    .venv/bin/python bench/run.py --json out.json

Every figure is the median over repeated runs of the installed `report-lint` command in a fresh
process, as a user or a CI job runs it. The reports are the real ones under examples/ (copies of
the project's corpus), or any folder given with --corpus; the 1,000-report batch is built by
cycling through them. Nothing here touches the network or the files it reads.

Measured:
  1. cold start: `report-lint --format concise FILE` on a real report, next to `python -c pass`
     (the interpreter floor, with the same venv and site set-up) and next to `--format json`
     and `--format sarif` (formats load their own modules only when chosen);
  2. batch throughput over 300 reports (--batch-size) with --jobs 1 and --jobs 2, in reports
     per second;
  3. peak memory of that batch: the largest sum of resident memory over the process tree,
     sampled every 5 ms from /proc (Linux), else the largest single process (getrusage);
  4. time against input size: one real report repeated to 1x, 10x, 50x and 100x its size;
  5. the copied-text share across years (RL603), in this process: 1,000 pairs of real reports,
     each report's sections hashed into shingles and every section of this year's report
     measured against last year's, per pair — with last year's report the same text with its
     years moved on (every shingle matches: the dearest case) and with another real report;
  6. PDF reports (issue #13; --pdf-only for these alone): cold `report-lint FILE` on a 6-page PDF
     next to the same report as text, warm read + lint in one process, 200 PDFs with --jobs 2;
     with the CPU time of the process tree, which a machine shared with other jobs does not blur.
Variants are measured round-robin (floor, concise, full … then again), so that a noisy spell on a
shared machine hits them all alike; the spread of the cold runs (25th–75th percentile) is printed.
Targets (issues #6 and #12) are printed next to each figure: cold start at most 8 times
`python -c pass` measured in the same run (a ratio, so that a busy machine does not decide),
300 reports a second with --jobs 2, 150 MB; the exit code is 0 whatever they say: a benchmark
informs, the test suite gates.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"cold_ratio": 8, "batch_rps_jobs2": 300, "peak_mb": 150, "copied_ms_per_pair": 2.0}
PAIRS = 1000   # pairs of reports for the copied-text share (5.)
REPORT_SUFFIXES = {".txt", ".md", ".html", ".htm"}


def _exe() -> list[str]:
    """The installed console script next to this interpreter (what the README installs)."""
    for cand in (Path(sys.executable).parent / "report-lint", shutil.which("report-lint")):
        if cand and Path(cand).exists():
            return [str(cand)]
    return [sys.executable, "-m", "report_lint"]


def _env() -> dict:
    env = dict(os.environ)
    # a user's install has bytecode; a sandbox that forbids writing it would measure compiling
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for k in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR"):
        env.pop(k, None)
    return env


def _reports(corpus: list[Path]) -> list[Path]:
    out = []
    for d in corpus:
        out += sorted(p for p in d.rglob("*") if p.is_file() and p.suffix in REPORT_SUFFIXES
                      and not p.name.upper().startswith("README"))
    if not out:
        sys.exit(f"bench: no reports under {', '.join(map(str, corpus))}")
    return out


def _timed(argv: list[str], env: dict, cwd: Path) -> float:
    t = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    dt = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(argv[:4])} … exited {p.returncode}: {p.stderr.decode(errors='replace')[:300]}")
    return dt


def _medians(variants: dict[str, list[str]], env, cwd, n: int, warm: int = 2) -> dict[str, list[float]]:
    """Every variant run n times, round-robin: a noisy spell on a shared machine then hits all
    the variants alike instead of whichever happened to run during it. {name: sorted runs}."""
    for _ in range(warm):                 # page cache, bytecode, the grammar cache
        for argv in variants.values():
            _timed(argv, env, cwd)
    runs: dict[str, list[float]] = {k: [] for k in variants}
    for _ in range(n):
        for k, argv in variants.items():
            runs[k].append(_timed(argv, env, cwd))
    return {k: sorted(v) for k, v in runs.items()}


# --- peak memory of a process tree ------------------------------------------------------------

def _tree_rss_kb(root: int) -> int:
    """Resident memory of `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                st = fh.read()
            ppid = int(st[st.rindex(b")") + 2:].split()[1])
            with open(f"/proc/{d}/statm", "rb") as fh:
                pages = int(fh.read().split()[1])
        except (OSError, ValueError, IndexError):
            continue
        pid = int(d)
        children.setdefault(ppid, []).append(pid)
        rss[pid] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def _run_with_peak(argv, env, cwd) -> tuple[float, float]:
    """(seconds, peak MB of the whole process tree)."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    peak = [0]
    if Path("/proc/self/statm").exists():
        def sample():
            while p.poll() is None:
                peak[0] = max(peak[0], _tree_rss_kb(p.pid))
                time.sleep(0.005)
        th = threading.Thread(target=sample, daemon=True)
        th.start()
        p.wait()
        th.join()
    else:
        p.wait()
    dt = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"bench: batch run exited {p.returncode}")
    if not peak[0]:
        import resource
        peak[0] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss   # KB on Linux
    return dt, peak[0] / 1024


# --- the four measurements --------------------------------------------------------------------

def bench_cold(exe, env, cwd, report: Path, n: int) -> dict:
    variants = {"python_c_pass": [sys.executable, "-c", "pass"]}
    for fmt in ("concise", "full", "json", "sarif"):
        variants[fmt] = exe + ["--format", fmt, "--isolated", str(report)]
    runs = _medians(variants, env, cwd, n)
    out = {"report": str(report.relative_to(cwd) if report.is_relative_to(cwd) else report)}
    for k, v in runs.items():
        out[f"{k}_ms"] = statistics.median(v) * 1e3
    out["concise_runs_ms"] = [round(r * 1e3, 1) for r in runs["concise"]]
    for k in ("python_c_pass", "concise"):
        q = statistics.quantiles(runs[k], n=4)
        out[f"{k}_iqr_ms"] = [round(q[0] * 1e3, 1), round(q[2] * 1e3, 1)]
    out["cold_ms"] = out["concise_ms"]
    out["cold_ratio"] = out["concise_ms"] / out["python_c_pass_ms"]
    return out


def _build_batch(reports: list[Path], n: int, into: Path) -> Path:
    d = into / "batch"
    d.mkdir()
    for i in range(n):
        src = reports[i % len(reports)]
        shutil.copyfile(src, d / f"{i:04d}_{src.stem}{src.suffix}")
    return d


def bench_batch(exe, env, cwd, reports, n_reports: int, reps: int, tmp: Path) -> dict:
    d = _build_batch(reports, n_reports, tmp)
    out = {"reports": n_reports, "distinct": len(reports)}
    argvs = {jobs: exe + ["--isolated", "--format", "json", "--jobs", str(jobs), str(d)] for jobs in (1, 2)}
    for argv in argvs.values():
        _timed(argv, env, cwd)                                   # warm
    runs_of: dict[int, list] = {1: [], 2: []}
    for _ in range(reps):                                        # round-robin, as in bench_cold
        for jobs, argv in argvs.items():
            runs_of[jobs].append(_run_with_peak(argv, env, cwd))
    for jobs, runs in runs_of.items():
        sec = statistics.median(r[0] for r in runs)
        out[f"jobs{jobs}_seconds"] = sec
        out[f"jobs{jobs}_rps"] = n_reports / sec
        out[f"jobs{jobs}_best_rps"] = n_reports / min(r[0] for r in runs)   # the quietest run
        out[f"jobs{jobs}_peak_mb"] = max(r[1] for r in runs)
    out["batch_rps_jobs2"] = out["jobs2_rps"]
    out["peak_mb"] = max(out["jobs1_peak_mb"], out["jobs2_peak_mb"])
    return out


SIZES = (1, 10, 50, 100)


def bench_size(exe, env, cwd, report: Path, reps: int, tmp: Path) -> dict:
    raw = report.read_bytes()
    variants = {}
    for k in SIZES:
        p = tmp / f"x{k}{report.suffix}"
        p.write_bytes((raw.rstrip(b"\n") + b"\n\n") * k)
        variants[k] = exe + ["--isolated", "--format", "json", str(p)]
    runs = _medians(variants, env, cwd, reps, warm=1)
    rows = [{"times": k, "bytes": (tmp / f"x{k}{report.suffix}").stat().st_size,
             "seconds": statistics.median(runs[k]), "ms": statistics.median(runs[k]) * 1e3} for k in SIZES]
    # start-up is paid once whatever the size: growth is judged on the marginal cost of a copy,
    # from 10x to 50x and from 50x to 100x (both segments are long enough for the noise of a
    # shared machine, tens of ms, not to decide); linear growth keeps the two about equal
    t = {r["times"]: r["seconds"] for r in rows}
    m1 = (t[50] - t[10]) / 40 * 1e3
    m2 = (t[100] - t[50]) / 50 * 1e3
    return {"report": report.name, "rows": rows, "ms_per_copy_10_to_50x": m1, "ms_per_copy_50_to_100x": m2,
            "linear": m2 <= 1.5 * max(m1, 1e-9)}


# --- PDF reports (issue #13) ------------------------------------------------------------------

PDF_TARGETS = {"cold_ratio": 1.6, "warm_ms": 80, "batch_rps_jobs2": 30}
PDF_DATA = ROOT / "tests" / "data"

_WARM_PDF = """
import resource, statistics, sys, time
from report_lint.lint import Options, lint_source
from report_lint.read import read_source
from report_lint.registry import select

def cpu_now():   # this process and its children (on Linux PDFium reads in a forked child)
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime

rules, opts, wall, cpu = select(None, None), Options(), [], []
for i in range(int(sys.argv[2]) + 3):
    t, c = time.perf_counter(), cpu_now()
    lint_source(read_source(sys.argv[1]), opts, rules)
    wall.append(time.perf_counter() - t)
    cpu.append(cpu_now() - c)
print(statistics.median(wall[3:]) * 1e3, statistics.median(cpu[3:]) * 1e3)
"""


def _timed_cpu(argv, env, cwd) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and all its workers): on a machine shared
    with other jobs the wall clock measures the others too, the CPU time does not."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = _timed(argv, env, cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _six_pages(tmp: Path) -> Path:
    """pdf-002.pdf (5 pages, WPS) with its prose-only last page once more: a 6-page report."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(PDF_DATA / "pdf-002.pdf"))
    doc.import_pages(pdfium.PdfDocument(str(PDF_DATA / "pdf-002.pdf")), [4])
    out = tmp / "six-pages.pdf"
    doc.save(str(out))
    return out


def bench_pdf(exe, env, cwd, reps: dict, tmp: Path, n_batch: int = 200) -> dict:
    """Cold run on a 6-page PDF against the same report as text, warm read + lint in one
    process, and a batch of PDFs with --jobs 2."""
    from report_lint.readers import pdf as reader

    pdf = _six_pages(tmp)
    twin = tmp / "six-pages.txt"
    twin.write_text(reader.read(str(pdf), pdf.read_bytes()).text, encoding="utf-8")
    variants = {"pdf": exe + ["--format", "concise", "--isolated", str(pdf)],
                "text": exe + ["--format", "concise", "--isolated", str(twin)]}
    _medians(variants, env, cwd, 0)                               # warm-up only
    runs: dict[str, list] = {k: [] for k in variants}
    for _ in range(reps["cold"]):                                 # round-robin, as in bench_cold
        for k, argv in variants.items():
            runs[k].append(_timed_cpu(argv, env, cwd))
    out = {"pages": 6}
    for k, v in runs.items():
        out[f"cold_{k}_ms"] = statistics.median(r[0] for r in v) * 1e3
        out[f"cold_{k}_cpu_ms"] = statistics.median(r[1] for r in v) * 1e3
    out["cold_ratio"] = out["cold_pdf_ms"] / out["cold_text_ms"]
    out["cold_cpu_ratio"] = out["cold_pdf_cpu_ms"] / out["cold_text_cpu_ms"]
    warm = subprocess.run([sys.executable, "-c", _WARM_PDF, str(pdf), str(reps["cold"])], capture_output=True,
                          env=env, cwd=cwd, check=True)
    out["warm_ms"], out["warm_cpu_ms"] = map(float, warm.stdout.split())
    pdfs = [PDF_DATA / "pdf-002.pdf", *sorted((PDF_DATA / "documents").glob("*.pdf"))]
    batch = tmp / "pdf-batch"
    batch.mkdir()
    files = [batch / f"{i:03d}.pdf" for i in range(n_batch)]
    for i, f in enumerate(files):
        shutil.copyfile(pdfs[i % len(pdfs)], f)
    argv = exe + ["--isolated", "--format", "json", "--jobs", "2", *map(str, files)]
    _timed(argv, env, cwd)
    runs_b = [_timed_cpu(argv, env, cwd) for _ in range(reps["batch"])]
    sec = statistics.median(r[0] for r in runs_b)
    cpu = statistics.median(r[1] for r in runs_b)
    # two workers busy all along: the reports per second two free cores would give
    out.update(batch_reports=n_batch, batch_seconds=sec, batch_rps_jobs2=n_batch / sec,
               batch_cpu_seconds=cpu, batch_rps_jobs2_cpu=n_batch / (cpu / 2))
    return out


def render_pdf(p: dict) -> str:
    t = PDF_TARGETS
    return "\n".join([
        f"6. PDF reports (issue #13; {p['pages']}-page pdf-002.pdf against the same report as text;"
        " CPU time in brackets: what a machine shared with other jobs does not blur)",
        f"   cold report-lint FILE.pdf {p['cold_pdf_ms']:7.1f} ms [{p['cold_pdf_cpu_ms']:.0f}], FILE.txt "
        f"{p['cold_text_ms']:.1f} ms [{p['cold_text_cpu_ms']:.0f}]: {p['cold_ratio']:.2f}x [{p['cold_cpu_ratio']:.2f}x]"
        f"   target ≤ {t['cold_ratio']}x: {_mark(p['cold_ratio'] <= t['cold_ratio'])}",
        f"   warm read + lint          {p['warm_ms']:7.1f} ms [{p['warm_cpu_ms']:.0f}]   target ≤ {t['warm_ms']} ms: "
        f"{_mark(p['warm_ms'] <= t['warm_ms'])}",
        f"   batch of {p['batch_reports']} PDFs, --jobs 2: {p['batch_seconds']:.2f} s, {p['batch_rps_jobs2']:.0f} reports/s "
        f"[CPU {p['batch_cpu_seconds']:.1f} s: {p['batch_rps_jobs2_cpu']:.0f} reports/s on two free cores]"
        f"   target ≥ {t['batch_rps_jobs2']}: {_mark(p['batch_rps_jobs2'] >= t['batch_rps_jobs2'])}"])


# --- output -----------------------------------------------------------------------------------

def bench_copied(reports: list[Path], n_pairs: int, reps: int) -> dict:
    """The copied-text share per pair, from the section texts (parsing is not counted: the
    profile is built while the report is linted anyway). Median of ``reps`` rounds."""
    import re

    from report_lint.lint import build_report
    from report_lint.read import read_source
    from report_lint.shingles import share, shingles

    texts = []
    for p in reports:
        try:
            rep = build_report(read_source(str(p), None, 20_000_000))
        except Exception:            # a report the linter refuses is no pair
            continue
        secs = [s.body_text() for s in rep.sections]
        moved = [re.sub(r"20\d\d(?=年)", lambda m: str(int(m.group()) + 1), t) for t in secs]
        texts.append((secs, moved))
    chars = sum(len(t) for secs, _ in texts for t in secs) / len(texts)

    def one_round(other: bool) -> float:
        t = time.perf_counter()
        for i in range(n_pairs):
            secs, moved = texts[i % len(texts)]
            last = texts[(i + 1) % len(texts)][0] if other else secs
            before = frozenset(h for x in last for h in shingles(x)[0])
            for x in (moved if not other else secs):
                share(*shingles(x), before)
        return (time.perf_counter() - t) * 1000 / n_pairs

    out = {}
    for name, other in (("moved_on", False), ("other_report", True)):
        out[name] = statistics.median(one_round(other) for _ in range(reps))
    out["pairs"], out["mean_section_chars"] = n_pairs, round(chars)
    return out


def _mark(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def render(res: dict) -> str:
    c, b, s = res["cold"], res["batch"], res.get("size")
    lines = [f"report-lint benchmark · {res['machine']}",
             "",
             f"1. cold start (median of {res['reps']['cold']}, {c['report']})",
             f"   python -c pass            {c['python_c_pass_ms']:7.1f} ms   (interpreter floor; runs "
             f"{c['python_c_pass_iqr_ms'][0]:.0f}–{c['python_c_pass_iqr_ms'][1]:.0f} ms)",
             f"   report-lint --format concise {c['concise_ms']:5.1f} ms = {c['cold_ratio']:.1f}× the floor, "
             f"target ≤ {TARGETS['cold_ratio']}×: {_mark(c['cold_ratio'] <= TARGETS['cold_ratio'])}"
             + f" (runs {c['concise_iqr_ms'][0]:.0f}–{c['concise_iqr_ms'][1]:.0f} ms)",
             f"   --format full              {c['full_ms']:7.1f} ms",
             f"   --format json              {c['json_ms']:7.1f} ms",
             f"   --format sarif             {c['sarif_ms']:7.1f} ms",
             "",
             f"2./3. batch of {b['reports']} reports ({b['distinct']} distinct, cycled; median of {res['reps']['batch']})",
             f"   --jobs 1   {b['jobs1_seconds']:6.2f} s   {b['jobs1_rps']:6.0f} reports/s (best run {b['jobs1_best_rps']:.0f})"
             f"   peak {b['jobs1_peak_mb']:5.0f} MB",
             f"   --jobs 2   {b['jobs2_seconds']:6.2f} s   {b['jobs2_rps']:6.0f} reports/s (best run {b['jobs2_best_rps']:.0f})"
             f"   peak {b['jobs2_peak_mb']:5.0f} MB",
             f"   target ≥ {TARGETS['batch_rps_jobs2']} reports/s with 2 jobs: "
             f"{_mark(b['jobs2_rps'] >= TARGETS['batch_rps_jobs2'])}; "
             f"peak ≤ {TARGETS['peak_mb']} MB: {_mark(b['peak_mb'] <= TARGETS['peak_mb'])}",
             ]
    if s is None:
        return "\n".join(lines)
    lines += ["", f"4. time against input size ({s['report']} repeated; median of {res['reps']['size']})"]
    for r in s["rows"]:
        lines.append(f"   {r['times']:>4}x  {r['bytes'] / 1024:8.0f} KB  {r['ms']:8.1f} ms")
    lines.append(f"   each added copy costs {s['ms_per_copy_10_to_50x']:.1f} ms from 10x to 50x and "
                 f"{s['ms_per_copy_50_to_100x']:.1f} ms from 50x to 100x: linear {'yes' if s['linear'] else 'NO'}")
    return "\n".join(lines)


def render_copied(cp: dict) -> str:
    t = TARGETS["copied_ms_per_pair"]
    worst = max(cp["moved_on"], cp["other_report"])
    return "\n".join([
        f"5. copied-text share across years, {cp['pairs']} pairs (sections of {cp['mean_section_chars']} "
        "characters a report on average; shingles of both reports + the share of every section)",
        f"   last year's text with the years moved on {cp['moved_on']:6.2f} ms a pair",
        f"   another real report as last year's       {cp['other_report']:6.2f} ms a pair",
        f"   target ≤ {t} ms a pair: {_mark(worst <= t)}"])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", action="append", type=Path,
                    help="folder of real reports (repeatable; default: examples/seeds and examples/real)")
    ap.add_argument("--report", type=Path, default=ROOT / "examples" / "seeds" / "002_f55af3b9fc6ef95b.txt",
                    help="the report for the cold-start and size runs (default: a complete 2021-format report)")
    ap.add_argument("--batch-size", type=int, default=300)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run, noisier figures)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--copied-only", action="store_true", help="measure only the copied-text share (5.)")
    ap.add_argument("--pdf-only", action="store_true", help="measure only the PDF reports (6.)")
    ap.add_argument("--skip-size", action="store_true", help="leave out the time-against-size and PDF runs")
    a = ap.parse_args(argv)

    corpus = a.corpus or [ROOT / "examples" / "seeds", ROOT / "examples" / "real"]
    reports = _reports(corpus)
    reps = {"cold": 5 if a.quick else 21, "batch": 1 if a.quick else 3, "size": 3 if a.quick else 5}
    exe, env, cwd = _exe(), _env(), ROOT
    if a.copied_only:
        res = {"copied": bench_copied(reports, PAIRS, reps["size"])}
        print(render_copied(res["copied"]))
        if a.json:
            a.json.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return 0
    with tempfile.TemporaryDirectory(prefix="report-lint-bench-") as tmp:
        tmp = Path(tmp)
        # a cache directory of the benchmark's own (built by the warm-up runs): another version
        # of report-lint on the machine (a second checkout) would otherwise replace the parser
        # and layout caches between runs, and every cold figure would include rebuilding them
        env["REPORT_LINT_CACHE_DIR"] = str(tmp / "cache")
        res = {"machine": f"{platform.python_implementation()} {platform.python_version()}, "
                          f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}",
               "command": " ".join(Path(x).name if i == 0 else x for i, x in enumerate(exe)),
               "reps": reps}
        if not a.pdf_only:
            print("cold start …", file=sys.stderr)
            res["cold"] = bench_cold(exe, env, cwd, a.report.resolve(), reps["cold"])
            print("batch …", file=sys.stderr)
            res["batch"] = bench_batch(exe, env, cwd, reports, a.batch_size, reps["batch"], tmp)
            if not a.skip_size:
                print("size …", file=sys.stderr)
                res["size"] = bench_size(exe, env, cwd, a.report.resolve(), reps["size"], tmp)
            print("copied text …", file=sys.stderr)
            res["copied"] = bench_copied(reports, PAIRS, reps["size"])
        if not a.skip_size:
            print("pdf …", file=sys.stderr)
            res["pdf"] = bench_pdf(exe, env, cwd, reps, tmp)
    if not a.pdf_only:
        print(render(res))
        print(render_copied(res["copied"]))
        print()
    if "pdf" in res:
        print(render_pdf(res["pdf"]))
    if a.json:
        a.json.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
