import re

from report_lint.years import YearRule, consecutive

_HAN = re.compile(r"[\u4e00-\u9fff]+")
# phrases every section 五 uses: sharing them says nothing about a particular problem
_GENERIC = ("政府信息公开工作政务公开工作信息公开工作存在的主要问题及改进情况主要问题改进措施进一步加强"
            "进一步提高进一步完善进一步提升进一步深化有待提高有待加强有待进一步还不够不够到位需要进一步"
            "仍需进一步我局我委我办我区我市我县我镇本机关工作人员政府信息公开政务公开信息公开")
MIN_SHARED = 2          # distinctive 3-character phrases a problem must share to count as taken up


def _trigrams(text: str) -> set[str]:
    return {run[i:i + 3] for run in _HAN.findall(text) for i in range(len(run) - 2)}


_STOP = _trigrams(_GENERIC)


class PreviousProblemsIgnored(YearRule, code="RL604", name="previous-problems-ignored", severity="info",
                              title="未回应上年问题"):
    """上一年度报告第五部分提出的问题，本年度一个也没有提及。

    None of the problems last year's report named in section 五 is taken up this year.

    Section 五 (存在的主要问题及改进情况) is read as a follow-up: what last year's report named as
    problems (`政策解读形式单一`, `部分信息更新不及时`) should reappear in this year's account of
    what was done about them (整改情况). With last year's report at hand this rule reads the
    problems its section 五 listed (the clauses that say something falls short, before the
    remedies) and looks for each in this year's section 五 by its distinctive phrases; when not
    one of them is mentioned, a note (info), as for RL408 (whether 国办公开办函〔2021〕30号 makes
    the follow-up compulsory is not settled). Only for consecutive years.

    Bad (2021's 五: 政策解读形式不够丰富; 2022's 五 speaks only of new problems):

        五、存在的主要问题及改进情况
        一是重大行政决策预公开程度需进一步加强……

    Good:

        五、存在的主要问题及改进情况
        针对上年度报告指出的政策解读形式不够丰富的问题，本年度制作图解解读12篇……
    """

    def compare(self, pair):
        if not consecutive(pair):
            return
        cur, prev = pair.cur.profile, pair.prev.profile
        if not prev.problems or "五" not in cur.sections or not cur.five.strip():
            return
        now = _trigrams(cur.five) - _STOP
        for problem in prev.problems:
            if len((_trigrams(problem) - _STOP) & now) >= MIN_SHARED:
                return
        listed = "；".join(f"“{p[:40]}”" for p in prev.problems[:3])
        yield self.at(
            cur.sections["五"].heading,
            f"第五部分没有提到上一年度报告（{pair.prev_name}）所列的问题：{listed}"
            f"{'等' if len(prev.problems) > 3 else ''}。建议说明这些问题本年度的整改情况。",
            pair, section="五")
