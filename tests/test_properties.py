"""Property: arbitrary text and arbitrary bytes never raise out of the linter."""
from hypothesis import given, settings, strategies as st, HealthCheck

from report_lint import registry
from report_lint.lint import Options, lint_source
from report_lint.read import InputError, Source, decode, check_text

RULES = registry.all_rules()
ALPHABET = st.sampled_from(list("一二三四五六、，。（）()|0123456789 \n\t总体情况主动公开收到处理申请行政复议诉讼存在问题其他事项本年新收结转合计总计自然人规章.-—/无年月日"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=400) | st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    """Findings, or an input error (a text that is no report at all): nothing else."""
    try:
        lint_source(Source("x.txt", text, "utf-8"), Options(), RULES)
    except InputError as e:
        assert "\n" not in str(e) and str(e).strip()


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    try:
        text, enc = decode(data)
        check_text(text)
        lint_source(Source("x.txt", text, enc), Options(), RULES)
    except InputError:
        return


def test_threads_give_the_same_findings_as_one_thread():
    """The parser is built once per process with its transformer embedded; each thread's
    document must stay its own (a library user may lint in threads)."""
    import json
    from concurrent.futures import ThreadPoolExecutor

    from conftest import ROOT
    from report_lint.lint import lint_path

    files = [str(p) for d in ("seeds", "real") for p in sorted((ROOT / "examples" / d).iterdir())
             if p.suffix in (".txt", ".md") and p.name != "README.md"] * 2

    def one(f):
        return json.dumps(lint_path(f, Options(), RULES).to_dict(), ensure_ascii=False)

    alone = [one(f) for f in files]
    with ThreadPoolExecutor(6) as ex:
        assert list(ex.map(one, files)) == alone
