from report_lint.years import YearRule

WARN, NOTE = 50, 30        # per cent of a section's text repeated from last year's report
MAIN = ("一", "五")         # the sections reviewers read for copying
MIN_MAIN, MIN_OTHER = 60, 300   # masked characters: below them a section is too short to judge
_ORD = {"一": "第一部分", "二": "第二部分", "三": "第三部分", "四": "第四部分", "五": "第五部分", "六": "第六部分"}


class CopiedText(YearRule, code="RL603", name="copied-text", severity="warning", title="沿用上年文字"):
    """某一部分大量重复上一年度报告的文字。

    A section repeats last year's report: 50 % of its text or more (a warning), 30 % or more (a note).

    The scoring sheets of supervising offices take points off a report whose text repeats last
    year's (`与往年内容雷同`; a department's report repeating more than half of last year's
    loses its points for content): section 一 (总体情况) should say what was done this year, and
    section 五 (存在的主要问题及改进情况) what was found and fixed this year (条例 第五十条;
    国办公开办函〔2021〕30号 三 calls such reports 敷衍塞责). The share is measured after masking
    years and figures — a report that is last year's with its years moved on scores about 100 % —
    as the part of the section's text whose phrases, two at a time, also occur anywhere in last
    year's report. Sections 一 and 五 are judged from 60 characters of text, the others only from 300
    (sections 二–四 are mostly tables, and 六 often one fixed sentence).

    Bad: 第一部分有 72% 的文字与上一年度报告相同.

    Good: section 一 written anew for the year: what was published, which platforms changed,
    what the training covered, in this year's terms.
    """

    def compare(self, pair):
        from report_lint.shingles import share

        cur, prev = pair.cur.profile, pair.prev.profile if pair.prev is not None else None
        if prev is None:
            return
        before = frozenset(h for s in prev.sections.values() for h in s.hashes)
        if not before:
            return
        for numeral, sec in cur.sections.items():
            if sec.chars < (MIN_MAIN if numeral in MAIN else MIN_OTHER):
                continue
            pct = int(share(sec.hashes, sec.weights, before) * 100)
            if pct < NOTE:
                continue
            yield self.at(
                sec.heading,
                f"{_ORD.get(numeral, numeral)}有 {pct}% 的文字与上一年度报告相同（{pair.prev_name}"
                f"{f'，{prev.year} 年度' if prev.year else ''}；年份和数字不计）。年度报告应写本年度的"
                "工作，请按本年度的实际情况重写，不要沿用上一年度的文字。",
                pair, section=numeral, severity="warning" if pct >= WARN else "info",
                actual=pct)
