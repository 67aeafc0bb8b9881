import re

from report_lint.rule import Rule

_END = re.compile(r"[。!?！？]")


class Section5Perfunctory(Rule, code="RL407", name="section5-perfunctory", severity="warning",
                          title="第五部分敷衍"):
    """第五部分没有实际内容：只有“无”，或只有一句话。

    Section 五 says nothing: only `无`, or a single sentence.

    Section 五 (存在的主要问题及改进情况) must state the agency's problems in its information
    disclosure work and what it does about them (条例 第五十条(四)). A section that says
    only `无` or one general sentence is what the 国办公开办函〔2021〕30号 calls 敷衍塞责
    (三(四), grounds for accountability), and what third-party evaluators mark down
    ("section 五 specific, not generic").

    Bad:

        五、存在的主要问题及改进情况
        无。

    Good:

        五、存在的主要问题及改进情况
        （一）存在的主要问题：一是政策解读形式不够丰富……二是……
        （二）改进措施：一是……二是……
    """

    def check(self, report):
        for sec in report.sections_numbered("五")[:1]:
            body = sec.body_text().strip()
            if not body:
                continue        # an empty section is RL106's
            sentences = [s for s in _END.split(body) if s.strip()]
            if re.fullmatch(r"[无無暂没有。.\s]*", body) or (len(sentences) <= 1 and len(body) < 80):
                yield self.finding(
                    report, sec.heading,
                    f"第五部分过于简单：只写了“{body[:40]}”。这一部分应具体说明本机关政府信息公开工作存在的"
                    "主要问题和改进措施，不宜只写“无”或一句套话。",
                    section="五", actual=body[:80])
