"""Read a file's bytes into normalised text, or say exactly why it cannot be read.

Newspaper feeds arrive as UTF-8, UTF-8 with BOM or GB18030/GBK, Hong Kong and Taiwan papers'
as Big5. Strict decoders are tried first in that order (GB18030 is a superset of GBK and
GB2312; Big5 when GB18030 reads the bytes as the kana and symbols Big5 turns into);
charset-normalizer only decides the rare file that is none of these. Anything that still is
not Chinese text is rejected, never guessed into mojibake.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np


from tasks.han import HAN_FIRST, HAN_LAST


class DecodeError(ValueError):
    """The file is not text baoku can ingest; the message is the reason recorded in `sources`."""


# What str.isspace() (and the regex \s) calls whitespace, by code point: all below U+3001,
# as a table indexed by code point (the last entry stands for every point above).
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3002)], bool)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE = " \t\u3000\u00a0"
_MAX_BAD_UTF8_SHARE = 0.05  # of characters; GB18030 text read as UTF-8 is mostly bad
_MIN_HAN_SHARE = 0.2  # of non-space characters: below this it is not Chinese newspaper text
# kana, bopomofo, Greek, Cyrillic, box drawing, private use: what Big5 read as GB18030 turns
# into (see `_gb18030_or_big5`)
_GB_MOJIBAKE = re.compile(r"[\u0370-\u04ff\u2500-\u257f\u3040-\u30ff\u3100-\u312f\ue000-\uf8ff]")
_MAX_MOJIBAKE_SHARE = 0.02  # of the characters looked at
_SAMPLE = 20_000


def detect(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of `data`; raises DecodeError when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise DecodeError(f"UTF-8 BOM but invalid UTF-8 at byte {e.start + 3}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise DecodeError(f"UTF-16 BOM but invalid UTF-16 at byte {e.start}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        # A file cut off inside its last multi-byte character is still UTF-8 otherwise.
        if utf8_error.start >= len(data) - 3 and utf8_error.reason == "unexpected end of data":
            raise DecodeError(f"truncated UTF-8: incomplete character at byte {utf8_error.start}") from None
        # GB18030 decodes almost any bytes, so UTF-8 with a few bad bytes (a mixed or damaged
        # file) would come out as mojibake. Real GB text fails UTF-8 almost everywhere.
        bad = data.decode("utf-8", errors="replace").count("\ufffd")
        if bad <= _MAX_BAD_UTF8_SHARE * len(data) / 3:
            raise DecodeError(f"mixed or damaged encoding: {bad} invalid UTF-8 sequences, "
                              f"first at byte {utf8_error.start}") from None
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        return _gb18030_or_big5(data, text)
    from charset_normalizer import from_bytes     # rarely needed: 0.3 s to import

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding not in ("utf_8", "gb18030"):
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise DecodeError("not valid UTF-8 or GB18030 (mixed or unknown encoding, or binary)")


def _gb18030_or_big5(data: bytes, gb: str) -> tuple[str, str]:
    """Big5 (Hong Kong and Taiwan papers) decodes as GB18030 too, without an error: into kana,
    bopomofo, Greek, box drawing and private-use points, where Big5's common characters fall.
    Read so, the file is tried as Big5-HKSCS and CP950 (Big5 with Microsoft's additions)."""
    sample = gb[:_SAMPLE]
    odd = len(_GB_MOJIBAKE.findall(sample))
    if odd <= _MAX_MOJIBAKE_SHARE * len(sample):
        return gb, "gb18030"
    for encoding in ("big5hkscs", "cp950"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_GB_MOJIBAKE.findall(text[:_SAMPLE])) < odd:
            return text, encoding
    return gb, "gb18030"


def normalize(text: str) -> str:
    """LF line ends, NFC, no control characters, no trailing spaces; leading full-width
    indentation is kept because it marks paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    text = _CONTROL.sub("", text)
    # Line by line: the regex `[ \t\u3000]+$` (multi-line) tries at every character.
    return "\n".join(line.rstrip(_TRAILING_SPACE) for line in text.split("\n"))


def _visible_and_han(text: str) -> tuple[int, int]:
    """(characters that are not whitespace, Han characters among them), counted over the
    code points as one array rather than by building two filtered copies of the text."""
    points = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    han = int(np.count_nonzero((points >= HAN_FIRST) & (points <= HAN_LAST)))
    spaces = int(np.count_nonzero(_IS_SPACE[np.minimum(points, len(_IS_SPACE) - 1)]))
    return len(points) - spaces, han


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode and normalise a whole file; raises DecodeError with the reason to record."""
    if not data:
        raise DecodeError("empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("binary file (NUL bytes)")
    text, encoding = detect(data)
    text = normalize(text)
    visible, han = _visible_and_han(text)
    if not visible:
        raise DecodeError("no text: only whitespace")
    if han == 0:
        raise DecodeError("no Chinese text")
    if han / visible < _MIN_HAN_SHARE:
        raise DecodeError(f"too little Chinese text ({han} of {visible} characters)")
    return text, encoding
