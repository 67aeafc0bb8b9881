"""`report-lint template --year YYYY`: the blank mandated skeleton, generated from the grammar,
must be a report that report-lint itself reads completely and finds nothing structural in —
except that its prose sections are still to be written: the placeholder is an empty section
(RL106), so an unfilled template never passes."""
import pytest
from click.testing import CliRunner

from report_lint.cli import cli
from report_lint.grammar import layout
from report_lint.lint import Options, lint_source
from report_lint.read import Source
from report_lint.registry import all_rules


def template(year: int) -> str:
    r = CliRunner().invoke(cli, ["template", "--year", str(year)], catch_exceptions=False)
    assert r.exit_code == 0
    return r.stdout


@pytest.fixture(scope="module", params=[2019, 2020, 2021, 2024])
def linted(request):
    year = request.param
    text = template(year)
    return year, text, lint_source(Source(f"template-{year}.txt", text, "utf-8"), Options(), list(all_rules()))


def test_year_format_and_sections(linted):
    year, _, res = linted
    report = res.report
    assert (report.year, report.template) == (year, "2019" if year <= 2020 else "2021")
    assert [s.number for s in report.sections] == list("一二三四五六")
    assert all(s.exact_title for s in report.sections)


def test_no_structural_error_but_the_sections_to_write(linted):
    _, _, res = linted
    structural = [f for f in res.findings if f.code.startswith("RL1") or f.severity == "error"]
    assert [(f.code, f.section) for f in structural] == [("RL106", "一"), ("RL106", "五"), ("RL106", "六")]
    assert all("占位文字" in f.message for f in structural)


def test_the_unfilled_template_fails(tmp_path):
    path = tmp_path / "年报.txt"
    path.write_text(template(2024), encoding="utf-8")
    r = CliRunner().invoke(cli, ["--format", "concise", str(path)])
    assert r.exit_code == 1 and r.stdout.count("RL106") == 3


@pytest.mark.parametrize("table", ["二", "三", "四"])
def test_every_cell_found(linted, table):
    _, _, res = linted
    tables = res.report.tables_named(table)
    assert len(tables) == 1
    t = tables[0]
    assert t.section is not None and t.section.number == table
    assert len(t.cells) == t.layout.cell_count > 0
    assert {(c.kind, c.value) for c in t.cells.values()} == {("number", 0)}
    assert {(r.id, c.id) for r in t.layout.rows for c in r.cells} == set(t.cells)


def test_every_label_of_the_grammar_is_printed(linted):
    year, text, _ = linted
    fmt = "2019" if year <= 2020 else "2021"
    lines = text.splitlines()
    for sec in layout().sections:
        assert sec.label.canonical in lines
        if sec.table:
            for kind, label in layout().table(sec.table, fmt).labels():
                assert label.canonical in text, (kind, label)


def test_table_four_prints_one_row_of_all_numbers(linted):
    year, text, _ = linted
    tl = layout().table("四", "2019" if year <= 2020 else "2021")
    zero_rows = [l for l in text.splitlines() if l and set(l) <= set("0 |")]
    assert zero_rows == [" | ".join(["0"] * tl.cell_count)] and tl.cell_count == 15


def test_template_to_file_and_years_without_a_format(tmp_path):
    out = tmp_path / "t.txt"
    r = CliRunner().invoke(cli, ["template", "--year", "2024", "-o", str(out)])
    assert r.exit_code == 0 and out.read_text(encoding="utf-8") == template(2024)
    assert CliRunner().invoke(cli, ["template", "--year", "2018"]).exit_code == 2
    assert CliRunner().invoke(cli, ["template"]).exit_code == 2


def test_table3_rows_in_the_printed_order():
    """Each group header stands before its own rows: 2021's （六）其他处理 before its 1.–3.,
    and （七）总计 and 四、结转 last, as in the official template."""
    from report_lint.template import table_lines

    lines = [line.split(" | ")[0] for line in table_lines("三", "2021")]
    assert lines.index("（六）其他处理") < lines.index("3.其他") < lines.index("（七）总计") \
        < lines.index("四、结转下年度继续办理") == len(lines) - 1
    assert lines.index("三、本年度办理结果") == lines.index("（一）予以公开") - 1


@pytest.mark.parametrize("year", [2020, 2024])
def test_word_template_reads_back_with_every_cell_and_only_its_sections_to_write(cli, tmp_path, year):
    from report_lint.extract import records
    from report_lint.lint import Options, build_report, lint_path
    from report_lint.read import read_source
    from report_lint.registry import all_rules

    out = tmp_path / "模板.docx"
    r = cli("template", "--year", year, "--format", "docx", "-o", out)
    assert r.returncode == 0, r.stderr
    recs = records(build_report(read_source(str(out))))
    fmt = "2019" if year == 2020 else "2021"
    lay = layout()
    want = sum(len(row.cells) for t in "二三四" for row in lay.table(t, fmt).rows)
    assert len(recs) == want and {(x["kind"], x["value"]) for x in recs} == {("number", 0)}
    findings = lint_path(str(out), Options(), list(all_rules())).findings
    # the sections to write still hold the placeholder: empty sections, as in the text template
    assert [(f.code, f.section) for f in findings if f.code[:3] in ("RL1", "RL2")] == \
        [("RL106", "一"), ("RL106", "五"), ("RL106", "六")]


def test_word_template_has_the_official_templates_grids(tmp_path):
    """2021: 表二 14 × 4, 表三 28 × 10, 表四 4 × 15, merged as in the official template."""
    import docx

    from report_lint.template_docx import write_template

    write_template(2024, str(tmp_path / "t.docx"))
    ours = docx.Document(str(tmp_path / "t.docx")).tables
    from conftest import ROOT
    official = docx.Document(str(ROOT / "tests" / "data" / "docx-001.docx")).tables

    def shape(t):
        # each grid position's merged cell, as the index of the first position it covers
        first: dict = {}
        return [[first.setdefault(c._tc, (i, j)) for j, c in enumerate(row.cells)]
                for i, row in enumerate(t.rows)]
    for a, b in zip(ours, official):
        assert shape(a) == shape(b)


def test_word_template_needs_an_output_file(cli):
    r = cli("template", "--year", "2024", "--format", "docx")
    assert r.returncode == 2 and "-o" in r.stderr.decode()
def test_rows_in_the_mandated_order(linted):
    """The 2021 （六）其他处理 group was printed after （七）总计 and 四 (the 2019 walk came first)."""
    year, text, res = linted
    fmt = "2019" if year <= 2020 else "2021"
    lines = text.splitlines()
    for table in ("二", "三"):
        rows = layout().table(table, fmt).rows
        printed = [next(k for k, l in enumerate(lines) if l.startswith(r.label.canonical + " |")) for r in rows
                   if any(l.startswith(r.label.canonical + " |") for l in lines)]
        assert printed == sorted(printed), table
    assert [f for f in res.findings if f.code == "RL215"] == []
