from report_lint.rule import Rule


class TableRowOrder(Rule, code="RL215", name="table-row-order", severity="warning", title="表格行序错误"):
    """规定表格的某一行不在规定的位置。

    A row of a mandated table stands out of the mandated order.

    The format fixes the order of every row of 表二, 表三 and 表四 (国办公开办函〔2019〕60号 and
    〔2021〕30号): readers compare reports row by row, and a supervising office adds them up
    across agencies by position. A row moved elsewhere still counts, so its numbers are read
    and checked; this finding names the row and the rows it belongs between. Rows moved
    together (a group such as （六）其他处理 with its three rows) are one finding. The rows that
    stay in order are the longest run of rows already in the mandated order; the others are
    the ones reported.

    Bad — 2021 表三 with （六）其他处理 after （七）总计:

        5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        （七）总计 | 5 | 0 | 0 | 0 | 0 | 0 | 5
        （六）其他处理
        1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0

    Good:

        5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        （六）其他处理
        1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        …
        （七）总计 | 5 | 0 | 0 | 0 | 0 | 0 | 5
    """

    def check(self, report):
        for t in report.tables:
            if t.layout is None or not t.has_numbers():
                continue
            rows = _rows_in_text_order(t)
            keep = _longest_increasing([i for i, _, _ in rows])
            moved = [k for k in range(len(rows)) if k not in keep]
            if not moved:
                continue
            label_span = _label_spans(t)
            for run in _runs(moved, rows):
                first, last = rows[run[0]][1], rows[run[-1]][1]
                idx = rows[run[0]][0]
                before = max((i for i, _, _ in rows if i < idx and not _in(run, rows, i)), default=None)
                after = min((i for i, _, _ in rows if i > rows[run[-1]][0] and not _in(run, rows, i)), default=None)
                what = f"「{first.name}」" if len(run) == 1 else f"从「{first.name}」到「{last.name}」这 {len(run)} 行"
                yield self.cell_finding(
                    report, t,
                    f"表{t.table}{what}的位置不对：规定格式中应放在{_between(t, before, after)}。"
                    f"请按规定格式的行序排列。",
                    first, span=label_span(*rows[run[0]][1:]), expected=_between(t, before, after))


def _rows_in_text_order(t):
    """(layout index, row, cells) of each row found in the text, by where it is written;
    cells: (the span of the row's first cell with one, the earliest start of its cells)."""
    found = []
    cells = t.cells
    for i, row in enumerate(t.layout.rows):
        first = None
        for col in row.cells:
            c = cells.get((row.id, col.id))
            if c is not None and c.span is not None:
                if first is None:
                    first, start = c.span, c.span.start
                elif c.span.start < start:
                    start = c.span.start
        if first is not None:
            found.append((start, i, row, first))
    found.sort(key=lambda x: x[0])
    return [(i, row, (first, start)) for start, i, row, first in found]


def _label_spans(t):
    """row, (first cell span, earliest start) → the span of the row's label, else its first
    cell (asked only of tables with a row out of order)."""
    import bisect
    labels = t.labels
    # the label of a row: its last label among those before the first label past the row's
    # first cell; indexed once per table (a scan of every label per row was quadratic)
    reach, furthest = [], -1     # reach[k]: the furthest label start among labels[:k + 1]
    at: dict[str, list[int]] = {}   # row id → indices of its labels
    for k, tok in enumerate(labels):
        furthest = max(furthest, tok.span.start)
        reach.append(furthest)
        for inf in tok.info["infos"]:
            ks = at.setdefault(inf.label.id, [])
            if not ks or ks[-1] != k:
                ks.append(k)

    def span(row, cells):
        first, start = cells
        ks = at.get(row.id)
        if ks:
            j = bisect.bisect_left(ks, bisect.bisect_right(reach, start)) - 1
            if j >= 0:
                return labels[ks[j]].span
        return first
    return span


def _longest_increasing(seq: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting, O(n log n))."""
    import bisect
    tails, tail_pos, prev = [], [], [-1] * len(seq)
    for k, v in enumerate(seq):
        j = bisect.bisect_left(tails, v)
        if j == len(tails):
            tails.append(v)
            tail_pos.append(k)
        else:
            tails[j], tail_pos[j] = v, k
        prev[k] = tail_pos[j - 1] if j else -1
    out, k = set(), tail_pos[-1] if tail_pos else -1
    while k >= 0:
        out.add(k)
        k = prev[k]
    return out


def _runs(moved: list[int], rows) -> list[list[int]]:
    """Moved rows adjacent in the text and consecutive in the layout: moved together."""
    runs: list[list[int]] = []
    for k in moved:
        if runs and runs[-1][-1] == k - 1 and rows[k][0] == rows[k - 1][0] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _in(run, rows, i) -> bool:
    return any(rows[k][0] == i for k in run)


def _between(t, before, after) -> str:
    rows = t.layout.rows
    if before is not None and after is not None:
        return f"「{rows[before].name}」之后、「{rows[after].name}」之前"
    if before is not None:
        return f"「{rows[before].name}」之后"
    return f"「{rows[after].name}」之前"
