"""In a real browser (headless Chromium driven by selenium): the HTML report shows every finding
and marks each flagged cell, the batch index sorts and filters, the upload form of `report-lint
serve` works, and a report holding `<script>` runs nothing. Screenshots of each go to
/tmp/report-lint-shots/ for a person to look at.

Skipped, with the reason shown, where no Chromium, chromedriver or selenium is installed
(`.ci/run` installs them)."""
import os
import shutil
import tempfile

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, flawed_report, start_server
from report_lint.cli import cli
from report_lint.lint import Options, lint_path
from report_lint.registry import all_rules

SHOTS = os.environ.get("REPORT_LINT_SHOTS", os.path.join(tempfile.gettempdir(), "report-lint-shots"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover - the test extra installs it
    webdriver = None

pytestmark = pytest.mark.skipif(
    webdriver is None or not CHROMIUM or not DRIVER,
    reason="浏览器测试需要 chromium、chromedriver 和 selenium（apt-get install chromium chromium-driver；"
           "pip install -e '.[test]'） (no headless browser here)")


def _chromium(javascript: bool = True):
    os.environ.setdefault("SE_OFFLINE", "true")         # selenium-manager must fetch nothing
    profile = tempfile.mkdtemp(prefix="report-lint-chromium-")
    opts = webdriver.ChromeOptions()
    if not javascript:
        opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1280,1500", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.set_page_load_timeout(60)
    os.makedirs(SHOTS, exist_ok=True)
    return driver, profile


@pytest.fixture(scope="module")
def browser():
    driver, profile = _chromium()
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def write_page(tmp_path, *paths) -> str:
    out = tmp_path / "report.html"
    res = CliRunner().invoke(cli, ["--format", "html", "-o", str(out), "-q", "--isolated",
                                   *map(str, paths)], catch_exceptions=False)
    assert res.exit_code in (0, 1, 2)
    return out.as_uri()


def shot(driver, name: str, element=None) -> None:
    if element is not None:
        driver.execute_script("arguments[0].scrollIntoView()", element)
    driver.save_screenshot(os.path.join(SHOTS, name))


def test_report_shows_every_finding_and_marks_cells(browser, tmp_path):
    path = flawed_report(tmp_path)
    findings = lint_path(str(path), Options(), all_rules()).findings
    browser.get(write_page(tmp_path, path))
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.finding")
    notes = browser.find_elements(By.CSS_SELECTOR, "pre.text .note")
    assert len(rows) == len(notes) == len(findings)
    for row, f in zip(rows, findings):
        assert row.is_displayed() and f.message in row.text
    table_findings = [f for f in findings if f.table and f.cell]
    flagged = browser.find_elements(By.CSS_SELECTOR, ".grid td.f-error, .grid th.f-error, "
                                    ".grid td.f-warning, .grid th.f-warning")
    assert len(flagged) >= len({(f.table, f.cell.get("row"), f.cell.get("column")) for f in table_findings})
    total = browser.find_element(By.CSS_SELECTOR, ".grid td.f-error")
    assert "✖" in total.text and "应为" in total.text          # a symbol and words, not colour only
    assert browser.execute_script("return window.pwned") is None
    assert "PWNED" not in browser.title
    assert browser.find_elements(By.CSS_SELECTOR, "mark.m-warning")[0].text == "<script>"
    shot(browser, "report.png")
    shot(browser, "table-grid.png", browser.find_element(By.ID, "r1-t三"))
    shot(browser, "report-text.png", browser.find_element(By.ID, "r1-n1"))
    # keyboard: n moves to the first finding and focuses its link
    browser.find_element(By.TAG_NAME, "body").send_keys("n")
    assert browser.switch_to.active_element.get_attribute("href").endswith("#r1-n1")


def test_batch_index_sorts_and_filters(browser, tmp_path):
    files = sorted((EXAMPLES / "seeds").glob("*.txt")) + sorted((EXAMPLES / "real").glob("*.txt"))
    files.append(flawed_report(tmp_path))
    browser.get(write_page(tmp_path, *files))
    header = browser.find_element(By.XPATH, "//table[@id='index']//th[button='错误']")

    def column(i):
        return [int(td.text) for td in browser.find_elements(
            By.CSS_SELECTOR, f"#index tbody tr:not(.hidden) td:nth-child({i})")]

    header.find_element(By.TAG_NAME, "button").click()
    assert column(6) == sorted(column(6)) and header.get_attribute("aria-sort") == "ascending"
    header.find_element(By.TAG_NAME, "button").send_keys("\n")     # keyboard works as well
    assert column(6) == sorted(column(6), reverse=True)
    shot(browser, "batch-index.png")
    box = browser.find_element(By.ID, "filter")
    box.send_keys("seeds")
    assert len(column(1)) == 5 and browser.find_element(By.ID, "shown").text == "5"
    box.clear()
    box.send_keys("flawed")
    browser.find_element(By.CSS_SELECTOR, "#index tbody tr:not(.hidden) a").click()
    n = len(files)
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.ID, f"r{n}-list"))
    assert browser.find_elements(By.CSS_SELECTOR, f"#r{n} mark.m-warning")[0].text == "<script>"
    assert browser.execute_script("return window.pwned") is None and "PWNED" not in browser.title
    box.clear()
    box.send_keys(" ")
    link = browser.find_element(By.CSS_SELECTOR, "#index tbody tr:not(.hidden) a")
    target = link.get_attribute("href").split("#")[1]
    link.click()
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f"#{target} details").get_attribute("open"))
    # the folded detail (inert in a <template>) is in the page once unfolded
    assert browser.find_element(By.ID, f"{target}-list").is_displayed()
    assert browser.find_elements(By.CSS_SELECTOR, f"#{target} table.grid")


def test_index_summary_columns_sort_and_chart(browser, tmp_path):
    """The index's summary figures (report_lint.summary) sort as numbers, blanks last; the chart
    draws one bar per report with a 本年新收 figure."""
    files = [EXAMPLES / "real" / n for n in ("003.txt", "004.txt", "006.txt", "060.txt", "026.txt")]
    files += sorted((EXAMPLES / "seeds").glob("*.txt"))[:3]
    bad = tmp_path / "notes.txt"
    bad.write_text("购物清单：苹果、梨。\n", encoding="utf-8")
    browser.get(write_page(tmp_path, *files, bad))
    heads = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#index thead th")]
    for h in ("本年新收", "上年结转", "予以公开", "部分公开", "办理结果总计", "结转下年度", "增减", "行政复议"):
        assert any(t.startswith(h) for t in heads), (h, heads)
    col = int(browser.find_element(By.XPATH, "//table[@id='index']//th[button='本年新收']").get_attribute("data-col"))

    def column():
        return [td.text for td in browser.find_elements(By.CSS_SELECTOR, f"#index tbody tr td:nth-child({col + 1})")]

    values = [v for v in column() if v]
    assert len(values) >= 6 and "" in column()                 # the shopping list has none
    button = browser.find_element(By.XPATH, "//table[@id='index']//th[button='本年新收']/button")
    button.click()
    shown = column()
    assert [int(v) for v in shown if v] == sorted(int(v) for v in values) and shown[-1] == ""
    button.click()
    shown = column()
    assert [int(v) for v in shown if v] == sorted((int(v) for v in values), reverse=True) and shown[-1] == ""
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    assert len(bars) == len(values)
    assert all(b.size["height"] > 0 for b in bars)
    widths = sorted(float(b.get_attribute("width")) for b in bars)
    assert widths[-1] > widths[0]
    assert browser.find_element(By.CSS_SELECTOR, "svg.chart").get_attribute("role") == "img"
    assert browser.find_element(By.CSS_SELECTOR, "details.chart-box").get_attribute("open") is not None
    browser.set_window_size(1700, 1100)          # a wide office screen: the whole index in view
    try:
        shot(browser, "batch-index-summary.png", browser.find_element(By.ID, "index-h"))
    finally:
        browser.set_window_size(1280, 1500)


def test_unsplit_row_drawn_once(browser, tmp_path):
    import tomllib

    from conftest import ROOT

    case = tomllib.loads((ROOT / "tests" / "cases" / "rl209_split_inconsistent.toml").read_text("utf-8"))
    path = tmp_path / "rl209-2021.txt"
    path.write_text(case["case"][0]["text"], encoding="utf-8")
    browser.get(write_page(tmp_path, path))
    cell = browser.find_element(By.CSS_SELECTOR, "table.grid[aria-label='表三'] td.merged")
    assert cell.get_attribute("colspan") == "7" and cell.text.count("64002047") == 1
    row = cell.find_element(By.XPATH, "..")
    assert len(row.find_elements(By.TAG_NAME, "td")) == 1
    shot(browser, "table-collapsed-row.png", browser.find_element(By.CSS_SELECTOR, "table.grid[aria-label='表三']"))


@pytest.fixture
def server():
    from report_lint.serve import make_server

    srv = make_server(port=0)
    start_server(srv)
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


def test_upload_form_in_the_browser(browser, server, tmp_path):
    flawed = flawed_report(tmp_path)
    page = tmp_path / "page.html"
    page.write_text('<html><body><script>window.pwned=2</script><img src=x onerror="window.pwned=3">'
                    "<p>2021年度政府信息公开工作年度报告</p></body></html>", encoding="utf-8")
    browser.get(server + "/")
    assert browser.find_element(By.CSS_SELECTOR, "form").get_attribute("enctype") == "multipart/form-data"
    shot(browser, "upload.png")
    browser.find_element(By.ID, "files").send_keys(f"{flawed}\n{EXAMPLES / 'clean-2021.txt'}\n{page}")
    browser.find_element(By.ID, "go").click()
    WebDriverWait(browser, 60).until(EC.presence_of_element_located((By.ID, "index")))
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "flawed-2021.txt" in text and "clean-2021.txt" in text and "page.html" in text
    assert "需要修改" in text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#r1 tr.finding")) == \
        len(lint_path(str(flawed), Options(), all_rules()).findings)
    assert browser.execute_script("return window.pwned") is None
    assert "PWNED" not in browser.title
    shot(browser, "upload-result.png")


def test_upload_form_works_without_javascript(server, tmp_path):
    driver, profile = _chromium(javascript=False)
    try:
        driver.get(server + "/")
        driver.find_element(By.ID, "files").send_keys(f"{flawed_report(tmp_path)}\n{EXAMPLES / 'clean-2021.txt'}")
        driver.find_element(By.ID, "go").click()
        WebDriverWait(driver, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, "tr.finding")))
        assert "需要修改" in driver.find_element(By.TAG_NAME, "body").text
        header = driver.find_element(By.XPATH, "//table[@id='index']//th[button='错误']")
        header.find_element(By.TAG_NAME, "button").click()
        assert header.get_attribute("aria-sort") is None          # indeed no script runs here
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
