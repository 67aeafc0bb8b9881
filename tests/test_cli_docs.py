"""Rules, explained: `report-lint rules` / `rule`, and the README's rule table generated from
the rules' own metadata. If this test fails after adding a rule, regenerate the table:

    .venv/bin/python -m report_lint.docs --write README.md
"""
import json

import pytest

from click.testing import CliRunner

from conftest import ROOT
from report_lint import docs
from report_lint.cli import cli
from report_lint.registry import all_rules


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_readme_rule_table_is_generated():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert docs.readme_table(readme) == docs.rules_table(), \
        "README rule table is stale: run `.venv/bin/python -m report_lint.docs --write README.md`"


def test_generator_replaces_only_the_block():
    text = f"intro\n{docs.START}\nold\n{docs.END}\noutro\n"
    new = docs.replace_table(text, "| t |\n")
    assert new == f"intro\n{docs.START}\n| t |\n{docs.END}\noutro\n"
    assert docs.replace_table(new, "| t |\n") == new


def test_rules_lists_every_rule_in_every_format():
    rules = all_rules()
    rows = json.loads(run("rules", "--format", "json").stdout)
    assert [r["code"] for r in rows] == [r.code for r in rules]
    assert all(r["summary"] and r["severity"] in ("error", "warning", "info") for r in rows)
    text = run("rules").stdout.splitlines()
    assert len(text) == len(rules) and all(l.split()[0] == r.code for l, r in zip(text, rules))
    assert run("rules", "--format", "markdown").stdout == docs.rules_table()


def test_rule_by_code_and_name_prints_the_docstring():
    for r in all_rules():
        by_code, by_name = run("rule", r.code).stdout, run("rule", r.name).stdout
        assert by_code == by_name
        assert by_code.startswith(f"{r.code} {r.title}（{r.name}），级别：") and r.summary() in by_code
    assert CliRunner().invoke(cli, ["rule", "no-such-rule"]).exit_code == 2


def test_pre_commit_hook_definition():
    import re
    import tomllib
    from conftest import seed
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    fields = dict(re.findall(r"^-? *(\w+): (.+)$", text, re.M))
    assert fields["id"] == "report-lint" and fields["language"] == "python"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert fields["entry"] in scripts
    files = re.compile(fields["files"])
    for name in ("reports/2024年报.txt", "a.md", "a.docx", "a.doc", "a.wps", "a.pdf", "a.html", "a.htm"):
        assert files.search(name), name     # every kind report-lint reads (report_lint.files)
    assert not files.search("a.png") and not files.search("a.txt.bak")
    from report_lint.files import EXTENSIONS
    assert all(files.search("a" + ext) for ext in EXTENSIONS)
    args = re.findall(r"[^\[\], ]+", fields["args"])
    r = CliRunner().invoke(cli, [*args, str(seed("001"))])
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0].startswith(f"{seed('001')}:10:1: RL107 [error] ")   # concise


HAN = __import__("re").compile(r"[\u4e00-\u9fff]")


def test_every_rule_has_a_chinese_title_and_summary():
    """A clerk reads the rule's Chinese name and a Chinese summary first; the English follows."""
    for r in all_rules():
        assert r.title and HAN.search(r.title), r.code
        assert HAN.search(r.summary()), (r.code, r.summary())
    titles = [r.title for r in all_rules()]
    assert len(set(titles)) == len(titles)


@pytest.mark.parametrize("command", ["", "check", "extract", "rules", "rule", "config", "template", "text",
                                     "summary", "serve"])
def test_help_is_chinese(command):
    r = CliRunner().invoke(cli, [*command.split(), "--help"])
    assert r.exit_code == 0
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "[OPTIONS]", "required]", " TEXT ",
                    " PATH", " FILE ", "INTEGER", "(write to"):
        assert english not in r.stdout, (command, english)
    assert "用法：" in r.stdout and "显示本帮助并退出" in r.stdout
    for line in r.stdout.splitlines():   # every option is explained in Chinese
        if line.lstrip().startswith("-") and "  " in line.strip():
            assert HAN.search(line), line


def test_no_argument_shows_the_commands_as_a_user_runs_it(cli):
    p = cli()
    out = p.stdout.decode()
    assert p.returncode == 2 and "命令:" in out and "\n  template" in out and "\\n" not in out + p.stderr.decode()


def test_no_argument_shows_the_commands():
    r = CliRunner().invoke(cli, [])
    assert r.exit_code == 2
    assert "命令" in r.output and "template" in r.output and "请指定要检查的文件" not in r.output


@pytest.mark.parametrize("args,words", [
    (["--formt", "json", "a.txt"], ["没有选项 '--formt'", "是不是"]),
    (["--format", "foo", "a.txt"], ["取值无效", "不是可用的取值"]),
    (["--year", "abc", "a.txt"], ["取值无效"]),
    (["rule"], ["缺少参数"]),
    (["--select", "tabel-missing", "a.txt"], ["未知的规则", "是不是 `table-missing`"]),
    (["--ignore", "rl10x7", "a.txt"], ["未知的规则"]),
])
def test_usage_errors_are_chinese(args, words):
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 2
    assert "错误：" in r.output and "Error:" not in r.output and "Try '" not in r.output
    for w in words:
        assert w in r.output, (w, r.output)


def test_full_header_names_the_rule_in_chinese():
    from conftest import seed
    r = CliRunner().invoke(cli, ["--format", "full", str(seed("001"))])
    assert f"RL107 错误 缺少表格 table-missing" in r.stdout


def test_documentation_stands_alone():
    """Rule docs, grammar comments and READMEs cite the public notices and the repository's own
    files: never a document outside the repository nor a corpus seed by number."""
    import re
    pattern = re.compile(r"report-format|engineering-notes|\bseeds? \d{3}\b|\.\./shared|§\d")
    paths = [*ROOT.glob("rules/*.py"), *ROOT.glob("linter/**/*.py"), *ROOT.glob("grammar/*"),
             ROOT / "README.md", *ROOT.glob("docs/*.md"), ROOT / "examples" / "README.md"]
    bad = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in paths if p.is_file()
           for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
           if pattern.search(line.replace("DB51/T 2660—2019 §2.1", ""))]
    assert not bad, "\n".join(bad)


def test_installation_docs_say_what_works():
    """report-lint is not on PyPI and no release is tagged: the docs install it from the
    repository and pin pre-commit to a commit or a branch; the usage section says how to reach
    the command in the virtual environment, on Windows too."""
    import re
    import subprocess
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    actions = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    for text in (readme, actions, hooks):
        assert not re.search(r"pip install (-U )?report-lint\b", text)
    tags = subprocess.run(["git", "tag", "-l"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    for text in (readme, hooks):
        revs = re.findall(r"^[ #]*rev: *(\S+)", text, re.M)
        assert revs
        for rev in revs:
            assert rev in tags or re.fullmatch(r"[0-9a-f]{40}|<.*", rev), rev
    assert re.search(r'pip install "git\+\$\{REPORT_LINT_GIT\}@\$\{REPORT_LINT_REV\}"', actions)
    usage = readme[readme.index("## Use"):readme.index("Options of")]
    assert ". .venv/bin/activate" in usage and ".venv\\Scripts\\report-lint" in usage
