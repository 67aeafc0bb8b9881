from report_lint import agency
from report_lint.model import Span
from report_lint.rule import Rule

CANONICAL = "政府信息公开工作年度报告"


def title_span(report, t, start: int | None = None, end: int | None = None) -> Span:
    """Original span of ``t.text[start:end]`` (the part on the title's first line)."""
    p = t.block
    if p.offset is None:
        return p.span
    first_line = t.end - t.start
    s = t.start + min(start or 0, first_line - 1)
    e = t.start + min(end if end is not None else first_line, first_line)
    nt = report.normalised
    return Span(nt.to_orig(p.offset + s), nt.to_orig(p.offset + max(e, s + 1) - 1) + 1)


class TitleWording(Rule, code="RL411", name="title-wording", severity="warning", title="报告标题不规范"):
    """报告标题的写法与规定的“XX年政府信息公开工作年度报告”不一致。

    The report's title is not `（机关名称）YYYY年（度）政府信息公开工作年度报告`.

    The report is published under the name the format itself bears (《中华人民共和国政府信息
    公开工作年度报告格式》, 国办公开办函〔2019〕60号 and 〔2021〕30号): the agency's name, the
    report year, then `政府信息公开工作年度报告`. The scoring sheets that supervising offices
    and third-party evaluators publish take points off a title that calls it a 工作报告, a
    年报 or a 政务公开 report, or leaves out who reports or for which year: on a portal
    listing hundreds of reports, the title is how a reader finds this agency's report for this
    year. Whether the title's year agrees with the statistics period is RL403's. A report whose
    text carries no title line (a scraped page keeps it outside the text) is not judged.

    Bad:

        XX局2023年政府信息公开工作报告
        2023年度政府信息公开工作年度报告

    Good:

        XX局2023年度政府信息公开工作年度报告
    """

    def check(self, report):
        t = agency.title(report)
        if t is None:
            return
        parts = agency.split_title(t.text)
        if parts.wording != CANONICAL:
            if "工作报告" in parts.wording and "年度报告" not in parts.wording:
                why = "把“工作年度报告”写成了“工作报告”"
            elif parts.wording.startswith(CANONICAL):
                why = f"在“{CANONICAL}”后多了“{parts.wording[len(CANONICAL):]}”"
            else:
                why = f"写成了“{parts.wording}”"
            yield self.finding(
                report, title_span(report, t, parts.wording_start),
                f"标题措辞不规范：{why}。标题应为“（机关名称）YYYY年（度）{CANONICAL}”，"
                f"与年度报告格式的名称一致。", expected=CANONICAL, actual=parts.wording)
        if parts.year is None:
            yield self.finding(
                report, title_span(report, t),
                f"标题没有写报告年度：“{t.text}”。标题应写明是哪一年的报告，如“XX局2024年度{CANONICAL}”。",
                actual=t.text)
        if not parts.agency:
            yield self.finding(
                report, title_span(report, t),
                f"标题没有写机关名称：“{t.text}”。标题应以发布报告的机关名称开头，"
                f"如“XX局{parts.year or 'YYYY'}年度{CANONICAL}”，读者才能在众多报告中认出本机关的报告。",
                actual=t.text)
