"""Third-party rules arrive through the entry-point group `report_lint.rules`."""
import json
import textwrap

from conftest import seed


def _install_plugin(tmp_path):
    pkg = tmp_path / "site"
    (pkg / "rl_plugin_demo").mkdir(parents=True)
    (pkg / "rl_plugin_demo" / "__init__.py").write_text(textwrap.dedent('''
        from report_lint.model import Span
        from report_lint.rule import Rule

        class NoSignature(Rule):
            """The report names no 联系电话.

            A demo third-party rule. Bad: no phone number. Good: 联系电话 0000-1234567.
            """
            code = "RLX901"
            name = "no-contact-phone"
            severity = "warning"

            def check(self, report):
                if "联系电话" not in report.text.compact:
                    yield self.finding(report, Span(0, 0), "报告没有写联系电话。")
    '''), encoding="utf-8")
    dist = pkg / "rl_plugin_demo-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: rl-plugin-demo\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[report_lint.rules]\ndemo = rl_plugin_demo\n")
    return {"PYTHONPATH": str(pkg)}


def test_plugin_rule_is_listed_and_runs(cli, tmp_path):
    env = _install_plugin(tmp_path)
    rows = json.loads(cli("rules", "--format", "json", env=env).stdout)
    assert any(r["code"] == "RLX901" and r["name"] == "no-contact-phone" for r in rows)
    p = cli("--format", "json", "--select", "RLX901", seed("001"), env=env)
    findings = json.loads(p.stdout)["files"][0]["findings"]
    assert [f["code"] for f in findings] == ["RLX901"]
    assert cli("rule", "no-contact-phone", env=env).returncode == 0


def test_without_plugin_the_rule_is_unknown(cli):
    assert cli("--select", "RLX901", seed("001")).returncode == 2
