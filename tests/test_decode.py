"""Reading bytes into text: every encoding the contract names, and clear reasons otherwise."""
import pytest

from tasks.ingest.decode import DecodeError, decode_bytes
from tests.corpus import SEED

PAGE = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding,name", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"),
                                           ("gb18030", "gb18030"), ("gbk", "gb18030")])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_seed_page_round_trips_in_every_encoding(encoding, name, newline):
    data = PAGE.replace("\n", newline).encode(encoding)
    text, detected = decode_bytes(data)
    assert detected == name
    assert "\r" not in text
    assert "本报讯(记者黄洪涛 通讯员邢钰淇 王君)" in text
    assert text.splitlines() == [line.rstrip() for line in PAGE.splitlines()]


def test_full_width_indentation_is_kept_and_trailing_space_dropped():
    text, _ = decode_bytes("　　本报北京1月31日电　　\r\n　　第二段。\u00a0\r\n".encode("gb18030"))
    assert text == "　　本报北京1月31日电\n　　第二段。\n"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (" \n\t\r\n　　\n".encode("utf-8"), "only whitespace"),
    (b"Hello, this is an English page.\n" * 10, "no Chinese text"),
    ("，。！？……——".encode("utf-8"), "no Chinese text"),
    ("工人日报".encode("utf-8")[:-1], "truncated UTF-8"),
])
def test_bad_bytes_are_rejected_with_their_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_mixed_encodings_in_one_file_are_rejected_not_garbled():
    data = "第一段用UTF-8。\n".encode("utf-8") + "第二段用GBK编码，内容更长一些。\n".encode("gbk")
    with pytest.raises(DecodeError):
        decode_bytes(data)


def test_utf8_page_with_a_few_foreign_bytes_is_not_read_as_gb18030_mojibake():
    data = PAGE.encode("utf-8")
    damaged = data[:5000] + "（编者注）".encode("gbk") + data[5000:]
    with pytest.raises(DecodeError, match="mixed or damaged encoding"):
        decode_bytes(damaged)


@pytest.mark.parametrize("encoding", ["big5", "big5hkscs", "cp950"])
def test_big5_pages_of_hong_kong_and_taiwan_are_not_read_as_gb18030(encoding):
    """Big5 bytes are valid GB18030 too (as kana, box drawing and rare characters): before this
    check such a page was stored as mojibake."""
    import opencc

    page = opencc.OpenCC("s2tw").convert(PAGE)     # Taiwan's standard forms: all in Big5
    text, detected = decode_bytes(page.encode(encoding))
    assert detected in ("big5hkscs", "cp950")
    assert text.splitlines() == [line.rstrip() for line in page.splitlines()]
    # and a simplified page in GB18030 stays GB18030, kana and Greek in it notwithstanding
    text, detected = decode_bytes((PAGE + "（アニメ展 α、β）").encode("gb18030"))
    assert detected == "gb18030" and text.endswith("（アニメ展 α、β）")
