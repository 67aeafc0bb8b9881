"""`--format html`: one self-contained page a clerk can open from a folder, a USB stick or the
`report-lint serve` upload page — inline style and a little inline script, nothing fetched.

Per report: the verdict in plain words, the outline of the six mandated sections, 表二/三/四
redrawn as the official grids (labels from grammar/, every value as read, flagged cells marked),
and the report text with each finding's span highlighted and its message beside it. A batch
starts with an index table that sorts and filters in the page — with `report-lint summary`'s
figures of each report (report_lint.summary.rows) — and an inline SVG chart of 本年新收 per
agency; in a batch of more than ten each report's detail (and the chart) is folded in <details>
and kept as the text of a non-executable script (see `folded`) that the page's script inserts
when it is unfolded, so a thousand reports still open and scroll smoothly (bench/html_page.py).

Every piece of document text goes through ``html.escape``. The page carries its own
Content-Security-Policy: the script and style run only by their hashes (or the server's nonce),
so even text that escaped escaping could not run.

Fonts: Windows' and macOS's CJK UI fonts by name, else the system's sans-serif for zh-CN. A long
list of fonts the machine lacks made Chromium on Linux stall up to 300 ms a frame while
scrolling a 1,000-report index (bench/html_page.py); two names and the generic family do not.
"""
from __future__ import annotations

import base64
import hashlib
from html import escape

from report_lint.formats import display_path

SEV_WORD = {"error": "错误", "warning": "警告", "info": "提示"}
SEV_SYMBOL = {"error": "✖", "warning": "▲", "info": "ℹ"}
SEV_RANK = {"error": 0, "warning": 1, "info": 2}
KIND_LABEL = {"text": "文本", "docx": "Word 文档", "pdf": "PDF 文档", "html": "网页"}
FMT_LABEL = {"2019": "2019 年版格式", "2021": "2021 年版格式", "pre2019": "2019 年以前（无统一表格）",
             "unknown": "无法判断"}
INDEX_FMT = {"2019": "2019 年版", "2021": "2021 年版", "pre2019": "2019 年以前", "unknown": "无法判断"}
STATUS = {"ok": ("✔", "有"), "missing": ("✖", "缺少"), "misplaced": ("▲", "位置不对"),
          "renumbered": ("▲", "编号不对")}
OPEN_DETAIL_MAX = 10        # reports in a batch up to which each one's detail starts unfolded

CSS = """
:root{--err:#b00020;--err-bg:#fde7ea;--warn:#8a5a00;--warn-bg:#fff4d6;--info:#0b5cad;--info-bg:#e6f0fb;
--line:#c8c8c8;--muted:#666;font-size:15px;color:#1a1a1a;background:#fff;
font-family:"Microsoft YaHei","PingFang SC",sans-serif}
body{margin:0 auto;max-width:1200px;padding:0 16px 48px;line-height:1.6}
h1{font-size:22px;margin:18px 0 4px}h2{font-size:19px;margin:0}h3{font-size:16px;margin:18px 0 6px}
a{color:#0645ad}a:focus,button:focus,summary:focus,input:focus,select:focus{outline:3px solid #1a73e8;outline-offset:2px}
.muted{color:var(--muted)}.keys{font-size:13px;color:var(--muted)}
kbd{border:1px solid #aaa;border-radius:3px;padding:0 4px;font-size:12px;background:#f6f6f6}
.sev{display:inline-block;font-weight:bold;white-space:nowrap}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
.report{border:1px solid var(--line);border-radius:6px;margin:18px 0;padding:12px 16px}
.batch .report{content-visibility:auto;contain-intrinsic-size:auto 230px}
.report>header p{margin:4px 0}
.verdict{font-size:17px;font-weight:bold;padding:6px 10px;border-radius:4px;border-left:6px solid}
.v-error{background:var(--err-bg);border-color:var(--err)}.v-warning{background:var(--warn-bg);border-color:var(--warn)}
.v-ok{background:#e8f5e9;border-color:#2e7d32}.v-info{background:var(--info-bg);border-color:var(--info)}
.counts span{margin-right:14px}
details>summary{cursor:pointer;font-weight:bold;margin:8px 0}
table{border-collapse:collapse;margin:6px 0}
th,td{border:1px solid #888;padding:3px 6px;vertical-align:top}
th{background:#f1f1f1;font-weight:normal;text-align:left}
.grid td{text-align:right;min-width:3.2em;white-space:nowrap}
.grid th.row{max-width:24em}.grid tr.grp th{background:#e4e4e4;font-weight:bold}
.grid .blank{color:var(--muted);font-style:italic;background:repeating-linear-gradient(45deg,#fafafa,#fafafa 4px,#eee 4px,#eee 8px)}
.grid .unread{outline:2px dotted #555;outline-offset:-3px;background:#f4f4f4}
.grid .raw{display:block;font-size:12px;color:var(--muted);word-break:break-all}
.grid td.merged{text-align:left;white-space:normal}.grid .merged .raw{display:inline;font-size:15px;color:inherit;letter-spacing:1px}
.grid .merged .hint{display:block;font-size:12px;color:var(--muted)}
.grid .byformat{background:#ddd}
.grid .f-error{background:var(--err-bg);border:3px solid var(--err)}
.grid .f-warning{background:var(--warn-bg);border:3px dashed var(--warn)}
.grid .f-info{background:var(--info-bg);border:3px dotted var(--info)}
.grid .mark{display:block;font-size:12px;text-align:right}
.legend span{margin-right:12px}
.notes{margin:4px 0 0 0;padding-left:20px}.notes li{margin:2px 0}
.outline li{margin:2px 0}.st-missing{color:var(--err);font-weight:bold}.st-misplaced,.st-renumbered{color:var(--warn);font-weight:bold}
.findings td{white-space:normal}.findings td.c,.findings td.w{white-space:nowrap}
pre.text{white-space:pre-wrap;word-break:break-all;border:1px solid var(--line);padding:8px;background:#fcfcfc;
font-family:inherit;font-size:14px;line-height:1.7;max-height:none}
pre.text .no{display:inline-block;min-width:3.5em;color:#999;user-select:none;text-align:right;margin-right:8px}
mark{padding:0 1px}mark.m-error{background:var(--err-bg);border-bottom:3px solid var(--err)}
mark.m-warning{background:var(--warn-bg);border-bottom:3px dashed var(--warn)}
mark.m-info{background:var(--info-bg);border-bottom:3px dotted var(--info)}
pre.text .note{display:block;margin:2px 0 6px 4.5em;padding:2px 8px;border-left:4px solid;white-space:pre-wrap;font-size:13px}
.note.sev-error{border-color:var(--err);background:var(--err-bg)}.note.sev-warning{border-color:var(--warn);background:var(--warn-bg)}
.note.sev-info{border-color:var(--info);background:var(--info-bg)}
.gap{color:var(--muted);font-style:italic}
#index-tools{margin:8px 0}#index-tools input{font-size:15px;padding:3px 6px;width:18em}
#index th button{all:unset;cursor:pointer;font-weight:bold}
#index th button::after{content:" ⇅";color:#999}#index th[aria-sort=ascending] button::after{content:" ▲ 升序";color:inherit;font-size:12px}
#index th[aria-sort=descending] button::after{content:" ▼ 降序";color:inherit;font-size:12px}#index th button:focus{outline:3px solid #1a73e8}
#index td.n{text-align:right}#index th,#index td.n,#index td.v{white-space:nowrap}#index tr.hidden{display:none}
#index{font-size:13px}#index th.grp{text-align:center;font-weight:bold}
#index th.f{white-space:normal;min-width:4em;max-width:5.5em}#index th,#index td{padding:3px 4px}#index th.f button::after{display:block}
#index td.p{min-width:10em;max-width:15em;word-break:break-all}#index td.a{min-width:7em}
.wide{overflow-x:auto;width:calc(100vw - 48px);margin-left:calc(50% - 50vw + 24px)}
.chart{display:block;max-width:100%;height:auto;font-size:12px;margin:6px 0}.chart .bar{fill:#3b6ea8}
.chart .who{text-anchor:end;font-size:13px}.chart .sep{stroke:#ddd}
.error-box{background:var(--err-bg);border-left:6px solid var(--err);padding:6px 10px}
:target{scroll-margin-top:8px}.current{outline:3px solid #1a73e8}
@media print{.batch .report{content-visibility:visible}.wide{width:auto;margin:0}body{max-width:none;font-size:12px}#index-tools,.keys,.noprint{display:none}
details>summary{list-style:none}.report{break-inside:auto;border:none;padding:0}
.report+.report{break-before:page}pre.text{max-height:none;border:none}a{color:inherit;text-decoration:none}
table{break-inside:auto}tr{break-inside:avoid}
.grid td,.grid th,mark,.note,.verdict,.chart{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

JS = """
(function(){
var idx=document.getElementById('index');
function fill(d){var t=d.querySelector(':scope>script.folded');if(!t)return;
 var back=String.fromCharCode(92);t.insertAdjacentHTML('afterend',t.textContent.split('<'+back+'/').join('</'));t.remove();}
document.querySelectorAll('details').forEach(function(d){d.addEventListener('toggle',function(){if(d.open)fill(d);});});
function openTarget(){var h=location.hash.slice(1);if(!h)return;var el=document.getElementById(h);
 if(!el)return;var own=el.querySelector(':scope>details');if(own){own.open=true;fill(own);}
 var d=el.closest('details');while(d){d.open=true;d=d.parentElement&&d.parentElement.closest('details');}
 el.scrollIntoView();}
window.addEventListener('hashchange',openTarget);openTarget();
if(idx){
 var body=idx.tBodies[0],filt=document.getElementById('filter'),shown=document.getElementById('shown');
 idx.querySelectorAll('th button').forEach(function(b){b.addEventListener('click',function(){
  var th=b.parentElement,col=+th.dataset.col,asc=th.getAttribute('aria-sort')!=='ascending',num=th.dataset.type==='n';
  idx.querySelectorAll('th').forEach(function(t){t.removeAttribute('aria-sort');});
  th.setAttribute('aria-sort',asc?'ascending':'descending');
  var rows=Array.prototype.slice.call(body.rows);
  rows.sort(function(a,b){var x=a.cells[col].textContent,y=b.cells[col].textContent;
   if(!num){var c=x.localeCompare(y,'zh-CN');return asc?c:-c;}
   x=parseFloat(x);y=parseFloat(y);if(isNaN(x)||isNaN(y))return isNaN(x)-isNaN(y);  /* blanks last */
   return asc?x-y:y-x;});
  var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r);});body.appendChild(f);});});
 function apply(){var q=filt.value.trim().toLowerCase(),only=document.getElementById('only').value,n=0;
  Array.prototype.forEach.call(body.rows,function(r){var ok=(!q||[1,2,3,4].some(function(k){return r.cells[k].textContent.toLowerCase().indexOf(q)>=0;}))&&
   (!only||r.dataset.v===only||(only==='bad'&&r.dataset.v!=='ok'));r.classList.toggle('hidden',!ok);if(ok)n++;});
  shown.textContent=n;}
 filt.addEventListener('input',apply);document.getElementById('only').addEventListener('change',apply);
}
var marks=[],cur=-1;
document.addEventListener('keydown',function(e){
 if(e.ctrlKey||e.metaKey||e.altKey)return;var t=e.target.tagName;if(t==='INPUT'||t==='SELECT'||t==='TEXTAREA')return;
 if(e.key==='/'&&document.getElementById('filter')){e.preventDefault();document.getElementById('filter').focus();return;}
 if(e.key!=='n'&&e.key!=='p')return;
 marks=document.querySelectorAll('tr.finding');if(!marks.length)return;
 if(cur>=0&&marks[cur])marks[cur].classList.remove('current');
 cur=e.key==='n'?Math.min(cur+1,marks.length-1):Math.max(cur-1,0);
 var el=marks[cur],d=el.closest('details');if(d)d.open=true;el.classList.add('current');
 var a=el.querySelector('a');(a||el).focus();el.scrollIntoView({block:'center'});});
})();
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def csp(nonce: str | None = None) -> str:
    """The policy of the page: nothing but its own inline style and script (by nonce when the
    server gives one, else by their hashes), no fetching, no framing, no form elsewhere."""
    allow = f"'nonce-{nonce}'" if nonce else None
    return ("default-src 'none'; "
            f"style-src {allow or _hash(CSS)}; script-src {allow or _hash(JS)}; "
            "img-src data:; form-action 'self'; base-uri 'none'"
            + ("; frame-ancestors 'none'" if nonce else ""))   # a <meta> policy cannot say it


def _sev(sev: str) -> str:
    return (f'<span class="sev sev-{escape(sev)}">{SEV_SYMBOL.get(sev, "•")} '
            f'{SEV_WORD.get(sev, escape(sev))}</span>')


def _value(v) -> str:
    if isinstance(v, (list, tuple)):
        return "、".join(_value(x) for x in v)
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def counts(r) -> dict:
    c = {"error": 0, "warning": 0, "info": 0}
    for f in r.findings:
        c[f.severity] = c.get(f.severity, 0) + 1
    return c


def verdict(r) -> tuple[str, str]:
    """(class, one line in plain words) for a clerk: can it be published as it is?"""
    if r.error:
        return "error", f"无法检查：{r.error}"
    c = counts(r)
    if c["error"]:
        return "error", f"需要修改：有 {c['error']} 个错误，改正后才能发布。"
    if c["warning"]:
        return "warning", f"建议核对后发布：没有错误，有 {c['warning']} 个警告请逐一核对。"
    if c["info"]:
        return "info", f"可以发布：没有错误和警告，有 {c['info']} 条提示供参考。"
    return "ok", "可以发布：没有发现问题。"


def render(results, summary, out, nonce: str | None = None, title: str | None = None,
           form: str = "", pairs=(), **_):
    """Write the page. ``nonce`` and ``form`` come from `report-lint serve` (the policy is then a
    header; ``form`` is the upload form drawn above the results); ``pairs``: the run's pairs
    across years (report_lint.years), for the index's change of 本年新收."""
    nonce_attr = f' nonce="{escape(nonce)}"' if nonce else ""
    w = out.write
    w('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
      '<meta name="viewport" content="width=device-width,initial-scale=1">')
    if not nonce:
        w(f'<meta http-equiv="Content-Security-Policy" content="{escape(csp())}">')
    w('<meta name="referrer" content="no-referrer">')
    w(f"<title>{escape(title or '年度报告检查结果')} — report-lint</title>"
      f"<style{nonce_attr}>{CSS}</style></head><body>\n")
    w(form)
    if results:
        w(f"<h1>{escape(title or '政府信息公开工作年度报告检查结果')}</h1>")
        w(f'<p>共检查 {summary["files"]} 个文件：{_sev("error")} {summary["errors"]} 个，'
          f'{_sev("warning")} {summary["warnings"]} 个，{_sev("info")} {summary["infos"]} 条'
          + (f'；{summary["unreadable"]} 个文件无法检查' if summary["unreadable"] else "") + "。</p>")
        w('<p class="keys noprint">键盘：<kbd>Tab</kbd> 在链接和按钮间移动，<kbd>n</kbd> / <kbd>p</kbd> '
          '跳到下一个 / 上一个问题' + ("，<kbd>/</kbd> 筛选文件" if len(results) > 1 else "") + "。</p>\n")
    if len(results) > 1:
        _index(results, pairs, w)
    w(f'<main{" class=batch" if len(results) > OPEN_DETAIL_MAX else ""}>\n')
    for i, r in enumerate(results, 1):
        _report(r, i, w, open_detail=len(results) <= OPEN_DETAIL_MAX,
                full=len(results) <= FULL_TEXT_MAX)
    w("</main>\n")
    w(f"<script{nonce_attr}>{JS}</script></body></html>\n")


# The summary's figures in the index (report_lint.summary.FIELDS keys), under their table's
# heading; 表四's long headings shortened beneath theirs.
FIGURES = (("表三　政府信息公开申请", (("t3_new", None), ("t3_carried_over", None), ("t3_open", None),
                                   ("t3_partial", None), ("t3_total", None), ("t3_carried_forward", None))),
           ("本年新收与上一年度相比", (("t3_new_previous", "上一年度"), ("t3_new_change", "增减"),
                                  ("t3_new_change_pct", "增减（%）"))),
           ("表四　行政复议、行政诉讼（总计）", (("t4_review", "行政复议"), ("t4_direct", "直接起诉"),
                                         ("t4_after_review", "复议后起诉"))))


def _index(results, pairs, w) -> None:
    from report_lint.summary import FIELDS, rows

    table = rows(results, pairs)
    label = dict(FIELDS)
    groups = [(g, cols) for g, cols in FIGURES
              if g != FIGURES[1][0] or any(r["previous"] for r in table)]
    anchor = {r.path: f"r{i}" for i, r in enumerate(results, 1)}
    w('<section aria-labelledby="index-h"><h2 id="index-h">文件一览</h2>'
      '<div id="index-tools" class="noprint"><label>筛选（文件名、机关、年度）：'
      '<input id="filter" type="search" autocomplete="off"></label> '
      '<label>只看：<select id="only"><option value="">全部</option><option value="bad">有问题的</option>'
      '<option value="error">需要修改的</option><option value="unreadable">无法检查的</option>'
      '<option value="ok">可以发布的</option></select></label> '
      f'显示 <span id="shown">{len(results)}</span> / {len(results)} 个</div>'
      '<div class="wide"><table id="index"><thead><tr>')
    heads = [("序号", "n"), ("文件", "s"), ("机关", "s"), ("年度", "n"), ("格式", "s"),
             ("错误", "n"), ("警告", "n"), ("提示", "n"), ("结论", "s")]
    for col, (h, t) in enumerate(heads):
        w(f'<th scope="col" rowspan="2" data-type="{t}" data-col="{col}"><button type="button">{h}</button></th>')
    for g, cols in groups:
        w(f'<th scope="colgroup" colspan="{len(cols)}" class="grp">{g}</th>')
    w("</tr><tr>")
    col = len(heads)
    for g, cols in groups:
        for key, short in cols:
            title = f' title="{label[key]}"' if short else ""
            w(f'<th scope="col" class="f" data-type="n" data-col="{col}"{title}><button type="button">{short or label[key]}</button></th>')
            col += 1
    w("</tr></thead><tbody>\n")
    for i, (r, row) in enumerate(zip(results, table), 1):
        c = counts(r)
        cls, _ = verdict(r)
        state = "unreadable" if r.error else ("error" if c["error"] else ("ok" if cls in ("ok", "info") else "warning"))
        word = {"unreadable": "无法检查", "error": "需要修改", "warning": "请核对", "ok": "可以发布"}[state]
        agency = (r.view or {}).get("agency") or ""
        w(f'<tr data-v="{state}"><td class="n">{i}</td>'
          f'<td class="p"><a href="#r{i}">{escape(display_path(r.path))}</a></td><td class="a">{escape(agency)}</td>'
          f'<td class="n">{r.year or ""}</td><td class="v">{escape(INDEX_FMT.get(r.template, r.template) if not r.error else "")}</td>'
          f'<td class="n">{c["error"]}</td><td class="n">{c["warning"]}</td><td class="n">{c["info"]}</td>'
          f'<td class="v">{word}</td>')
        for g, cols in groups:
            for key, _ in cols:
                w(f'<td class="n">{_figure(key, row, anchor)}</td>')
        w("</tr>\n")
    w("</tbody></table></div>")
    _chart(results, table, w, fold=len(results) > OPEN_DETAIL_MAX)
    w("</section>\n")


def _figure(key: str, row: dict, anchor: dict) -> str:
    """One figure of the summary as the index shows it: a change signed, last year's figure a
    link to last year's report when that is on the page; blank where there is none."""
    v = row[key]
    if v is None:
        return ""
    text = _value(v)
    if key == "t3_new_change":
        text = f"+{text}" if v > 0 else text
    elif key == "t3_new_change_pct":
        text = (f"+{text}" if v > 0 else text) + "%"
    elif key == "t3_new_previous" and row["previous"] in anchor:
        return (f'<a href="#{anchor[row["previous"]]}" title="上一年度报告：{escape(display_path(row["previous"]))}">'
                f"{text}</a>")
    return escape(text)


# The chart's geometry (px): the agency names on the left, the bars after them.
CHART_LABEL, CHART_BAR, CHART_TAIL, BAR_H, BAR_GAP, GROUP_GAP = 230, 380, 110, 14, 4, 12


def _chart(results, table, w, fold: bool) -> None:
    """本年新收 per agency as an inline SVG bar chart: a group of bars per agency (the pairing's
    normalised name, report_lint.agency.agency_key), one bar per report in year order, each
    bar's year and figure written beside it. No script, no external resource; the numbers are
    also in the index's 本年新收 column. In a big batch it is folded like a report's detail."""
    groups: dict = {}
    for i, (r, row) in enumerate(zip(results, table), 1):
        if row["t3_new"] is None:
            continue
        key = getattr(r.profile, "key", None) or f"\0{i}"
        name = (r.view or {}).get("agency") or row["agency"] or display_path(r.path)
        groups.setdefault(key, [name, []])[1].append((row["year"], row["t3_new"]))
    if not groups:
        return
    bars = sum(len(b) for _, b in groups.values())
    top = max(v for _, b in groups.values() for _, v in b) or 1
    height = sum(len(b) * (BAR_H + BAR_GAP) for _, b in groups.values()) + GROUP_GAP * len(groups)
    width = CHART_LABEL + CHART_BAR + CHART_TAIL
    missing = len(results) - bars
    desc = (f"横条图：每个机关一组，每份报告一条横条，长度为表三“本年新收政府信息公开申请数量”的总计，"
            f"横条右侧写着年度和数字。共 {bars} 份报告、{len(groups)} 个机关"
            + (f"；另有 {missing} 份报告没有读出这一数字，未画出" if missing else "")
            + "。这些数字也在上表“本年新收”一列。")
    svg = [f'<svg class="chart" role="img" aria-labelledby="chart-t chart-d" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}"><title id="chart-t">各机关本年新收政府信息公开申请数</title>'
           f"<desc id=\"chart-d\">{desc}</desc>"]
    y = GROUP_GAP // 2
    for name, items in groups.values():
        items.sort(key=lambda yv: (yv[0] is None, yv[0] or 0))
        shown = name if len(name) <= 15 else name[:14] + "…"
        full = f"<title>{escape(name)}</title>" if shown != name else ""
        svg.append(f'<line class="sep" x1="0" x2="{width}" y1="{y - GROUP_GAP // 2}" y2="{y - GROUP_GAP // 2}"/>'
                   f'<text class="who" x="{CHART_LABEL - 8}" y="{y + BAR_H - 2}">{full}{escape(shown)}</text>')
        for year, v in items:
            length = round(CHART_BAR * v / top, 1)
            svg.append(f'<rect class="bar" x="{CHART_LABEL}" y="{y}" width="{length}" height="{BAR_H}"/>'
                       f'<text x="{CHART_LABEL + length + 5}" y="{y + BAR_H - 2}">'
                       f'{f"{year}年" if year else "年度不明"}　{escape(_value(v))}</text>')
            y += BAR_H + BAR_GAP
        y += GROUP_GAP
    svg.append("</svg>")
    markup = "".join(svg)
    w(f'<details class="chart-box"{"" if fold else " open"}><summary>本年新收申请数（按机关，{bars} 份报告）</summary>'
      + (folded(markup) if fold else markup) + "</details>")


def _report(r, i: int, w, open_detail: bool, full: bool) -> None:
    from report_lint.places import describe

    rid = f"r{i}"
    cls, line = verdict(r)
    c = counts(r)
    view = r.view or {}
    w(f'<section class="report" id="{rid}" aria-labelledby="{rid}-h"><header>'
      f'<h2 id="{rid}-h">{i}. {escape(display_path(r.path))}</h2>')
    w(f'<p class="verdict v-{cls}" role="status">{escape(line)}</p>')
    if r.error:
        w("</header></section>\n")
        return
    agency = view.get("agency")
    year_src = {"title": "据标题", "period": "据报告期", "body": "据正文", "option": "按指定"}.get(
        view.get("year_source") or "", "")
    w(f'<p>机关：{escape(agency) if agency else "<span class=muted>标题中未找到</span>"}；'
      f'年度：{r.year or "无法判断"}{f"（{year_src}）" if r.year and year_src else ""}；'
      f'适用格式：{escape(FMT_LABEL.get(r.template, r.template))}；'
      f'读取为：{escape(KIND_LABEL.get(r.kind, r.kind))}'
      + (f"（编码 {escape(r.encoding)}）" if r.encoding and r.kind == "text" else "") + "</p>")
    w(f'<p class="counts">{_sev("error")} {c["error"]} 个　{_sev("warning")} {c["warning"]} 个　'
      f'{_sev("info")} {c["info"]} 条</p></header>\n')
    w(f'<details{" open" if open_detail else ""}><summary>详细结果（问题列表、六个部分、表格、原文）</summary>\n')
    outer = w
    if not open_detail:    # a big batch: the detail is kept as text until unfolded (see `folded`)
        w("<noscript><p>这一页包含的报告较多，展开详细结果需要浏览器允许运行脚本；"
          "也可以单独检查这个文件。</p></noscript>")
        parts: list[str] = []
        w = parts.append
    _findings(r, rid, w, describe)
    if view:
        _outline(view, r, rid, w)
        _tables(view, r, rid, w)
        _text(view, r, rid, w, describe, full)
    if not open_detail:
        outer(folded("".join(parts)))
    outer("</details></section>\n")


def folded(markup: str) -> str:
    """The detail of a report in a big batch, as the text of a non-executable <script>: the
    browser keeps one string instead of parsing hundreds of elements per report (a <template>
    still builds them), and the page's script inserts it when the report is unfolded. Every
    `</` becomes `<\\/` so no `</script>` can end it early; document text holds no raw `<`
    (it is escaped), so only the page's own tags are touched and the script restores them."""
    return '<script type="text/html" class="folded">' + markup.replace("</", "<\\/") + "</script>"


def _findings(r, rid, w, describe) -> None:
    w(f'<h3 id="{rid}-list">问题列表（{len(r.findings)} 个）</h3>')
    if not r.findings:
        w("<p>没有发现问题。</p>")
        return
    w('<table class="findings"><thead><tr><th scope="col">级别</th><th scope="col">位置</th>'
      '<th scope="col">规则</th><th scope="col">说明</th></tr></thead><tbody>\n')
    for k, f in enumerate(r.findings, 1):
        where = f"第 {f.line} 行第 {f.column} 列"
        if f.place:
            where += "；" + describe(f.place)
        link = f'<a href="#{rid}-n{k}">{escape(where)}</a>' if r.view else escape(where)
        w(f'<tr class="finding" id="{rid}-f{k}"><td class="c">{_sev(f.severity)}</td><td class="w">{link}</td>'
          f'<td class="c">{escape(f.code)} <span class="muted">{escape(f.name)}</span></td>'
          f'<td>{escape(f.message)}{_expected(f)}</td></tr>\n')
    w("</tbody></table>\n")


def _expected(f) -> str:
    parts = []
    if f.expected is not None:
        parts.append(f"应为：{escape(_value(f.expected))}")
    if f.actual is not None:
        parts.append(f"实为：{escape(_value(f.actual))}")
    return f'<br><span class="muted">{"；".join(parts)}</span>' if parts else ""


def _place(f) -> str:
    """Where a document's finding stands in the Word/PDF/web file itself (report_lint.places)."""
    if not f.place:
        return ""
    from report_lint.places import describe

    return f'<span class="muted">（在文档中：{escape(describe(f.place))}）</span>'


def _outline(view, r, rid, w) -> None:
    from report_lint.grammar import layout

    lay = layout()
    w(f'<h3 id="{rid}-outline">六个部分</h3><ol class="outline">')
    for e in view.get("sections", []):
        d = lay.section(e["numeral"])
        sym, word = STATUS[e["status"]]
        w(f'<li><span class="st-{e["status"]}">{sym} {word}</span>　{escape(d.label.canonical)}')
        if e["line"]:
            w(f'　<span class="muted">第 {e["line"]} 行')
            if e["status"] != "ok":
                w(f'，写作“{escape(e["written"] or "")}”')
            w("</span>")
        w("</li>")
    w("</ol>\n")


def _cell_findings(r, table: str, tl) -> tuple[dict, dict, list]:
    """The table's findings by cell {(row id, col id): [(k, f)]}, by row {row id: [(k, f)]}, and
    the rest [(k, f)] — k is the finding's number in the report's list."""
    by_name = {(row.name, col.name): (row.id, col.id) for row in tl.rows for col in row.cells} if tl else {}
    row_by_name = {row.name: row.id for row in tl.rows} if tl else {}
    cells: dict = {}
    rows: dict = {}
    rest: list = []
    for k, f in enumerate(r.findings, 1):
        if f.table != table:
            continue
        cell = f.cell or {}
        key = by_name.get((cell.get("row"), cell.get("column")))
        if key:
            cells.setdefault(key, []).append((k, f))
        elif cell.get("row") in row_by_name and "column" not in cell:
            rows.setdefault(row_by_name[cell["row"]], []).append((k, f))
        else:
            rest.append((k, f))
    return cells, rows, rest


def _worst(items) -> str:
    return min((f.severity for _, f in items), key=lambda s: SEV_RANK.get(s, 9))


def _tables(view, r, rid, w) -> None:
    from report_lint.grammar import layout

    lay = layout()
    for t in view.get("tables", []):
        name = t["table"]
        fmt = t["fmt"] or (r.template if r.template in ("2019", "2021") else None)
        tid = f"{rid}-t{name}"
        title = lay.section(name).label.texts[0]
        w(f'<h3 id="{tid}">表{name}　{escape(title)}')
        if fmt:
            w(f'　<span class="muted">（{escape(FMT_LABEL.get(fmt, fmt))}')
            if t["found"]:
                w(f'，原文第 {t["line"]} 行起')
            w("）</span>")
        w("</h3>")
        tl = lay.table(name, fmt) if fmt in ("2019", "2021") else None
        cells_f, rows_f, rest = _cell_findings(r, name, tl)
        if not t["found"]:
            w('<p class="error-box">✖ 报告中没有找到这张表。</p>')
        elif tl is None:
            w('<p class="muted">无法判断这张表适用的格式，不能按规定格式画出。</p>')
        else:
            w('<p class="legend muted">图例：<span>（空）= 空白未填</span><span>⚠ = 无法识别的内容</span>'
              '<span>（缺）= 原文没有这一格</span><span>灰底 = 格式规定不填</span>'
              f'<span>{_sev("error")} 实线框</span><span>{_sev("warning")} 虚线框</span>'
              f'<span>{_sev("info")} 点线框</span></p>')
            notes: list = []
            draw = {"二": _grid2, "三": _grid3, "四": _grid4}[name]
            w(f'<table class="grid" aria-label="表{name}">')
            draw(tl, t["cells"], cells_f, rows_f, notes, tid, w)
            w("</table>")
            _notes(notes, tid, w)
        if rest:
            w('<ul class="notes">')
            for k, f in rest:
                w(f'<li>{_sev(f.severity)} <a href="#{rid}-f{k}">问题 {k}</a>：{escape(f.message)}'
                  f'{_place(f)}{_expected(f)}</li>')
            w("</ul>")


def _notes(notes, tid, w) -> None:
    if not notes:
        return
    w('<ol class="notes">')
    for n, (label, items) in enumerate(notes, 1):
        for i, (k, f) in enumerate(items):
            anchor = f' id="{tid}-m{n}"' if i == 0 else ""
            w(f'<li{anchor}>{_sev(f.severity)} 〔{n}〕 {escape(label)}：{escape(f.message)}'
              f'{_place(f)}{_expected(f)}</li>')
    w("</ol>")


UNSPLIT_HINT = {"inconsistent": "这一行的数字连在一起，没有一种拆法使合计相符",
                "ambiguous": "这一行的数字连在一起，有几种拆法，无法确定是哪一种",
                "unaligned": "这一行读到的数字个数与列数对不上"}


def _row_cells(row, cells, cells_f, notes, tid) -> str:
    """A row's value cells; a row read as one run that could not be split (every cell
    unreadable, all holding the same stretch of text) is one cell across them, the text once."""
    shared = _unsplit(row, cells)
    if shared is None:
        return "".join(_td(row, col, cells, cells_f, notes, tid) for col in row.columns)
    cols = [c for c in row.columns if c is not None]
    items = [x for c in cols for x in cells_f.get((row.id, c.id), ())]
    cls, mark = "unread merged", ""
    if items:
        sev = _worst(items)
        cls += f" f-{sev}"
        notes.append((row.name, items))
        mark = (f'<a class="mark sev sev-{sev}" href="#{tid}-m{len(notes)}" title="{escape(items[0][1].message)}">'
                f'{SEV_SYMBOL[sev]}〔{len(notes)}〕</a>')
    raw = shared[0] if len(shared[0]) <= 80 else shared[0][:79] + "…"
    hint = UNSPLIT_HINT.get(shared[1])
    return (f'<td class="{cls}" colspan="{len(row.columns)}">⚠ 无法识别：<span class="raw">{escape(raw)}</span>'
            + (f'<span class="hint">（{hint}）</span>' if hint else "") + f"{mark}</td>")


def _unsplit(row, cells):
    """The cell every value cell of the row repeats — unreadable, same text, same place — or None."""
    got = [(cells.get(row.id) or {}).get(c.id) for c in row.columns if c is not None]
    if len(got) < 2 or any(g is None for g in got):
        return None
    raw, kind, _line, start = got[0]
    if kind in ("number", "blank", "missing", "placeholder") or start is None:
        return None
    return got[0] if all((g[0], g[1], g[3]) == (raw, kind, start) for g in got) else None


def _td(row, col, cells, cells_f, notes, tid) -> str:
    """One cell: the value as read; blank, placeholder, unreadable and absent cells each in
    their own look and word; a flagged cell framed by severity with a numbered note."""
    if col is None:
        return '<td class="byformat" aria-label="格式规定不填"></td>'
    raw, kind = ((cells.get(row.id) or {}).get(col.id) or ["", "missing"])[:2]
    cls = []
    if kind == "number":
        text = escape(raw)
    elif kind == "blank":
        text, cls = "（空）", ["blank"]
    elif kind == "missing":
        text, cls = "（缺）", ["blank"]
    elif kind == "placeholder":
        text, cls = escape(raw) or "—", ["blank"]
    else:
        shown = raw if len(raw) <= 24 else raw[:23] + "…"
        text, cls = f'⚠ 无法识别<span class="raw">{escape(shown)}</span>', ["unread"]
    items = cells_f.get((row.id, col.id))
    mark = ""
    if items:
        sev = _worst(items)
        cls.append(f"f-{sev}")
        notes.append((f"{row.name} × {col.name}", items))
        n = len(notes)
        exp = next((f.expected for _, f in items if f.expected is not None), None)
        mark = (f'<a class="mark sev sev-{sev}" href="#{tid}-m{n}" title="{escape(items[0][1].message)}">'
                f'{SEV_SYMBOL[sev]}〔{n}〕' + (f" 应为 {escape(_value(exp))}" if exp is not None else "") + "</a>")
    c = f' class="{" ".join(cls)}"' if cls else ""
    return f"<td{c}>{text}{mark}</td>"


def _th_row(row, rows_f, notes, tid) -> str:
    items = rows_f.get(row.id)
    if not items:
        return f'<th scope="row" class="row">{escape(row.label.canonical)}</th>'
    sev = _worst(items)
    notes.append((row.name, items))
    return (f'<th scope="row" class="row f-{sev}">{escape(row.label.canonical)}'
            f'<a class="mark sev sev-{sev}" href="#{tid}-m{len(notes)}" title="{escape(items[0][1].message)}">'
            f'{SEV_SYMBOL[sev]}〔{len(notes)}〕</a></th>')


def _grid2(tl, cells, cells_f, rows_f, notes, tid, w) -> None:
    """表二: a block per 第二十条 item — its caption, the block's column headers, its rows."""
    corner = tl.headers[0].canonical if tl.headers else ""
    width = max(len(r.columns) for r in tl.rows) + 1
    caption = None
    for row in tl.rows:
        if row.caption != caption:
            caption = row.caption
            w(f'<tr class="grp"><th colspan="{width}" scope="colgroup">{escape(caption.canonical)}</th></tr>'
              f'<tr><th scope="col">{escape(corner)}</th>')
            for col in row.columns:
                w(f'<th scope="col">{escape(col.name) if col else ""}</th>')
            w("</tr>")
        w("<tr>" + _th_row(row, rows_f, notes, tid))
        w(_row_cells(row, cells, cells_f, notes, tid))
        w("</tr>")


def _grid3(tl, cells, cells_f, rows_f, notes, tid, w) -> None:
    """表三: the corner, 申请人情况 over every column, the spanning group (法人或其他组织) over
    its columns, then the rows under their group headers."""
    cols = tl.columns
    corner = tl.headers[0].canonical if tl.headers else ""
    over = tl.headers[1].canonical if len(tl.headers) > 1 else ""
    w(f'<thead><tr><th rowspan="3" scope="col">{escape(corner)}</th>'
      f'<th colspan="{len(cols)}" scope="colgroup">{escape(over)}</th></tr><tr>')
    i = 0
    while i < len(cols):
        g = cols[i].group
        if g is None:
            w(f'<th rowspan="2" scope="col">{escape(cols[i].name)}</th>')
            i += 1
            continue
        n = sum(1 for c in cols[i:] if c.group == g)
        w(f'<th colspan="{n}" scope="colgroup">{escape(g.canonical)}</th>')
        i += n
    w("</tr><tr>")
    for c in cols:
        if c.group is not None:
            w(f'<th scope="col">{escape(c.name)}</th>')
    w("</tr></thead><tbody>")
    # a header row over rows that are not its own (三、本年度办理结果 above （一）予以公开): placed
    # by the grammar's print order
    from report_lint.grammar import layout

    order = layout().order
    pending = [g for g in tl.groups if all(r.group != g for r in tl.rows)]
    group = None
    for row in tl.rows:
        for g in [g for g in pending if order.get(g.id, 1 << 30) < order.get(row.id, -1)]:
            pending.remove(g)
            w(f'<tr class="grp"><th colspan="{len(cols) + 1}" scope="rowgroup">{escape(g.canonical)}</th></tr>')
        if row.group is not None and row.group != group:
            w(f'<tr class="grp"><th colspan="{len(cols) + 1}" scope="rowgroup">{escape(row.group.canonical)}</th></tr>')
        group = row.group
        w("<tr>" + _th_row(row, rows_f, notes, tid))
        w(_row_cells(row, cells, cells_f, notes, tid))
        w("</tr>")
    w("</tbody>")


def _grid4(tl, cells, cells_f, rows_f, notes, tid, w) -> None:
    """表四 as printed: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉) across the top, the
    result columns under each, one row of values."""
    cols = tl.columns
    n = len(cols)
    w("<thead><tr>")
    seen = set()
    for row in tl.rows:
        if row.group is None:
            w(f'<th colspan="{n}" rowspan="2" scope="colgroup">{_th_label(row, rows_f, notes, tid)}</th>')
        elif row.group not in seen:
            seen.add(row.group)
            k = sum(1 for x in tl.rows if x.group == row.group)
            w(f'<th colspan="{n * k}" scope="colgroup">{escape(row.group.canonical)}</th>')
    w("</tr><tr>")
    for row in tl.rows:
        if row.group is not None:
            w(f'<th colspan="{n}" scope="colgroup">{_th_label(row, rows_f, notes, tid)}</th>')
    w("</tr><tr>")
    for row in tl.rows:
        for c in cols:
            w(f'<th scope="col">{escape(c.name)}</th>')
    w("</tr></thead><tbody><tr>")
    for row in tl.rows:
        w(_row_cells(row, cells, cells_f, notes, tid))
    w("</tr></tbody>")


def _th_label(row, rows_f, notes, tid) -> str:
    items = rows_f.get(row.id)
    if not items:
        return escape(row.label.canonical)
    sev = _worst(items)
    notes.append((row.name, items))
    return (f'{escape(row.label.canonical)} <a class="sev sev-{sev}" href="#{tid}-m{len(notes)}">'
            f'{SEV_SYMBOL[sev]}〔{len(notes)}〕</a>')


CONTEXT = 2          # lines shown around a finding when the text is folded to excerpts
FULL_TEXT_MAX = 20   # reports in a batch up to which each one's whole text is shown


def _text(view, r, rid, w, describe, full: bool) -> None:
    """The report's text, each finding's span highlighted and its message after the line where
    the span ends. A report shows its whole text; in a larger batch only the lines around the
    findings are shown (the rest is counted), which keeps a thousand reports light."""
    lines = view["text"].split("\n")
    ends: dict[int, list] = {}
    marks: dict[int, list] = {}
    for k, f in enumerate(r.findings, 1):
        first, last = max(1, f.line), max(f.line, f.end_line)
        ends.setdefault(min(last, len(lines)), []).append((k, f))
        for ln in range(first, min(last, len(lines)) + 1):
            a = f.column - 1 if ln == first else 0
            b = (f.end_column - 1) if ln == last else len(lines[ln - 1])
            if b <= a:                     # an empty span (a missing row): mark one character
                b = a + 1
            marks.setdefault(ln, []).append((a, b, f.severity, k))
    show = None
    if not full:
        show = set()
        for ln in set(ends) | set(marks):
            show.update(range(ln - CONTEXT, ln + CONTEXT + 1))
    w(f'<h3 id="{rid}-text">原文{"（节选：问题所在的行及前后各 %d 行）" % CONTEXT if show is not None else ""}</h3>'
      '<pre class="text">')
    skipped = 0
    for n, line in enumerate(lines, 1):
        if show is not None and n not in show:
            skipped += 1
            continue
        if skipped:
            w(f'<span class="gap">　⋯⋯ 省略 {skipped} 行 ⋯⋯</span>\n')
            skipped = 0
        w(f'<span class="no">{n}</span>{_highlight(line, marks.get(n), rid)}\n')
        for k, f in ends.get(n, ()):
            where = f"第 {f.line} 行" + (f"；{describe(f.place)}" if f.place else "")
            w(f'<span class="note sev-{f.severity}" id="{rid}-n{k}" role="note">{_sev(f.severity)} '
              f'<a href="#{rid}-f{k}">问题 {k}</a>（{escape(f.code)}，{escape(where)}）：{escape(f.message)}'
              f'{_expected(f).replace("<br>", " ")}</span>')
    if skipped:
        w(f'<span class="gap">　⋯⋯ 省略 {skipped} 行 ⋯⋯</span>\n')
    w("</pre>\n")


def _highlight(line: str, spans, rid: str) -> str:
    """The line escaped, with <mark> around each flagged stretch (the worst severity wins where
    spans overlap)."""
    if not spans:
        return escape(line)
    cuts = sorted({0, len(line)} | {min(max(a, 0), len(line)) for a, _, _, _ in spans}
                  | {min(max(b, 0), len(line)) for _, b, _, _ in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        seg = escape(line[a:b])
        on = [(s, k) for x, y, s, k in spans if x <= a and b <= y]
        if on:
            sev = min((s for s, _ in on), key=lambda s: SEV_RANK.get(s, 9))
            ks = "、".join(str(k) for _, k in on)
            out.append(f'<mark class="m-{sev}" title="问题 {ks}（{SEV_WORD.get(sev, sev)}）">{seg}</mark>')
        else:
            out.append(seg)
    if all(a >= len(line) for a, _, _, _ in spans):   # a span past the line's end (an empty line)
        sev = min((s for _, _, s, _ in spans), key=lambda s: SEV_RANK.get(s, 9))
        out.append(f'<mark class="m-{sev}" title="问题在此处">{SEV_SYMBOL.get(sev, "•")}</mark>')
    return "".join(out)
