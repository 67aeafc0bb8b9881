#!/usr/bin/env python3
"""How a big `--format html` page behaves: 1,000 reports (the real ones under examples/, cycled)
written to one page, then opened in headless Chromium.

    .venv/bin/python bench/html_page.py            # 1,000 reports
    .venv/bin/python bench/html_page.py -n 200

Measured: the time report-lint takes to write the page (--jobs 2), the page's size, and in the
browser (a fresh process and profile each run, the page from file://): the time from navigation
to the load event and to the first paint of the index, the DOM's node count, and a scroll from
a mouse wheel's scroll (120 px a frame) and 40 jumps to the end, with the frames' gaps (a smooth
scroll keeps them near 16 ms) — and the same figures for a plain page of like height (a table
of n rows, 8n paragraphs) in the same run, the floor on this machine at this moment.
Needs chromium and chromedriver (skipped with a message otherwise). Nothing touches the network.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "report-lint"


def build_corpus(folder: Path, n: int) -> None:
    srcs = sorted((ROOT / "examples" / "real").glob("*.txt")) + sorted((ROOT / "examples" / "seeds").glob("*.txt"))
    for i in range(n):
        src = srcs[i % len(srcs)]
        shutil.copyfile(src, folder / f"{i:04d}-{src.name}")


def browser_figures(url: str) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="report-lint-bench-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
              "--window-size=1280,1000", f"--user-data-dir={profile}"):
        opts.add_argument(a)
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    d.set_script_timeout(300)
    d.set_page_load_timeout(300)
    try:
        t0 = time.perf_counter()
        d.get(url)
        wall = time.perf_counter() - t0
        nav = d.execute_script(
            "var n=performance.getEntriesByType('navigation')[0];"
            "var p=performance.getEntriesByName('first-contentful-paint')[0];"
            "return [n.domContentLoadedEventEnd, n.loadEventEnd, p?p.startTime:null,"
            " document.getElementsByTagName('*').length, document.body.scrollHeight]")
        # a wheel: 120 px a frame for 300 frames from the index down; then 40 jumps to the end
        scroll = d.execute_async_script("""
            var done=arguments[0], h=document.body.scrollHeight, i=0, last=performance.now(), gaps=[];
            function wheel(){var now=performance.now(); if(i) gaps.push(now-last); last=now;
              window.scrollBy(0, 120); i++; if(i<=300) requestAnimationFrame(wheel); else {i=0; jumps=[]; requestAnimationFrame(jump);}}
            var jumps;
            function jump(){var now=performance.now(); if(i) jumps.push(now-last); last=now;
              window.scrollTo(0, h*i/40); i++; if(i<=40) requestAnimationFrame(jump);
              else {gaps.sort(function(a,b){return a-b}); jumps.sort(function(a,b){return a-b});
                done([gaps[Math.floor(gaps.length/2)], gaps[Math.floor(gaps.length*0.95)], gaps[gaps.length-1],
                      jumps[Math.floor(jumps.length/2)], jumps[jumps.length-1]]);}}
            requestAnimationFrame(wheel);""")
        return {"get_s": wall, "dcl_ms": nav[0], "load_ms": nav[1], "fcp_ms": nav[2], "nodes": nav[3],
                "height_px": nav[4], "wheel_p50_ms": scroll[0], "wheel_p95_ms": scroll[1],
                "wheel_max_ms": scroll[2], "jump_p50_ms": scroll[3], "jump_max_ms": scroll[4]}
    finally:
        d.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="report-lint-page-") as tmp:
        corpus = Path(tmp) / "reports"
        corpus.mkdir()
        build_corpus(corpus, args.n)
        out = Path(tmp) / "page.html"
        t0 = time.perf_counter()
        subprocess.run([str(BIN), "--isolated", "-q", "--jobs", "2", "--format", "html", "-o", str(out),
                        str(corpus)], check=False)
        write_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        subprocess.run([str(BIN), "--isolated", "-q", "--jobs", "2", "--format", "json", "-o", os.devnull,
                        str(corpus)], check=False)
        json_s = time.perf_counter() - t0
        size = out.stat().st_size
        print(f"{args.n} reports: page written in {write_s:.1f} s (the same run as --format json: "
              f"{json_s:.1f} s), {size / 1e6:.1f} MB")
        if not (shutil.which("chromium") and shutil.which("chromedriver")):
            print("chromium/chromedriver not installed: browser figures skipped")
            return 0
        f = browser_figures(out.as_uri())
        floor_page = Path(tmp) / "floor.html"      # the same browser on a plain page of like size
        floor_page.write_text(
            "<!DOCTYPE html><meta charset=utf-8><table border=1>"
            + "".join(f"<tr><td>{i}</td><td>文件 {i}.txt</td><td>某某县人民政府</td><td>2021</td></tr>"
                      for i in range(args.n))
            + "</table>" + "".join(f"<p>第 {i} 段 平铺的文字。</p>" for i in range(8 * args.n)),
            encoding="utf-8")
        floor = browser_figures(floor_page.as_uri())
        print(f"Chromium (headless): load event {f['load_ms']:.0f} ms (DOMContentLoaded {f['dcl_ms']:.0f} ms, "
              f"first paint {f['fcp_ms'] or 0:.0f} ms), {f['nodes']:,} elements, "
              f"{f['height_px']:,} px tall folded")
        print(f"scrolling like a mouse wheel (120 px a frame, 300 frames): frame p50 {f['wheel_p50_ms']:.0f} ms, "
              f"p95 {f['wheel_p95_ms']:.0f} ms, longest {f['wheel_max_ms']:.0f} ms; jumping to the end in 40 "
              f"steps: frame p50 {f['jump_p50_ms']:.0f} ms, longest {f['jump_max_ms']:.0f} ms")
        print(f"  a plain page of {args.n:,} table rows and {8 * args.n:,} paragraphs, same browser, same run: "
              f"load {floor['load_ms']:.0f} ms, wheel p50 {floor['wheel_p50_ms']:.0f} ms, "
              f"p95 {floor['wheel_p95_ms']:.0f} ms, longest {floor['wheel_max_ms']:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
