from report_lint.rule import Rule

_NAMES = {"2019": "2019年版格式（国办公开办函〔2019〕60号，适用于2019、2020年度报告）",
          "2021": "2021年版格式（国办公开办函〔2021〕30号，适用于2021年度起的报告）"}


class TableFormatMismatch(Rule, code="RL201", name="table-format-mismatch", severity="error", title="表格版本不符"):
    """表格用的是另一版全国格式，与报告年度要求的不一致。

    A table follows the other version of the national format than the report's year requires.

    Reports on 2019 and 2020 use the tables of 国办公开办函〔2019〕60号; reports from 2021 on
    use those of 〔2021〕30号 (the notices' annexed tables). The versions differ in 表二 (2019:
    本年新制作数量 / 本年新公开数量 / 对外公开总数量 and the （九） block; 2021: 本年制发件数 /
    本年废止件数 / 现行有效件数) and in 表三's （六）其他处理 (one row in 2019, three rows in 2021).
    An agency that copies last year's template across the change publishes the wrong table.
    The table's own labels tell its version; the finding names both versions.

    Bad — a 2021 report with the 2019 表二:

        第二十条第（一）项
        信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量

    Good:

        第二十条第（一）项
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
    """

    def check(self, report):
        if report.template not in _NAMES or report.template_source == "tables":
            return
        for t in report.tables:
            if t.template is None or t.template == report.template or not (t.has_numbers() or t.labels):
                continue
            yield self.cell_finding(
                report, t,
                f"表{t.table}按{_NAMES[t.template]}填写，但本报告（{report.year or ''}年度）应使用"
                f"{_NAMES[report.template]}。请换用正确版本的表格。",
                span=t.span, expected=report.template, actual=t.template)
