from report_lint.rule import Rule


class TableHeaderMissing(Rule, code="RL203", name="table-header-missing", severity="warning", title="缺少表头"):
    """规定表格的列标题缺失或残缺。

    A column header of a mandated table is missing or garbled.

    The format prints fixed column headers (表三: 自然人, 商业企业, 科研机构, 社会公益组织,
    法律服务机构, 其他, 总计; 表四: 行政复议, 未经复议直接起诉, 复议后起诉 and the five
    outcomes). Without them a reader cannot tell which number is which
    (PDF extractions replace them with `数据1 … 数据6`, examples/real/008.txt). The cells are still read by
    their position in the format, so this is a warning naming the expected headers — one
    finding for all the headers a table lacks.

    Bad:

        | 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |

    Good:

        | 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
    """

    def check(self, report):
        missing: dict[int, tuple] = {}           # one finding per table, naming every header
        for t, n in report.notes("missing_header"):
            missing.setdefault(id(t), (t, []))[1].append(n)
        for t, notes in missing.values():
            names = "」「".join(n.label.canonical for n in notes)
            what = f"栏目名「{names}」" if len(notes) == 1 else f" {len(notes)} 个栏目名「{names}」"
            yield self.cell_finding(
                report, t,
                f"表{t.table}缺少{what}（或栏目名已损坏）：按规定格式的位置读取了数据，请核对并补全表头。",
                span=notes[0].span, expected="、".join(n.label.canonical for n in notes))
