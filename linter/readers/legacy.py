"""Legacy Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice and read as such.

Both are binary formats no Python library reads well. When `soffice` is on PATH the file is
copied into a private temporary directory (mode 0700, removed afterwards), converted there with
a private LibreOffice profile (no user settings read or written, no other LibreOffice process
joined) under a time limit, and the .docx is read by report_lint.readers.docx. Without
LibreOffice it is an input error saying what to do. Findings keep the paragraph and table
places of the converted document, which match the original's.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile

from report_lint.read import InputError, Source

TIMEOUT = 60          # seconds; a report converts in ~2 s
_NAMES = {"doc": "旧版 Word（.doc）", "wps": "WPS（.wps）"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(cmd: list[str], work: str, name: str) -> None:
    """Run the conversion in its own process group: on timeout the whole group (soffice is a
    wrapper script around soffice.bin) is killed, nothing is left running."""
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=work, start_new_session=True,
                                env={**os.environ, "HOME": work})
    except OSError as e:
        raise InputError(f"无法运行 LibreOffice：{e.strerror} (cannot run soffice)") from None
    try:
        proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise InputError(f"LibreOffice 转换{name}文件超过 {TIMEOUT} 秒，已放弃 "
                         "(conversion by LibreOffice timed out)") from None


def read(path: str, data: bytes, kind: str) -> Source:
    name = _NAMES.get(kind, kind)
    exe = soffice()
    if exe is None:
        raise InputError(f"这是{name}文件：请在 Word 或 WPS 中另存为 .docx 后再检查，或安装 LibreOffice "
                         f"(a legacy Word/WPS file: save it as .docx, or install LibreOffice)")
    work = tempfile.mkdtemp(prefix="report-lint-")       # 0700: only this user reads the copy
    try:
        src = os.path.join(work, f"input.{kind}")
        with open(src, "wb") as f:
            f.write(data)
        profile = os.path.join(work, "profile")
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", work, src]
        _convert(cmd, work, name)
        out = os.path.join(work, "input.docx")
        if not os.path.isfile(out):
            raise InputError(f"LibreOffice 无法转换这个{name}文件（文件损坏或不是 Word/WPS 文档） "
                             "(LibreOffice could not convert the file)")
        with open(out, "rb") as f:
            converted = f.read()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    from report_lint.readers import docx

    source = docx.read(path, converted)
    return Source(path, source.text, kind, kind="docx", places=source.places)
