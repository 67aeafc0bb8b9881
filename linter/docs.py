"""Documentation generated from the rules themselves: the README's rule table.

    python -m report_lint.docs            # print the table
    python -m report_lint.docs --write    # regenerate it in README.md (between the markers)
    report-lint rules --format markdown   # the same table

tests/test_cli_docs.py fails when README.md's table differs from the generated one.
"""
from __future__ import annotations

import sys
from pathlib import Path

START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def rules_table() -> str:
    from report_lint.registry import all_rules

    lines = ["| code | 名称 | name | severity | 检查什么 (what it checks) |", "|---|---|---|---|---|"]
    lines += [f"| {r.code} | {r.title} | {r.name} | {r.severity} | {_cell(r.summary())} |" for r in all_rules()]
    return "\n".join(lines) + "\n"


def replace_table(readme: str, table: str | None = None) -> str:
    table = rules_table() if table is None else table
    head, sep, rest = readme.partition(START)
    if not sep or END not in rest:
        raise ValueError(f"README has no {START} … {END} block")
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table}{END}{tail}"


def readme_table(readme: str) -> str:
    _, _, rest = readme.partition(START)
    return rest.partition(END)[0].lstrip("\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--write"]:
        path = Path(argv[1]) if len(argv) > 1 else Path("README.md")
        text = path.read_text(encoding="utf-8")
        new = replace_table(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"updated {path}")
        return 0
    sys.stdout.write(rules_table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
