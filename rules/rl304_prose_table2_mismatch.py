import re

from report_lint import prose
from report_lint.rule import Rule

_DIGIT = r"(?:共|为|了|计|共计)?(?=[\d一二两三四五六七八九十])"
_DOC = r"(?P<doc>行政规范性文件|规范性文件|政府规章|规章)"
# (pattern, what, a word every match holds): the text's own figures of what 表二 counts, with
# the verb that makes them decisions or documents of the agency (`公开行政处罚信息23条` is
# information published, not decisions taken, and is not matched); a pattern is tried only in
# a paragraph with its word
_PATTERNS = [
    (re.compile(rf"(?:制发|印发|出台|制定|发布实施|新制定){_DOC}(?:文件)?{_DIGIT}"), "issued", "规"),
    (re.compile(rf"废止(?:了)?{_DOC}?(?:文件)?{_DIGIT}"), "repealed", "废止"),
    (re.compile(rf"现行有效(?:的)?{_DOC}?(?:文件)?{_DIGIT}"), "in_force", "现行有效"),
    (re.compile(rf"{_DOC}(?:文件)?现行有效{_DIGIT}"), "in_force", "现行有效"),
    (re.compile(rf"(?:作出|办理|办结|审批|批准)(?:了)?(?P<item>行政许可)(?:决定|事项|申请|案件)?{_DIGIT}"), "decisions", "行政许可"),
    (re.compile(rf"(?:作出|办理|办结|查处|实施)(?:了)?(?P<item>行政处罚)(?:决定|案件)?{_DIGIT}"), "decisions", "行政处罚"),
    (re.compile(rf"(?:作出|实施|采取|办理)(?:了)?(?P<item>行政强制)(?:措施|决定|执行|案件)?{_DIGIT}"), "decisions", "行政强制"),
]
_ROW = {"规章": "row2_rules", "政府规章": "row2_rules", "行政许可": "row2_licensing",
        "行政处罚": "row2_penalty", "行政强制": "row2_coercion"}
_COL = {("2021", "issued"): "col2_issued", ("2021", "repealed"): "col2_repealed",
        ("2021", "in_force"): "col2_in_force", ("2021", "decisions"): "col2_decisions_2021",
        ("2019", "issued"): "col2_made", ("2019", "decisions"): "col2_decisions_2019"}
_WORD = {"issued": "本年制发", "repealed": "本年废止", "in_force": "现行有效", "decisions": "本年处理决定"}
_UNITS = ("件", "个", "项", "宗", "部", "份", "起")
_YEAR = re.compile(r"(?<!\d)(20\d\d)年")
_CUMULATIVE = re.compile(r"累计|历年|以来|共清理|清理")


_DOC_RE = re.compile(_DOC)
# a word every pattern holds: a paragraph without one is passed over in one search
_MENTIONS = re.compile(r"规|废止|现行有效|行政许可|行政处罚|行政强制")


def _row(template: str, m, before: str) -> str | None:
    """The 表二 row a match speaks of; `…制发规范性文件12件，废止3件`: the document named
    earlier in the sentence."""
    word = m.groupdict().get("doc") or m.groupdict().get("item")
    if word is None:
        docs = list(_DOC_RE.finditer(before))
        if not docs:
            return None
        word = docs[-1].group("doc")
    if word in ("行政规范性文件", "规范性文件"):
        return "row2_normative_2021" if template == "2021" else "row2_normative_2019"
    return _ROW[word]


class ProseTable2Mismatch(Rule, code="RL304", name="prose-table2-mismatch", severity="error",
                          title="正文与表二不符"):
    """正文中的文件件数与表二矛盾。

    A count stated in the text contradicts 表二.

    Section 一 often repeats 表二's figures: normative documents issued, repealed and in force
    (`全年制发行政规范性文件12件，废止3件`), and the decisions taken on 行政许可, 行政处罚 and
    行政强制 (`作出行政处罚决定1282件`). They must equal the table's cells (国办公开办函〔2021〕
    30号 表二: 本年制发件数, 本年废止件数, 现行有效件数, 本年处理决定数量; in the 2019 format 本年新制作
    数量 and 处理决定数量). As for 表三 (RL303), only the agency's own figures for the report
    year are compared: a figure for the whole region in a department's report (`全市共作出行政
    处罚…`), for 各部门, another year's, a cumulative count (`累计`, `清理`) or an approximate one
    (`余`, `近`) is left alone, and so is information merely published (`公开行政处罚信息23条`).
    A cell that could not be read is never compared.

    Bad (表二 行政处罚 本年处理决定数量 1282):

        本年度我局共作出行政处罚决定1228件。

    Good:

        本年度我局共作出行政处罚决定1282件。
    """

    def check(self, report):
        t2 = report.table("二")
        if t2 is None or not t2.cells or report.template not in ("2019", "2021"):
            return
        for b in prose.blocks(report):
            if not _MENTIONS.search(b.text):
                continue
            by_start = None         # the block's numbers by position, found at the first match
            for pat, what, word in _PATTERNS:
                if word not in b.text:
                    continue
                for m in pat.finditer(b.text):
                    if by_start is None:
                        by_start = {n.start: n for n in b.numbers}
                    n = by_start.get(m.end())
                    if n is None or not n.is_count or n.unit not in _UNITS:
                        continue
                    col = _COL.get((report.template, what))
                    if col is None:
                        continue
                    s, e = prose.sentence_bounds(b.text, m.start())
                    sentence = b.text[s:e]
                    if not prose.in_own_scope(report, sentence) or _CUMULATIVE.search(b.text[s:m.end()]):
                        continue
                    if report.year is not None and {int(y) for y in _YEAR.findall(sentence)} - {report.year}:
                        continue
                    row = _row(report.template, m, b.text[s:m.start()])
                    cell = t2.cell(row, col) if row else None
                    if cell is None or cell.kind != "number" or cell.value is None:
                        continue
                    stated = n.int_value
                    if stated == cell.value:
                        continue
                    end = n.end + len(n.unit)
                    yield self.finding(
                        report, prose.span(report, b, m.start(), end),
                        f"正文与表二不一致：正文写“{b.text[m.start():end]}”，但表二“{cell.row.name}”行"
                        f"“{cell.column.name}”栏为 {int(cell.value)}。同一事实正文和表格只能有一个数字，请核对哪一处有误。",
                        section=b.section_number, table="二", cell={"row": cell.row.name, "column": cell.column.name},
                        expected=int(cell.value), actual=stated)
