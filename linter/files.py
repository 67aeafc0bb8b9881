"""Expanding the command line's paths: files, directories (recursively: text reports and the
documents report-lint reads — .txt, .md, .docx, .pdf, .html, .htm, .doc, .wps) and `-`."""
from __future__ import annotations

import os

EXTENSIONS = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".doc", ".wps")


def expand_ordered(paths: list[str]) -> list[tuple[str, str | None]]:
    """[(path, None) for a file to check | (path, error) for a directory that cannot be walked],
    in input order, each directory's entries sorted."""
    out: list[tuple[str, str | None]] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            # the directories above each one on its path, by device and inode: a link back to one
            # of them is a cycle; a link to a sibling or cousin is followed like any folder
            above: dict[str, frozenset] = {}

            def onerror(e):
                out.append((e.filename, f"无法读取目录 ({e.strerror})"))

            for root, dirs, names in os.walk(p, followlinks=True, onerror=onerror):
                try:
                    st = os.stat(root)
                except OSError as e:
                    out.append((root, f"无法读取目录 ({e.strerror})"))
                    dirs[:] = []
                    continue
                key = (st.st_dev, st.st_ino)
                chain = above.pop(root, frozenset())
                if key in chain:
                    out.append((root, "目录的符号链接形成循环，已跳过 (symlink loop)"))
                    dirs[:] = []
                    continue
                dirs.sort()
                for d in dirs:
                    above[os.path.join(root, d)] = chain | {key}
                for n in sorted(names):
                    # a folder's README.md documents the folder: it is not a report (named
                    # explicitly on the command line, it is still checked)
                    if n.lower().endswith(EXTENSIONS) and not n.lower().startswith("readme."):
                        out.append((os.path.join(root, n), None))
        else:
            out.append((p, None))
    return out


def expand(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Return (files in a stable order, [(path, error)] for directories that cannot be walked)."""
    entries = expand_ordered(paths)
    return [p for p, e in entries if e is None], [(p, e) for p, e in entries if e is not None]
