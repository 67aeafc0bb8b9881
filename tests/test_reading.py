"""Encodings, traditional input and positions in the original text."""
import json

import pytest

from report_lint.read import InputError, decode
from report_lint.normalise import normalise

from conftest import EXAMPLES, seed

TEXT = "四、政府信息公開行政復議、行政訴訟情況\n一、總體情況\n"


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "big5", "utf-16-le"])
def test_encodings_decode(enc):
    data = seed("003").read_text(encoding="utf-8").replace("(guó)", "").encode(enc, errors="ignore") if enc in ("gb18030", "big5") \
        else seed("003").read_bytes().decode("utf-8").encode(enc)
    text, name = decode(data)
    assert "總體情況" in text


@pytest.mark.parametrize("enc", ["utf-8-sig", "gb18030", "utf-16", "big5"])
def test_encodings_through_cli(cli, tmp_path, enc):
    src = seed("000").read_text(encoding="utf-8")
    f = tmp_path / f"r-{enc}.txt"
    f.write_bytes(src.encode(enc, errors="replace"))
    p = cli("--format", "json", f)
    doc = json.loads(p.stdout)["files"][0]
    assert doc["error"] is None
    assert doc["script"] == "traditional"
    codes = sorted(x["code"] for x in doc["findings"] if x["severity"] == "error")
    assert codes.count("RL107") == 2 and "RL108" in codes


def test_undecodable_is_input_error():
    with pytest.raises(InputError):
        decode(b"\xff\xfe\xfd" * 3 + b"\x81\x20\x81\x20", "utf-8")


def test_traditional_positions_point_into_the_original():
    text = seed("000").read_text(encoding="utf-8")
    nt = normalise(text)
    assert len(nt.norm) == len(text)
    # 表三's corner note in the traditional original
    i = nt.compact.index("本列数据的勾稽关系")
    o = nt.to_orig(i)
    assert text[o:o + 9] == "本列數據的勾稽關係"


def test_positions_for_traditional_input_through_cli(cli):
    p = cli("--format", "json", seed("000"))
    doc = json.loads(p.stdout)["files"][0]
    text = seed("000").read_text(encoding="utf-8").split("\n")
    f = next(x for x in doc["findings"] if x["code"] == "RL108")
    assert text[f["line"] - 1][f["column"] - 1:].startswith("(本列數據")
    f = next(x for x in doc["findings"] if x["code"] == "RL107" and x["table"] == "四")
    assert text[f["line"] - 1][f["column"] - 1:].startswith("四、政府資訊公開行政復議") or \
        text[f["line"] - 1][f["column"] - 1:].startswith("四、")


def test_pinyin_glosses_do_not_break_labels():
    text = "三、收到和處理政府信息公開(kāi)申請(qǐng)情況"
    nt = normalise(text)
    assert "收到和处理政府信息公开申请情况" in nt.compact
