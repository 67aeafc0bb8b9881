"""`report-lint serve`'s WSGI application, called directly: limits (413 before reading), a bad
file beside good ones, headers, nothing left on disk, the default bind, and a real waitress
server answering concurrent uploads."""
import io
import os
import re
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import EXAMPLES, flawed_report, run_cli, start_server
from report_lint.lint import Options, lint_path
from report_lint.registry import all_rules
from report_lint.serve import App, parse_multipart

CLEAN = (EXAMPLES / "clean-2021.txt").read_bytes()


def multipart(files, fields=None):
    """(content type, body) of a browser's form submission."""
    b = uuid.uuid4().hex
    out = io.BytesIO()
    for k, v in (fields or {}).items():
        out.write(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    for name, data in files:
        out.write(f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                  f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    out.write(f"--{b}--\r\n".encode())
    return f"multipart/form-data; boundary={b}", out.getvalue()


class Unreadable(io.RawIOBase):
    def read(self, n=-1):
        raise AssertionError("the body was read")


def call(app, method="GET", path="/", body=b"", ctype="", length=None, host="127.0.0.1:8000",
         stream=None):
    env = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": host,
           "CONTENT_TYPE": ctype, "CONTENT_LENGTH": str(len(body) if length is None else length),
           "wsgi.input": stream or io.BytesIO(body)}
    got = {}

    def start(status, headers):
        got["status"], got["headers"] = status, dict(headers)

    page = b"".join(app(env, start)).decode("utf-8")
    return got["status"], got["headers"], page


@pytest.fixture
def app(tmp_path):
    root = tmp_path / "tmp"
    root.mkdir()
    a = App(max_upload=200_000, max_files=5, tmp_root=str(root), allowed_hosts=("127.0.0.1", "localhost"))
    yield a
    assert os.listdir(root) == [], "an upload was left on disk"


def post(app, files, fields=None, **kw):
    ctype, body = multipart(files, fields)
    return call(app, "POST", "/check", body, ctype, **kw)


def test_form_page_and_headers(app):
    status, headers, page = call(app)
    assert status == "200 OK"
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page and "multiple" in page
    csp = headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "unsafe" not in csp
    assert all(m == nonce for m in re.findall(r'<(?:script|style) nonce="([^"]+)"', page))
    assert len(re.findall(r"<script\b", page)) == len(re.findall(r'<script nonce="', page))
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cache-Control"] == "no-store" and headers["X-Frame-Options"] == "DENY"
    assert call(app)[1]["Content-Security-Policy"] != csp          # a fresh nonce per page


def test_several_files_one_bad_the_others_checked(app, tmp_path):
    flawed = flawed_report(tmp_path)
    junk = b"\x00\x01\x02binary" * 100
    status, _, page = post(app, [("a.txt", CLEAN), ("../../etc/passwd", junk),
                                 ("flawed.txt", flawed.read_bytes())])
    assert status == "200 OK"
    (tmp_path / "junk.bin").write_bytes(junk)
    cli_reason = lint_path(str(tmp_path / "junk.bin"), Options(), all_rules()).error
    assert f"无法检查：{cli_reason}" in page
    assert "passwd" in page and "../" not in page           # shown by its last name, never opened
    for f in lint_path(str(flawed), Options(), all_rules()).findings:
        assert f.message.replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;") in page
    assert "&lt;script&gt;" in page and "window.pwned" in page
    assert len(re.findall(r"<script\b", page)) == 2          # the form's and the report's, by nonce


def test_same_reason_as_the_command_line(app, tmp_path):
    notes = "购物清单：苹果、梨。\n".encode()
    (tmp_path / "notes.txt").write_bytes(notes)
    proc = run_cli("--isolated", tmp_path / "notes.txt")
    line = proc.stdout.decode().splitlines()[0]           # `PATH: 错误 (error): REASON`
    reason = line.split(": ", 1)[1].split("错误 (error): ")[-1]
    _, _, page = post(app, [("notes.txt", notes)])
    assert reason.strip() in page


def test_file_over_the_limit_is_413_and_server_goes_on(app):
    status, _, page = post(app, [("big.txt", b"a" * 200_001), ("a.txt", CLEAN)])
    assert status.startswith("413") and "big.txt" in page and "文件过大" in page
    assert post(app, [("a.txt", CLEAN)])[0] == "200 OK"


def test_request_over_the_cap_is_refused_unread(app):
    status, _, page = call(app, "POST", "/check", ctype="multipart/form-data; boundary=x",
                           length=app.max_body + 1, stream=Unreadable())
    assert status.startswith("413") and "上传的内容过大" in page


def test_too_many_files(app):
    status, _, page = post(app, [(f"{i}.txt", CLEAN) for i in range(6)])
    assert status.startswith("413") and "一次最多检查 5 个文件" in page


def test_overrides_and_rule_selection(app):
    _, _, page = post(app, [("a.txt", CLEAN)], {"year": "2020", "template": "2019", "select": "RL1"})
    assert "年度：2020（按指定）" in page and "2019 年版格式" in page
    status, _, page = post(app, [("a.txt", CLEAN)], {"select": "RL999"})
    assert status.startswith("400") and "未知的规则" in page
    status, _, _ = post(app, [("a.txt", CLEAN)], {"year": "20x1"})
    assert status.startswith("400")


def test_bad_requests(app):
    assert call(app, path="/etc/passwd")[0].startswith("404")
    assert call(app, "PUT", "/check")[0].startswith("405")
    assert call(app, host="evil.example:8000")[0].startswith("400")     # DNS rebinding
    assert call(app, "POST", "/check", b"x", "text/plain")[0].startswith("400")
    assert post(app, [])[0].startswith("400")                             # no file chosen
    ctype, body = multipart([("a.txt", CLEAN)])
    assert call(app, "POST", "/check", body[:100], ctype, length=len(body))[0].startswith("400")
    assert call(app)[0] == "200 OK"


def test_parse_multipart_keeps_names_as_data():
    ctype, body = multipart([('C:\\草稿\\..\\%22报告%22 2021.TXT', b"abc")], {"year": "2021"})
    fields, uploads = parse_multipart(ctype, body)
    assert fields == {"year": "2021"} and uploads[0].data == b"abc"
    assert uploads[0].shown_name == '"报告" 2021.TXT' and uploads[0].extension == ".txt"
    ctype, body = multipart([("x.t<x>t", b"abc"), ("../../.bashrc", b"x")])
    assert [u.extension for u in parse_multipart(ctype, body)[1]] == ["", ""]


def test_binds_loopback_by_default_and_warns_otherwise(monkeypatch, capsys):
    from click.testing import CliRunner

    from report_lint import serve
    from report_lint.cli import cli

    server = serve.make_server(port=0)
    try:
        assert server.effective_host == "127.0.0.1"
    finally:
        server.close()
    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text and "8000" in help_text

    def refuse(*a, **k):            # stop before binding: the warning is what is tested
        raise OSError(98, "in use")

    monkeypatch.setattr(serve, "make_server", refuse)
    assert serve.run("0.0.0.0", 8000, 1000, 1) == 2
    err = capsys.readouterr().err
    assert "警告" in err and "0.0.0.0" in err and "无法在 0.0.0.0:8000 上监听" in err
    assert serve.run("127.0.0.1", 8000, 1000, 1) == 2
    assert "警告" not in capsys.readouterr().err


def test_missing_extra_is_one_line(monkeypatch, capsys):
    import sys

    from report_lint import serve

    monkeypatch.setitem(sys.modules, "waitress", None)
    assert serve.run("127.0.0.1", 0, 1000, 1) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "report-lint[serve]" in err


def test_real_server_answers_concurrent_uploads():
    from report_lint.serve import make_server

    server = make_server(port=0, threads=4)
    start_server(server)
    url = f"http://127.0.0.1:{server.effective_port}/check"

    def upload(i):
        ctype, body = multipart([(f"r{i}.txt", CLEAN)])
        req = urllib.request.Request(url, body, {"Content-Type": ctype})
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode()

    try:
        with ThreadPoolExecutor(20) as ex:
            answers = list(ex.map(upload, range(20)))
        assert all(s == 200 and f"r{i}.txt" in p for i, (s, p) in enumerate(answers))
    finally:
        server.close()


def test_word_document_upload_shows_places(app):
    """A .docx goes through the same reader as on the command line; its findings name the
    paragraph or the table cell of the document (report_lint.places)."""
    from conftest import ROOT

    data = (ROOT / "tests" / "data" / "documents" / "003.docx").read_bytes()
    status, _, page = post(app, [("2021年报.docx", data)])
    assert status == "200 OK"
    assert "读取为：Word 文档" in page
    assert "第 1 个表格第 4 行第 2 列" in page                # RL204 on 表二, where it is in Word
    assert "（在文档中：第 1 个表格第 4 行第 2 列）" in page     # … also under the redrawn grid
    cli = lint_path(str(ROOT / "tests" / "data" / "documents" / "003.docx"), Options(), all_rules())
    assert page.count('class="finding"') == len(cli.findings)
