"""Bytes -> text. UTF-8 (with or without BOM) first; otherwise the Chinese legacy
encodings GB18030 and Big5, chosen by charset-normalizer when both decode."""

from __future__ import annotations

import codecs

import charset_normalizer


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


_CANDIDATES = ("gb18030", "big5")


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = data[:8192]
    # Control bytes other than tab/newline/CR/form feed/ESC are rare in text files.
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 50)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises DecodeError for empty, binary or undecodable data."""
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"bad UTF-16: {exc.reason}") from None
    if _looks_binary(data):
        raise DecodeError("binary file (control bytes), not text")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    strict = []
    for enc in _CANDIDATES:
        try:
            strict.append((data.decode(enc), enc))
        except UnicodeDecodeError:
            continue
    if len(strict) == 1:
        return strict[0]
    if strict:
        # Big5 text often also decodes as GB18030 (as nonsense); let the detector judge.
        best = charset_normalizer.from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
        chosen = best.encoding if best else _CANDIDATES[0]
        for text, enc in strict:
            if codecs.lookup(enc).name == codecs.lookup(chosen).name:
                return text, enc
        return strict[0]
    raise DecodeError("not UTF-8, GB18030 or Big5 text")
