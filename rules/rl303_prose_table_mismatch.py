from report_lint import prose
from report_lint.rule import Rule

_LEGAL = ("col3_business", "col3_research", "col3_welfare", "col3_legal_service", "col3_other")
_COL = {"col3_natural": "自然人", "col3_business": "商业企业", "col3_research": "科研机构",
        "col3_welfare": "社会公益组织", "col3_legal_service": "法律服务机构", "legal": "法人或其他组织"}


def _best(tables):
    tables = [t for t in tables if t.cells]
    if not tables:
        return None
    return max(tables, key=lambda t: sum(1 for c in t.cells.values() if c.value is not None))


def _v(table, row, col):
    if table is None:
        return None
    c = table.cell(row, col)
    if c is None or c.kind != "number" or c.value is None or c.value != int(c.value):
        return None
    return int(c.value)


def _sum(*vals):
    return None if any(v is None for v in vals) else sum(vals)


def _col(table, row, col):
    if col == "legal":
        return _sum(*(_v(table, row, c) for c in _LEGAL))
    return _v(table, row, col)


def _name(table, row, col):
    c = table.cell(row, col) if table is not None else None
    return f"“{c.row.name}”行“{c.column.name}”栏" if c is not None else row


class ProseTableMismatch(Rule, code="RL303", name="prose-table-mismatch", severity="error", title="正文与表格不符"):
    """正文中的数字与表三或表四矛盾。

    A figure stated in the text contradicts 表三 or 表四.

    The text of section 一 usually repeats the key figures of the tables: applications
    received (`共受理依申请公开554件（含上一年结转1件）`), per applicant type (`其中自然人531件`),
    handled (`办理完成543件`), carried forward (`结转下一年11件`), administrative reviews and
    lawsuits. They must equal the table: received = 本年新收 (or
    本年新收 + 上年结转) 总计; handled = （七）总计; carried forward = 四、结转下年度继续办理;
    an applicant type = its column; reviews = 行政复议 总计; lawsuits = 未经复议直接起诉 +
    复议后起诉 总计. A text that says no review or lawsuit occurred while 表四 records cases is
    wrong in one place or the other.

    Only the agency's own figures for the report year are compared: a city-wide figure (`全市`)
    in a department's report, figures of `各部门` or `市直部门`, figures of another year and
    approximate figures (`余`, `近`) are left alone. A table cell that could not be read is
    never compared.

    Bad (表三 本年新收 总计 553, 上年结转 1):

        全市共受理依申请公开555件（含上一年结转1件），办理完成543件。

    Good:

        全市共受理依申请公开554件（含上一年结转1件），办理完成543件。
    """

    def check(self, report):
        sts = prose.statements(report)
        if not sts:
            return
        t3 = _best(report.tables_named("三"))
        t4 = _best(report.tables_named("四"))
        for st in sts:
            got = self._compare(st, t3, t4)
            if got is None:
                continue
            table, accepted, says = got
            if not accepted or any(a is None for a in accepted):
                continue
            stated = st.number.int_value if st.number is not None else 0
            if stated in accepted:
                continue
            text = st.block.text[st.start:st.end]
            if st.number is None:
                msg = f"正文与表{table}不一致：正文说“{text}”，但{says}。请核对哪一处有误。"
            else:
                msg = (f"正文与表{table}不一致：正文写“{text}”，但{says}。"
                       "同一事实正文和表格只能有一个数字，请核对哪一处有误。")
            yield self.finding(report, prose.span(report, st.block, st.start, st.end), msg,
                               section=st.block.section_number, table=table, expected=accepted[0], actual=stated)

    def _compare(self, st, t3, t4):
        k = st.kind
        if k in ("received", "applicant"):
            c = "col3_total" if k == "received" else st.column
            r1, r2 = _col(t3, "row3_new", c), _col(t3, "row3_carried_over", c)
            if r1 is None:
                return None
            col = "总计" if k == "received" else _COL[c] + ("各栏之和" if c == "legal" else "")
            says = f"表三“一、本年新收政府信息公开申请数量”的{col}为 {r1}"
            if r2:
                says += f"，加上“二、上年结转”为 {r1 + r2}"
                return "三", [r1, r1 + r2], says
            if r2 is None and k == "received":
                return "三", [r1], says
            return "三", [r1], says
        rows = {"carried_over": "row3_carried_over", "handled": "row3_total", "carried_forward": "row3_carried_forward"}
        if k in rows:
            v = _v(t3, rows[k], "col3_total")
            return "三", [v], f"表三{_name(t3, rows[k], 'col3_total')}为 {v}"
        if k in ("review", "no_review"):
            v = _v(t4, "row4_review", "col4_total")
            return "四", [v], f"表四“行政复议”的“总计”为 {v}"
        if k in ("lawsuit", "no_lawsuit"):
            d, a = _v(t4, "row4_direct", "col4_total"), _v(t4, "row4_after_review", "col4_total")
            both = _sum(d, a)
            says = f"表四“行政诉讼”的“总计”（未经复议直接起诉 {d} + 复议后起诉 {a}）为 {both}"
            return "四", [both] + ([d] if k == "lawsuit" and d is not None and d != both else []), says
        return None
