"""The files report-lint writes (``-o``, the baseline, ``extract -o``, ``template -o``): never one
of its inputs, errors as one line, and a baseline replaced atomically."""
from __future__ import annotations

import os


class OutputError(Exception):
    """An output that must not or cannot be written (exit code 2). The message is one line."""


def _identity(path: str):
    try:
        st = os.stat(path)            # through links: a link to an input is that input
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def refuse_inputs(outputs, inputs) -> None:
    """An output that is one of the inputs (same device and inode, whatever the path or link
    says) is an error: report-lint never writes what it reads."""
    ids = {i: p for p in inputs if p and p != "-" for i in [_identity(p)] if i is not None}
    for out in outputs:
        if not out or out == "-":
            continue
        i = _identity(out)
        if i in ids:
            raise OutputError(f"{out}: 输出文件就是输入文件 {ids[i]}，拒绝覆盖 "
                              "(the output file is one of the inputs)")


def refuse_duplicates(outputs) -> None:
    """Two formats written to one file would leave only the last, or a mix of both."""
    seen: dict = {}
    for out in outputs:
        if not out or out == "-":
            continue
        key = _identity(out) or os.path.realpath(out)
        if key in seen:
            raise OutputError(f"{out}: 两个输出格式指定了同一个文件 {seen[key]} "
                              "(two outputs name the same file)")
        seen[key] = out


def open_text(path: str):
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as e:
        raise OutputError(f"{path}: 无法写入输出文件 ({e.strerror or e})") from None


def write_atomic(path: str, text: str) -> None:
    """Write a fresh temporary file beside ``path`` (O_EXCL: a planted name or link is never
    followed) and rename it over ``path``: readers see the old file or the new, never half."""
    import stat

    mode = 0o644                  # a new file: as open() would make it, less the umask
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"{path}: 不是普通文件（目录、管道、设备等），拒绝替换 (not a regular file)")
        mode = stat.S_IMODE(st.st_mode)       # the replacement keeps the old file's permissions
    except OSError:
        pass                      # a new file; or the write below says why it fails
    d = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(d, f".{os.path.basename(path)}.{os.urandom(6).hex()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            if mode != 0o644:
                os.fchmod(fd, mode)   # exactly the old mode, whatever the umask
            f.write(text)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"{path}: 无法写入 ({e.strerror or e})") from None


def silence_stdout() -> None:
    """After a failed write to standard output, point it at /dev/null so that the interpreter's
    own flush at exit does not fail a second time with a traceback."""
    import sys

    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError):
        pass
