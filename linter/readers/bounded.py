"""Running a C library over untrusted bytes in a forked child, under a memory and a time limit.

PDFium builds a page's objects before anything can be counted, and a few KB of PDF can make it
build millions (a form drawn a hundred times, each drawing one a hundred times: 2.5 GB and 31 s
here), or crash outright on a malformed file. In a child process, a memory limit (RLIMIT_DATA
over what the parent already uses) and an alarm bound both; what dies there is one input error,
not report-lint. Only on Linux, where fork is cheap (~5 ms) and the limit is honoured; elsewhere
the call runs in the process, under the reader's own limits only.
"""
from __future__ import annotations

import gc
import os
import pickle
import sys

from report_lint.read import InputError


class Exceeded(Exception):
    """The child went past its memory or time limit, or died."""


def _data_size() -> int:
    with open("/proc/self/status", "rb") as f:
        for line in f:
            if line.startswith(b"VmData:"):
                return int(line.split()[1]) * 1024
    return 0


def call(fn, arg, memory: int, seconds: int):
    """fn(arg), in a child allowed `memory` bytes more than this process and `seconds` of time;
    its InputError is raised here, its death is Exceeded."""
    if not sys.platform.startswith("linux"):
        return fn(arg)
    try:
        r, w = os.pipe()
        pid = os.fork()
    except OSError:
        return fn(arg)                         # no fork allowed here: the reader's limits only
    if pid == 0:                               # the child: never returns into the caller's code
        status = 1
        try:
            os.close(r)
            gc.disable()                       # short-lived: collections would only copy pages
            import resource
            import signal

            limit = _data_size() + memory
            resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
            signal.alarm(seconds)
            try:
                result = ("ok", fn(arg))
            except InputError as e:
                result = ("error", str(e))
            except Exception as e:             # a bug: raised as one in the parent, not hidden
                result = ("bug", f"{type(e).__name__}: {e}")
            with os.fdopen(w, "wb") as out:
                out.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        payload = f.read()
    os.waitpid(pid, 0)
    if not payload:
        raise Exceeded
    kind, value = pickle.loads(payload)
    if kind == "error":
        raise InputError(value)
    if kind == "bug":
        raise RuntimeError(value)
    return value
