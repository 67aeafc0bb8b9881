"""`report-lint serve`: a page on the office's own machine where a clerk chooses a draft and sees
the same HTML report `--format html` writes.

A plain WSGI application (no framework), served by waitress — a production WSGI server in pure
Python that runs on Windows as well — installed with the optional extra `report-lint[serve]`.

What it guards:
* Sizes are bounded before anything is read: a request whose Content-Length exceeds the files
  cap times the per-file limit is refused with 413 unread; the body is read in chunks up to
  that length; any file part above the per-file limit is 413 with a page naming it.
* No name sent by the client is ever opened: each upload is written into a private directory
  (``tempfile.mkdtemp``, mode 0700) under a generated name keeping only a short alphanumeric
  extension (the readers sniff the content anyway), checked, and the directory is removed
  before the response is returned. Nothing is fetched from anywhere.
* A file that cannot be read is shown with the command line's one-line reason; the others in
  the same upload are still checked, and an internal error in one file is that file's error.
* Every page carries a Content-Security-Policy with a fresh nonce for its one style and one
  script, nosniff, no caching, no framing and no referrer.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import sys
import tempfile
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from html import escape
from io import StringIO

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024      # bytes per file
DEFAULT_MAX_FILES = 20                     # files per request
FORM_OVERHEAD = 1024 * 1024                # multipart headers and the small form fields
CHUNK = 64 * 1024
LOOPBACK = ("127.0.0.1", "localhost", "::1")
_EXT = re.compile(r"\.[A-Za-z0-9]{1,8}")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


class HTTPError(Exception):
    """A request answered with a status and a short page saying why, in Chinese."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class Upload:
    """One file part of the form: the name the client gave (shown, never opened) and the bytes."""

    def __init__(self, filename: str, data: bytes):
        self.filename = filename
        self.data = data

    @property
    def shown_name(self) -> str:
        """The client's file name for display: its last path component, without control
        characters, at most 200 characters."""
        name = self.filename.replace("\\", "/").rsplit("/", 1)[-1]
        name = _UNSAFE_NAME.sub("", name).strip() or "未命名文件"
        return name[:200]

    @property
    def extension(self) -> str:
        ext = os.path.splitext(self.shown_name)[1]
        return ext.lower() if _EXT.fullmatch(ext) else ""


def parse_multipart(content_type: str, body: bytes) -> tuple[dict[str, str], list[Upload]]:
    """(text fields, file parts) of a multipart/form-data body already read and bounded.

    The boundary is read by the standard library's email header parser (policy=default); the
    body is split on the boundary directly; each part's Content-Disposition by `_disposition`."""
    headers = BytesHeaderParser(policy=default_policy).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n")
    if headers.get_content_type() != "multipart/form-data":
        raise HTTPError("400 Bad Request", "请求不是文件上传表单 (expected multipart/form-data)")
    boundary = headers.get_param("boundary")
    if not boundary or len(boundary) > 200:
        raise HTTPError("400 Bad Request", "上传表单缺少分隔符 (multipart boundary missing)")
    delim = b"--" + str(boundary).encode("latin-1", "replace")
    fields: dict[str, str] = {}
    uploads: list[Upload] = []
    pieces = body.split(delim)
    if len(pieces) < 3:
        raise HTTPError("400 Bad Request", "上传表单的内容不完整 (malformed multipart body)")
    for piece in pieces[1:-1]:
        if piece.startswith(b"\r\n"):
            piece = piece[2:]
        head, sep, data = piece.partition(b"\r\n\r\n")
        if not sep:
            raise HTTPError("400 Bad Request", "上传表单的内容不完整 (malformed multipart part)")
        if data.endswith(b"\r\n"):
            data = data[:-2]
        name, filename = _disposition(head)
        if name is None:
            continue
        if filename is not None:
            if filename or data:               # an empty file input sends filename="" and no data
                uploads.append(Upload(str(filename), data))
        elif len(data) <= 4096:
            fields[str(name)] = data.decode("utf-8", "replace")
    return fields, uploads


_DISPOSITION = re.compile(r'(?:^|;)\s*(name|filename)\s*=\s*(?:"([^"]*)"|([^\s;"]+))', re.I)


def _disposition(head: bytes) -> tuple[str | None, str | None]:
    """(name, filename) of a part's Content-Disposition as browsers write it (the HTML
    standard): UTF-8 as is, `"` and line breaks percent-encoded, backslashes NOT escapes — a
    Windows path or a Chinese file name must come through whole, which the email parser's
    RFC 2045 unquoting does not do."""
    name = filename = None
    for line in head.split(b"\r\n"):
        key, _, value = line.partition(b":")
        if key.strip().lower() != b"content-disposition":
            continue
        text = value.decode("utf-8", "replace")
        for m in _DISPOSITION.finditer(text.split(";", 1)[1] if ";" in text else ""):
            v = m.group(2) if m.group(2) is not None else m.group(3)
            v = v.replace("%22", '"').replace("%0A", "\n").replace("%0D", "\r")
            if m.group(1).lower() == "name":
                name = v
            else:
                filename = v
    return name, filename


class App:
    """The WSGI application: GET / is the form, POST /check checks the uploaded files."""

    def __init__(self, max_upload: int = DEFAULT_MAX_UPLOAD, max_files: int = DEFAULT_MAX_FILES,
                 tmp_root: str | None = None, allowed_hosts: tuple[str, ...] | None = None):
        self.max_upload = max_upload
        self.max_files = max_files
        self.tmp_root = tmp_root
        self.allowed_hosts = allowed_hosts      # None: any Host header (bound beyond loopback)
        self.max_body = max_files * max_upload + FORM_OVERHEAD

    def __call__(self, environ, start_response):
        nonce = secrets.token_urlsafe(18)
        try:
            self._check_host(environ)
            method = environ.get("REQUEST_METHOD", "GET")
            path = environ.get("PATH_INFO", "/")
            if path == "/" and method in ("GET", "HEAD"):
                status, page = "200 OK", self.page([], nonce)
            elif path == "/check" and method == "POST":
                status, page = "200 OK", self.check(environ, nonce)
            elif path in ("/", "/check"):
                raise HTTPError("405 Method Not Allowed", "不支持这种请求方式 (method not allowed)")
            else:
                raise HTTPError("404 Not Found", "没有这个页面 (not found)")
        except HTTPError as e:
            status, page = e.status, self.error_page(e, nonce)
        body = page.encode("utf-8")
        start_response(status, self.headers(nonce, len(body)))
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]

    def _check_host(self, environ) -> None:
        """Bound to loopback, answer only requests addressed to loopback: a web page elsewhere
        that rebinds its own name to 127.0.0.1 cannot read the results."""
        if self.allowed_hosts is None:
            return
        host = environ.get("HTTP_HOST", "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name.strip("[]") not in self.allowed_hosts:
            raise HTTPError("400 Bad Request", "请用 http://127.0.0.1 或 http://localhost 打开本页 (bad Host header)")

    @staticmethod
    def headers(nonce: str, length: int) -> list[tuple[str, str]]:
        from report_lint.formats.html import csp

        return [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(length)),
                ("Content-Security-Policy", csp(nonce)),
                ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
                ("Cache-Control", "no-store"), ("Referrer-Policy", "no-referrer"),
                ("Cross-Origin-Opener-Policy", "same-origin"),
                ("Cross-Origin-Resource-Policy", "same-origin")]

    # -- reading the request -------------------------------------------------------------------

    def read_body(self, environ) -> bytes:
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            raise HTTPError("411 Length Required", "请求缺少长度 (Content-Length required)") from None
        if length > self.max_body:
            raise HTTPError("413 Content Too Large",
                            f"上传的内容过大：一次最多 {self.max_files} 个文件，每个不超过 "
                            f"{_mb(self.max_upload)} (request too large)")
        stream = environ["wsgi.input"]
        buf = bytearray()
        while len(buf) < length:
            chunk = stream.read(min(CHUNK, length - len(buf)))
            if not chunk:
                raise HTTPError("400 Bad Request", "上传没有完成，请重试 (incomplete upload)")
            buf += chunk
        return bytes(buf)

    def check(self, environ, nonce: str) -> str:
        from report_lint import batch, registry

        body = self.read_body(environ)
        fields, uploads = parse_multipart(environ.get("CONTENT_TYPE", ""), body)
        del body
        if not uploads:
            raise HTTPError("400 Bad Request", "请先选择要检查的文件 (no file chosen)")
        if len(uploads) > self.max_files:
            raise HTTPError("413 Content Too Large",
                            f"一次最多检查 {self.max_files} 个文件，这次选了 {len(uploads)} 个 (too many files)")
        big = [u for u in uploads if len(u.data) > self.max_upload]
        if big:
            names = "、".join(f"{u.shown_name}（{_mb(len(u.data))}）" for u in big)
            raise HTTPError("413 Content Too Large",
                            f"文件过大：{names}；每个文件不超过 {_mb(self.max_upload)} (file too large)")
        opts = self.options(fields)
        try:
            rules = registry.select(_split(fields.get("select")), _split(fields.get("ignore")))
        except ValueError as e:
            raise HTTPError("400 Bad Request", str(e)) from None
        results = []
        workdir = tempfile.mkdtemp(prefix="report-lint-", dir=self.tmp_root)
        try:
            for i, u in enumerate(uploads, 1):
                path = os.path.join(workdir, f"upload-{i}{u.extension}")
                with open(path, "xb") as f:
                    f.write(u.data)
                u.data = b""
                r = batch.check_one(path, opts, rules, keep_report=False)
                r.path = u.shown_name
                results.append(r)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return self.page(results, nonce, fields)

    def options(self, fields: dict[str, str]):
        from report_lint.lint import Options

        year = (fields.get("year") or "").strip()
        template = (fields.get("template") or "").strip() or None
        if year and not (year.isdigit() and 1990 <= int(year) <= 2100):
            raise HTTPError("400 Bad Request", f"年度应是 1990 到 2100 之间的数字，收到“{year[:20]}” (bad year)")
        if template not in (None, "pre2019", "2019", "2021"):
            raise HTTPError("400 Bad Request", "格式版本只能是 2019 年以前、2019 或 2021 (bad format)")
        return Options(year=int(year) if year else None, template=template,
                       max_bytes=self.max_upload, view=True)

    # -- pages ---------------------------------------------------------------------------------

    def page(self, results, nonce: str, fields: dict[str, str] | None = None) -> str:
        from report_lint import formats
        from report_lint.formats import html

        out = StringIO()
        html.render(results, formats.summarise(results), out, nonce=nonce,
                    title="年度报告检查结果" if results else "年度报告检查",
                    form=self.form(nonce, fields or {}, compact=bool(results)))
        return out.getvalue()

    def form(self, nonce: str, fields: dict[str, str], compact: bool) -> str:
        def sel(value: str, label: str) -> str:
            on = " selected" if fields.get("template", "") == value else ""
            return f'<option value="{value}"{on}>{label}</option>'

        year = escape(fields.get("year", ""))
        return (
            f'<style nonce="{escape(nonce)}">{FORM_CSS}</style>'
            f'<section class="upload{" compact" if compact else ""}" aria-labelledby="up-h">'
            '<h1 id="up-h">政府信息公开工作年度报告检查</h1>'
            '<p>选择一份或几份报告草稿（.txt、.md，以及 Word、PDF、网页文件），点“开始检查”。'
            f'文件只在本机检查，检查完立即删除，不会发往别处。每个文件不超过 {_mb(self.max_upload)}，'
            f'一次最多 {self.max_files} 个。</p>'
            '<form method="post" action="/check" enctype="multipart/form-data" id="upload-form">'
            '<div id="drop" class="drop"><label for="files">选择文件（可多选，也可以把文件拖到这里）：</label><br>'
            '<input type="file" id="files" name="file" multiple required '
            'accept=".txt,.md,.markdown,.docx,.doc,.wps,.pdf,.html,.htm"></div>'
            '<details class="opts"><summary>更多选项（一般不用改）</summary>'
            f'<p><label>报告年度：<input type="number" name="year" min="1990" max="2100" value="{year}" '
            'placeholder="自动判断"></label>　'
            '<label>适用格式：<select name="template">'
            + sel("", "自动判断") + sel("2021", "2021 年版") + sel("2019", "2019 年版")
            + sel("pre2019", "2019 年以前") +
            '</select></label></p>'
            f'<p><label>只运行这些规则：<input type="text" name="select" value="{escape(fields.get("select", ""))}" '
            'placeholder="如 RL2, RL301"></label>　'
            f'<label>不运行这些规则：<input type="text" name="ignore" value="{escape(fields.get("ignore", ""))}" '
            'placeholder="如 RL504"></label></p></details>'
            '<p><button type="submit" id="go">开始检查</button> '
            '<span id="busy" hidden>正在上传和检查，请稍候…… <progress></progress></span></p>'
            '</form></section>'
            f'<script nonce="{escape(nonce)}">{FORM_JS}</script>')

    def error_page(self, e: HTTPError, nonce: str) -> str:
        from report_lint.formats import html

        out = StringIO()
        html.render([], {}, out, nonce=nonce, title="无法检查",
                    form=f'<p class="error-box" role="alert">✖ {escape(e.message)}</p>'
                         '<p><a href="/">返回上传页面</a></p>')
        return out.getvalue()


FORM_CSS = """
.upload{border:2px solid #1a73e8;border-radius:8px;padding:8px 18px 4px;margin:16px 0;background:#f7fbff}
.upload.compact h1{font-size:18px}.drop{border:2px dashed #888;border-radius:6px;padding:14px;margin:8px 0;background:#fff}
.drop.over{border-color:#1a73e8;background:#e8f0fe}.opts input[type=text]{width:12em}
#go{font-size:17px;padding:6px 22px;cursor:pointer}
"""

FORM_JS = """
(function(){var f=document.getElementById('upload-form'),d=document.getElementById('drop'),
i=document.getElementById('files');if(!f)return;
['dragenter','dragover'].forEach(function(n){d.addEventListener(n,function(e){e.preventDefault();d.classList.add('over');});});
['dragleave','drop'].forEach(function(n){d.addEventListener(n,function(e){e.preventDefault();d.classList.remove('over');});});
d.addEventListener('drop',function(e){if(e.dataTransfer&&e.dataTransfer.files.length){i.files=e.dataTransfer.files;}});
f.addEventListener('submit',function(){document.getElementById('busy').hidden=false;
document.getElementById('go').disabled=true;});})();
"""


def _split(value: str | None) -> list[str] | None:
    out = [v.strip() for v in (value or "").replace("，", ",").split(",") if v.strip()]
    return out or None


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n % (1024 * 1024) else f"{n // (1024 * 1024)} MB"


def make_server(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, max_upload: int = DEFAULT_MAX_UPLOAD,
                max_files: int = DEFAULT_MAX_FILES, threads: int = 4):
    """A waitress server for the app (ImportError when the `serve` extra is not installed)."""
    from waitress.server import create_server

    app = App(max_upload, max_files, allowed_hosts=LOOPBACK if host in LOOPBACK else None)
    # waitress's own cap on the body matches the app's, so a huge upload is cut off early
    return create_server(app, host=host, port=port, threads=threads,
                         max_request_body_size=app.max_body, ident="report-lint",
                         clear_untrusted_proxy_headers=True, expose_tracebacks=False)


def run(host: str, port: int, max_upload: int, max_files: int) -> int:
    """The sub-command: serve until interrupted (exit 0), or 2 with one line when it cannot."""
    try:
        import waitress  # noqa: F401
    except ImportError:
        print("report-lint: 网页服务需要 waitress，请先安装：pip install 'report-lint[serve]' "
              "(the serve extra is not installed)", file=sys.stderr)
        return 2
    if host not in LOOPBACK:
        print(f"report-lint: 警告：在 {host} 上监听，同一网络中的其他电脑也能打开本页并上传文件 "
              "(listening beyond this machine)", file=sys.stderr)
    try:
        server = make_server(host, port, max_upload, max_files)
    except OSError as e:
        print(f"report-lint: 无法在 {host}:{port} 上监听 ({e.strerror or e}) (cannot listen)", file=sys.stderr)
        return 2
    shown = f"[{host}]" if ":" in host else host
    print(f"report-lint: 请在浏览器中打开 http://{shown}:{server.effective_port}/ （按 Ctrl+C 停止）",
          file=sys.stderr, flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0
