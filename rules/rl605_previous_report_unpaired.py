from report_lint.years import YearRule


class PreviousReportUnpaired(YearRule, code="RL605", name="previous-report-unpaired", severity="info",
                             title="未配对上年报告"):
    """无法确定上一年度的报告，或指定的并非本机关上一年度的报告。

    Last year's report could not be told, or the one named is not last year's of this agency.

    Checks across years (RL601–RL604) compare a report with last year's report of the same
    agency. In a batch the reports pair themselves by agency (the name in the title, brackets,
    spaces and a trailing 人民政府/管委会 aside) and consecutive years; where two reports of the
    year before would fit (a draft and the final version, or two agencies whose names normalise
    alike), none is taken — a wrong pair would give wrong errors — and this note says so. With
    `--previous FILE`, it notes a file of another year than the one before (its carry-over is
    not compared; its text is) or of another agency.

    Bad: `2023/报告.txt` and `2023/报告-终稿.txt` both 平潭综合实验区 2023, next to its 2024 report.

    Good: one report per agency and year in the batch, or `--previous` naming the one.
    """

    def compare(self, pair):
        note = pair.note
        if not note:
            return
        cur = pair.cur.profile
        if note.startswith("ambiguous:"):
            paths = note.split(":", 1)[1].split("\0")
            yield self.finding_at(
                cur.anchor,
                f"找到 {len(paths)} 份可能是上一年度（{cur.year - 1} 年度）的同一机关报告：{'、'.join(paths)}。"
                "无法确定哪一份是上一年度的报告，因此没有做跨年度比对（结转数、现行有效件数、文字重复）。"
                "请只保留一份，或用 --previous 指定。")
            return
        prev = pair.prev.profile
        if note == "apart":
            yield self.at(
                cur.anchor,
                f"指定的上一年度报告（{pair.prev_name}）是 {prev.year} 年度的，与本报告（{cur.year} 年度）"
                "不是相邻年度：只比较文字重复，不比较表三结转数和表二现行有效件数。", pair)
        elif note == "other-agency":
            yield self.at(
                cur.anchor,
                f"指定的上一年度报告（{pair.prev_name}）是“{prev.agency}”的报告，本报告是“{cur.agency}”的："
                "跨年度比对的前提是同一机关，请确认。", pair)
