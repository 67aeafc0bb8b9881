"""Checking many files: in worker processes when there are several files and ``--jobs`` > 1,
with the results in input order whatever the scheduling (so output is byte-identical for any
``--jobs``), and a rich progress bar on a terminal for long runs.

A task is (path, Options, rule classes). A worker returns a FileResult without the parsed model
(``FileResult.detach``), which keeps it small and picklable. An internal error in one file
becomes that file's one-line error and the batch goes on (``--debug`` re-raises instead).
Standard input is always read in the main process.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager

PROGRESS_MIN_FILES = 20     # fewer files finish before a bar is worth drawing


def internal_error(e: BaseException) -> str:
    return f"内部错误 (internal error): {type(e).__name__}: {e}; 用 --debug 查看详情"


def check_one(path: str, opts, rules, debug: bool = False, keep_report: bool = True):
    from report_lint.lint import FileResult, lint_path

    t0 = time.perf_counter()
    try:
        result = lint_path(path, opts, rules)
    except Exception as e:  # an internal error: one line, the batch goes on
        if debug:
            raise
        result = FileResult(path, error=internal_error(e), seconds=time.perf_counter() - t0)
    return result if keep_report else result.detach()


def _worker(args):
    paths, opts, rules, debug = args
    return [check_one(path, opts, rules, debug, keep_report=False) for path in paths]


def _chunks(tasks: list, indices: list[int], jobs: int) -> list[list[int]]:
    """Files go to the workers in chunks: one round trip (and one pickled rule list) per chunk
    instead of per file. Chunks shrink as the files left do (a quarter of each worker's share of
    what is left, at most 32): big chunks at first, single files at the end, so that no worker
    is still busy with a long chunk while the other has nothing left. The files of a chunk share
    their options and rules (a config file may differ per directory)."""
    out: list[list[int]] = []
    left = len(indices)
    size = 0
    for i in indices:
        if out and len(out[-1]) < size and tasks[i][1:] == tasks[out[-1][0]][1:]:
            out[-1].append(i)
        else:
            size = max(1, min(32, left // (jobs * 4)))
            out.append([i])
        left -= 1
    return out


def _warm():
    """Load the heavy modules once in the parent so forked workers inherit them."""
    from report_lint import lint, normalise, parse, tables  # noqa: F401
    from report_lint.grammar import layout

    layout()
    normalise.converter()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run(tasks, jobs: int | None = None, debug: bool = False, progress: bool = False) -> list:
    """tasks: [(path, opts, rules)] → [FileResult] in the same order."""
    jobs = default_jobs() if not jobs else jobs
    n = len(tasks)
    results: list = [None] * n
    want_bar = progress and n >= PROGRESS_MIN_FILES
    bar = None
    try:
        parallel = [i for i, t in enumerate(tasks) if t[0] != "-"]
        if jobs > 1 and len(parallel) > 1:
            from concurrent.futures import ProcessPoolExecutor, as_completed
            from concurrent.futures.process import BrokenProcessPool
            import multiprocessing

            _warm()
            ctx = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
            local: set[int] = set()
            with ProcessPoolExecutor(max_workers=min(jobs, len(parallel)), mp_context=ctx,
                                     initializer=_ignore_interrupt) as ex, _stopped_on_interrupt(ex):
                futures = {}
                for chunk in _chunks(tasks, parallel, jobs):
                    opts, rules = tasks[chunk[0]][1:]
                    try:
                        futures[ex.submit(_worker, ([tasks[i][0] for i in chunk], opts, rules, debug))] = chunk
                    except BrokenProcessPool:
                        # a worker died while chunks were still being submitted (a loaded machine
                        # makes this race likely): the chunks not yet submitted are checked here
                        local.update(chunk)
                # the workers are forked during submit(): only now start the bar's refresh thread
                bar = _Progress(n) if want_bar else None
                for i, t in enumerate(tasks):       # stdin and unsubmitted chunks: here, while the workers run
                    if t[0] == "-" or i in local:
                        results[i] = check_one(*t, debug=debug, keep_report=False)
                        bar and bar.advance(t[0])
                for fut in as_completed(futures):
                    chunk = futures[fut]
                    try:
                        for i, res in zip(chunk, fut.result()):
                            results[i] = res
                    except BrokenProcessPool as e:   # a worker died (killed, out of memory …)
                        if debug:
                            raise
                        from report_lint.lint import FileResult
                        for i in chunk:
                            results[i] = FileResult(tasks[i][0], error=internal_error(e) if str(e) else
                                                    "内部错误 (internal error): 工作进程意外退出 (a worker process died)")
                    for i in chunk:
                        bar and bar.advance(tasks[i][0])
        else:
            bar = _Progress(n) if want_bar else None
            for i, t in enumerate(tasks):
                results[i] = check_one(*t, debug=debug, keep_report=False)   # a batch keeps findings, not models
                bar and bar.advance(t[0])
    finally:
        if bar:
            bar.stop()
    return results


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the parent: in a worker it aborted only the file at hand, and
    the pool went on with the rest of the batch."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _stopped_on_interrupt(ex):
    """On Ctrl-C (or any error) in the parent, cancel what has not started and end the workers
    at once: leaving the pool's `with` would wait for the whole batch. ProcessPoolExecutor has
    no public way to end running workers before Python 3.14's terminate_workers()."""
    try:
        yield
    except BaseException:
        stop = getattr(ex, "terminate_workers", None)
        if stop is not None:
            stop()
        else:
            for proc in list((getattr(ex, "_processes", None) or {}).values()):
                proc.terminate()
            ex.shutdown(wait=False, cancel_futures=True)
        raise


class _Progress:
    """rich's progress bar on stderr (imported only when a bar is drawn)."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.p = Progress(TextColumn("检查中 (checking)"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), TextColumn("[dim]{task.description}"),
                          console=Console(file=sys.stderr), transient=True)
        self.task = self.p.add_task("", total=total)
        self.p.start()

    def advance(self, path: str) -> None:
        self.p.update(self.task, advance=1, description=os.path.basename(path))

    def stop(self) -> None:
        self.p.stop()
