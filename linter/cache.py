"""The user's cache of built grammar data (the LALR tables, the table layouts), kept safe.

Building them costs ~35 ms a cold run (Lark's grammar loader and LALR construction), more than
linting a report, so the results are kept between runs. What is read back can never run code
or redirect a write:

* The format is JSON, decoded by a walk that builds only dicts, lists, tuples, strings, numbers
  and the dataclasses the caller names (never pickle, which runs whatever the file says).
* The directory is ``$REPORT_LINT_CACHE_DIR`` or ``$XDG_CACHE_HOME/report-lint`` or
  ``~/.cache/report-lint`` — never a shared name in ``/tmp``. It is created mode 0700, opened
  without following a link, and used only when it belongs to the user and nobody else can
  write to it.
* A file is opened with ``O_NOFOLLOW`` and read only if it is a regular file of the user's; it is
  written to a fresh ``O_EXCL`` temporary file (0600) and renamed over the old one, so a planted
  link is replaced, never followed.
* A missing, corrupt, foreign or stale file (the key covers the grammar, lark and Python) is
  ignored and rebuilt; any failure to write only means the next run rebuilds too.
"""
from __future__ import annotations

import dataclasses
import json
import os
import stat
import sys

MAX_BYTES = 4 * 1024 * 1024    # the cached data are ~20-60 KB; anything larger is not ours
_T = "__t"                     # the tag of an encoded tuple, non-string-keyed dict or dataclass


def directory() -> str:
    base = (os.environ.get("REPORT_LINT_CACHE_DIR")
            or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
                            "report-lint"))
    return os.path.abspath(base)


def _open_dir(create: bool) -> int | None:
    """A descriptor of the cache directory, or None when it is absent or not safely ours."""
    d = directory()
    if create:
        try:
            os.makedirs(os.path.dirname(d), exist_ok=True)
            os.mkdir(d, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    st = os.fstat(fd)
    if not _ours(st) or st.st_mode & 0o022:      # another user's, or writable by others
        os.close(fd)
        return None
    return fd


def _ours(st) -> bool:
    return not hasattr(os, "geteuid") or st.st_uid == os.geteuid()


def key(*parts: str) -> str:
    """A digest of everything the cached value depends on (Python's version included)."""
    import hashlib

    return hashlib.sha256("\0".join([sys.version, *parts]).encode("utf-8")).hexdigest()[:24]


def load(name: str, digest: str, classes: tuple = ()):
    """The value stored under ``name`` for ``digest``, or None (absent, corrupt, foreign, stale)."""
    fd = _open_dir(create=False)
    if fd is None:
        return None
    try:
        f = os.open(name + ".json", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0),
                    dir_fd=fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    try:
        st = os.fstat(f)
        if not stat.S_ISREG(st.st_mode) or not _ours(st) or st.st_size > MAX_BYTES:
            return None
        with os.fdopen(f, "rb", closefd=False) as fh:
            doc = json.loads(fh.read(MAX_BYTES + 1))
        if not isinstance(doc, dict) or doc.get("key") != digest:
            return None
        return decode(doc.get("value"), {c.__name__: c for c in classes})
    except (ValueError, TypeError, KeyError, IndexError, RecursionError, OSError):
        return None
    finally:
        os.close(f)


def store(name: str, digest: str, value) -> None:
    """Write ``value`` under ``name`` (atomically; failures are silent: the next run rebuilds)."""
    fd = _open_dir(create=True)
    if fd is None:
        return
    tmp = f".{name}.{os.urandom(8).hex()}.tmp"
    try:
        data = json.dumps({"key": digest, "value": encode(value)}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        f = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600, dir_fd=fd)
        with os.fdopen(f, "wb") as fh:
            fh.write(data)
        os.replace(tmp, name + ".json", src_dir_fd=fd, dst_dir_fd=fd)
    except (OSError, TypeError, ValueError):
        try:
            os.unlink(tmp, dir_fd=fd)
        except OSError:
            pass
    finally:
        os.close(fd)


def encode(x, _memo: dict | None = None):
    """Plain data as JSON: tuples, dicts with keys other than strings and dataclasses are tagged;
    a dataclass instance met again is a reference to its first occurrence (layouts share their
    labels and columns: a tenth of the size, and of the time to read it back)."""
    memo = {} if _memo is None else _memo
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    if isinstance(x, list):
        return [encode(v, memo) for v in x]
    if isinstance(x, tuple):
        return {_T: "tuple", "v": [encode(v, memo) for v in x]}
    if isinstance(x, dict):
        if all(isinstance(k, str) for k in x) and _T not in x:
            return {k: encode(v, memo) for k, v in x.items()}
        return {_T: "dict", "v": [[encode(k, memo), encode(v, memo)] for k, v in x.items()]}
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        if id(x) in memo:
            return {_T: "ref", "v": memo[id(x)][0]}
        memo[id(x)] = (len(memo), x)          # x kept alive: its id stays unique
        return {_T: "@" + type(x).__name__,
                "v": {f.name: encode(getattr(x, f.name), memo) for f in dataclasses.fields(x) if f.init}}
    raise TypeError(f"cannot cache a {type(x).__name__}")


def decode(x, classes: dict, _memo: list | None = None):
    """The inverse of ``encode``; builds only plain values and the named dataclasses."""
    memo = [] if _memo is None else _memo
    if isinstance(x, list):
        return [decode(v, classes, memo) for v in x]
    if not isinstance(x, dict):
        return x
    tag = x.get(_T)
    if tag is None:
        return {k: decode(v, classes, memo) for k, v in x.items()}
    v = x["v"]
    if tag == "tuple":
        return tuple(decode(e, classes, memo) for e in v)
    if tag == "dict":
        return {_hashable(decode(k, classes, memo)): decode(e, classes, memo) for k, e in v}
    if tag == "ref":
        return memo[v]          # an index never defined: IndexError / TypeError, not ours
    cls = classes.get(tag[1:]) if isinstance(tag, str) and tag.startswith("@") else None
    if cls is None or not isinstance(v, dict):
        raise ValueError(f"unexpected tag {tag!r}")
    slot = len(memo)
    memo.append(None)           # numbered in the order encode() met them, before their fields
    memo[slot] = obj = cls(**{k: decode(e, classes, memo) for k, e in v.items()})
    return obj


def _hashable(k):
    hash(k)          # a list or dict as a key: TypeError, the file is not ours
    return k
