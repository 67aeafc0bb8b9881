#!/usr/bin/env python3
"""Load on `report-lint serve`: concurrency, latency and memory of the upload page, measured on
127.0.0.1 only, bounded in requests and time.

    .venv/bin/python bench/serve_load.py                 # 1,000 requests, at most ~10 minutes
    .venv/bin/python bench/serve_load.py --requests 200  # a quicker run

The server is the installed `report-lint serve` in its own process (waitress, 4 threads) on a
free port. Measured:
  1. 20 uploads at once (20 client threads, each a real report): all answered 200?
  2. latency of one Word and one PDF report (tests/data/documents/052.*) over 30 requests, of one
     text report (examples/clean-2021.txt, 16 KB) uploaded alone, p50 and p95 over 50 requests,
     next to `report-lint --format html` on the same file in a fresh
     process (what the page saves: the start-up);
  3. the server's resident memory (VmRSS) after the first 10 requests and after all of them,
     every tenth request a bad one (a binary file, or a file over the limit → 413), the rest
     real reports in turn. Target: growth ≤ 20 MB.
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "report-lint"
REPORTS = sorted((ROOT / "examples" / "real").glob("*.txt")) + [ROOT / "examples" / "clean-2021.txt"]


def body_of(files):
    b = uuid.uuid4().hex
    parts = [f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="{n}"\r\n\r\n'.encode()
             + data + b"\r\n" for n, data in files]
    return f"multipart/form-data; boundary={b}", b"".join(parts) + f"--{b}--\r\n".encode()


def upload(url, files, timeout=120):
    ctype, body = body_of(files)
    req = urllib.request.Request(url + "/check", body, {"Content-Type": ctype})
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        e.read()
        status = e.code
    return status, time.perf_counter() - t0


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--max-seconds", type=float, default=600)
    args = ap.parse_args()
    proc = subprocess.Popen([str(BIN), "serve", "--host", "127.0.0.1", "--port", "0", "--max-upload",
                             str(1024 * 1024)], stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        port = re.search(r"127\.0\.0\.1:(\d+)", line).group(1)
        url = f"http://127.0.0.1:{port}"
        clean = (ROOT / "examples" / "clean-2021.txt").read_bytes()
        texts = [p.read_bytes() for p in REPORTS]

        with ThreadPoolExecutor(20) as ex:
            t0 = time.perf_counter()
            answers = list(ex.map(lambda i: upload(url, [(f"r{i}.txt", texts[i % len(texts)])]), range(20)))
            wall = time.perf_counter() - t0
        ok = sum(1 for s, _ in answers if s == 200)
        print(f"20 concurrent uploads: {ok}/20 answered 200 in {wall:.1f} s "
              f"(slowest {max(t for _, t in answers):.2f} s)")

        for ext, kind in ((".docx", "Word"), (".pdf", "PDF")):
            doc = ROOT / "tests" / "data" / "documents" / f"052{ext}"
            if doc.exists():
                data = doc.read_bytes()
                dl = [upload(url, [(doc.name, data)])[1] for _ in range(30)]
                print(f"one {kind} report ({len(data) // 1024} KB {ext}), 30 uploads one after another: "
                      f"p50 {pct(dl, 50) * 1000:.0f} ms, p95 {pct(dl, 95) * 1000:.0f} ms")
        lat = [upload(url, [("clean-2021.txt", clean)])[1] for _ in range(50)]
        cli = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run([str(BIN), "--isolated", "-q", "--format", "html", "-o", os.devnull,
                            str(ROOT / "examples" / "clean-2021.txt")], check=False)
            cli.append(time.perf_counter() - t0)
        print(f"one text report (16 KB), 50 uploads one after another: p50 {pct(lat, 50) * 1000:.0f} ms, "
              f"p95 {pct(lat, 95) * 1000:.0f} ms; the command line on the same file, fresh process: "
              f"{statistics.median(cli) * 1000:.0f} ms")

        junk = os.urandom(4096)
        big = b"a" * (1024 * 1024 + 1)
        statuses: dict[int, int] = {}
        deadline = time.monotonic() + args.max_seconds
        first10 = None
        done = 0
        for i in range(args.requests):
            if time.monotonic() > deadline:
                break
            if i % 10 == 9:
                files = [("junk.bin", junk)] if i % 20 == 9 else [("big.txt", big)]
            else:
                files = [(f"r{i}.txt", texts[i % len(texts)])]
            s, _ = upload(url, files)
            statuses[s] = statuses.get(s, 0) + 1
            done += 1
            if done == 10:
                first10 = rss_kb(proc.pid)
        last = rss_kb(proc.pid)
        growth = (last - (first10 or last)) / 1024
        print(f"{done} requests ({', '.join(f'{n}× {s}' for s, n in sorted(statuses.items()))}): "
              f"server RSS {first10 / 1024:.1f} MB after 10, {last / 1024:.1f} MB after {done} "
              f"(+{growth:.1f} MB; target ≤ 20 MB: {'met' if growth <= 20 else 'NOT met'})")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
