"""Split paragraphs into sentences on Chinese sentence ends, keeping quotations whole."""

from __future__ import annotations

from collections.abc import Iterator

TERMINATORS = set("。!?！？")
OPEN_QUOTES = set("“「『")
CLOSE_QUOTES = set("”」』")
TRAILERS = CLOSE_QUOTES | set("’)）》】\"'")
MAX_QUOTED = 400  # an unclosed quotation stops protecting its sentence ends after this
ATTRIBUTION_MAX = 15  # '…发展。”李庆说。': a short tail after a quotation belongs to it


def split(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Sentence spans inside ``spans`` (the lines of one paragraph) of ``text``."""
    positions = [i for s, e in spans for i in range(s, e)]
    start = None
    depth = 0
    k = 0
    n = len(positions)
    while k < n:
        i = positions[k]
        ch = text[i]
        if start is None:
            if ch.isspace():
                k += 1
                continue
            start, depth = k, 0
        if ch in OPEN_QUOTES:
            depth += 1
        elif ch in CLOSE_QUOTES and depth:
            depth -= 1
        if _ends(text, positions, k, start, depth):
            k, depth = _swallow(text, positions, k, depth)
            k = _attribution(text, positions, k)
            yield _trim(text, positions, start, k)
            start = None
        elif ch in CLOSE_QUOTES and depth == 0 and k > start and text[positions[k - 1]] in TERMINATORS:
            k = _attribution(text, positions, k)
            yield _trim(text, positions, start, k)
            start = None
        k += 1
    if start is not None:
        yield _trim(text, positions, start, n - 1)


def _ends(text: str, positions: list[int], k: int, start: int, depth: int) -> bool:
    """A sentence end outside quotation marks (or in a quotation left open too long)."""
    return (text[positions[k]] in TERMINATORS and (depth == 0 or k - start > MAX_QUOTED)
            and not _inside_word(text, positions, k))


def _swallow(text: str, positions: list[int], k: int, depth: int) -> tuple[int, int]:
    """Past the '?!' runs and closing quotes/brackets after the end mark at K."""
    n = len(positions)
    while k + 1 < n and (text[positions[k + 1]] in TERMINATORS or text[positions[k + 1]] in TRAILERS):
        k += 1
        if text[positions[k]] in CLOSE_QUOTES and depth:
            depth -= 1
    return k, depth


def _attribution(text: str, positions: list[int], k: int) -> int:
    """After a quotation closing on a sentence end, include a short tail such as '李庆说。'."""
    if text[positions[k]] not in CLOSE_QUOTES:
        return k
    for j in range(k + 1, min(len(positions), k + 1 + ATTRIBUTION_MAX)):
        ch = text[positions[j]]
        if ch in OPEN_QUOTES or ch in CLOSE_QUOTES or ch == "\n":
            return k
        if ch in TERMINATORS:
            return j
    return k


def _inside_word(text: str, positions: list[int], k: int) -> bool:
    """ASCII '?'/'!' directly before a letter is not a sentence end (damaged pinyin '?zèng)')."""
    return text[positions[k]] in "?!" and k + 1 < len(positions) and text[positions[k + 1]].isascii() and text[positions[k + 1]].isalpha()


def _trim(text: str, positions: list[int], a: int, b: int) -> tuple[int, int]:
    while b > a and text[positions[b]].isspace():
        b -= 1
    return positions[a], positions[b] + 1


# A sentence candidate longer than this (characters of the file) is cut: the
# extractors' work on a sentence grows faster than its length, so without a cap a
# line with no sentence end costs quadratic time and memory (128 KB: 75 s, 1.2 GB).
# The seeds' and dev articles' longest sentence spans 457 characters.
MAX_SENTENCE = 1000
CLAUSE_MARKS = set("，,；;：:、")


def capped(text: str, sentences: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """SENTENCES with every span over MAX_SENTENCE cut into pieces: after the last
    clause mark of its second half, else the last space, else at the cap."""
    for start, end in sentences:
        while end - start > MAX_SENTENCE:
            cut = _cut_point(text, start, start + MAX_SENTENCE)
            b = cut
            while b > start and text[b - 1].isspace():
                b -= 1
            yield start, b
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            yield start, end


def _cut_point(text: str, start: int, limit: int) -> int:
    half = start + MAX_SENTENCE // 2
    for marks in (CLAUSE_MARKS, None):
        for i in range(limit - 1, half, -1):
            if (text[i] in marks) if marks else text[i].isspace():
                return i + 1
    return limit
