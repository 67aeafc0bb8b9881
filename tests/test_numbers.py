"""The number reader (report_lint.numbers): pure functions over Chinese prose."""
import pytest

from report_lint.numbers import chinese_to_int, find_numbers, rounds_to


def read(text):
    return [(n.text, n.value, n.unit, n.approx) for n in find_numbers(text)]


@pytest.mark.parametrize("s,v", [
    ("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("一百二十三", 123), ("两千", 2000),
    ("一千零五", 1005), ("三万五千", 35000), ("十二万", 120000), ("一亿二千万", 120_000_000),
    ("二〇一九", 2019), ("九百九十九", 999),
])
def test_chinese_numerals(s, v):
    assert chinese_to_int(s) == v


@pytest.mark.parametrize("s", ["", "十百", "二三十", "abc", "百百"])
def test_malformed_chinese_numerals(s):
    assert chinese_to_int(s) is None


def test_arabic_with_units_and_percentages():
    assert read("共收到申请3392宗，其中自然人2936宗，占86.56%") == [
        ("3392", 3392, "宗", False), ("2936", 2936, "宗", False), ("86.56", 86.56, "%", False)]
    assert find_numbers("占86.56%")[0].decimals == 2
    assert find_numbers("占86.56%")[0].percent


def test_thousands_separator_is_not_a_break():
    assert read("共1,234件") == [("1,234", 1234, "件", False)]
    assert read("共１，２３４件") == [("1,234", 1234, "件", False)]   # full width
    # a comma not followed by exactly three digits separates two numbers
    assert [n.value for n in find_numbers("12件,10件已办结")] == [12, 10]
    assert [n.value for n in find_numbers("1,2345件")] == [1, 2345]


def test_full_width_digits_keep_positions():
    ns = find_numbers("收到３３９２宗")
    assert (ns[0].value, ns[0].start, ns[0].end) == (3392, 2, 6)


def test_chinese_numerals_need_a_counting_unit():
    assert read("收到一百二十三件") == [("一百二十三", 123, "件", False)]
    assert read("两千人次") == [("两千", 2000, "人次", False)]
    assert read("一是加强领导，统一部署，十四五规划，第一项") == []
    assert read("二〇一九年") == []


def test_multipliers():
    assert find_numbers("1392万PV")[0].value == 13_920_000
    assert find_numbers("约2.3亿元")[0].value == 230_000_000
    assert find_numbers("约2.3亿元")[0].unit == "元"
    assert find_numbers("共三万五千条")[0].value == 35000


@pytest.mark.parametrize("text", ["300余件", "20多件", "近50件", "约30件", "超过100件", "100件左右",
                                  "10人以上", "逾千件", "超4%"])
def test_approximate_quantities(text):
    ns = find_numbers(text)
    assert ns and all(n.approx for n in ns)
    assert not any(n.is_count for n in ns)


def test_exact_quantity_is_a_count():
    n = find_numbers("受理300件")[0]
    assert n.is_count and not n.approx


def test_percent_in_words():
    n = find_numbers("满意率达百分之九十五点五")[0]
    assert (n.value, n.unit, n.decimals) == (95.5, "%", 1)


def test_rounding():
    assert rounds_to(2936 / 3392 * 100, 86.56, 2)
    assert not rounds_to(2936 / 3392 * 100, 86.65, 2)
    assert rounds_to(61 / 397 * 100, 15.4, 1)
    assert rounds_to(50.0, 50, 0) and not rounds_to(51.0, 50, 0)
    assert rounds_to(12.5, 13, 0) and rounds_to(12.5, 12, 0)   # half-way: either way


def test_words_before_a_number_that_do_not_make_it_approximate():
    assert not find_numbers("政府信息总数397条")[0].approx
    assert find_numbers("收到数十件")[0].approx
