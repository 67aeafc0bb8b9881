"""Places: where a stretch of read text stands in the document."""
from report_lint.places import Places, describe


def test_locate_inside_between_and_before():
    p = Places()
    p.add(0, 10, paragraph=1)
    p.add(11, 20, table_no=1, row=2, column=3, paragraph=None)
    p.add(25, 30, page=2, paragraph=2)
    assert p.locate(5) == {"paragraph": 1}
    assert p.locate(12) == {"table_no": 1, "row": 2, "column": 3}
    assert p.locate(22) == {}                  # after the cell, before the next paragraph: no cell
    assert p.locate(27) == {"page": 2, "paragraph": 2}
    assert Places().locate(3) == {}


def test_describe_in_chinese():
    assert describe({"page": 3, "paragraph": 12}) == "第 3 页，第 12 段"
    assert describe({"page": 4, "table_no": 2, "row": 5, "column": 3}) == "第 4 页，第 2 个表格第 5 行第 3 列"
