"""Expanding the command line's paths: files, directories (recursively, .txt and .md) and `-`."""
from __future__ import annotations

import os

EXTENSIONS = (".txt", ".md")


def expand(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Return (files in a stable order, [(path, error)] for directories that cannot be walked)."""
    files: list[str] = []
    errors: list[tuple[str, str]] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            seen: set[tuple[int, int]] = set()
            for root, dirs, names in os.walk(p, followlinks=True, onerror=lambda e: errors.append((e.filename, f"无法读取目录 ({e.strerror})"))):
                st = os.stat(root)
                key = (st.st_dev, st.st_ino)
                if key in seen:  # a symlink loop: walk each real directory once
                    errors.append((root, "目录的符号链接形成循环，已跳过 (symlink loop)"))
                    dirs[:] = []
                    continue
                seen.add(key)
                dirs.sort()
                for n in sorted(names):
                    if n.lower().endswith(EXTENSIONS):
                        files.append(os.path.join(root, n))
        else:
            files.append(p)
    return files, errors
