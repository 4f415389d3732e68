"""Pairing quotation marks into quoted spans.

Handles straight and curly marks, Kompas style (” opens and closes), a mark glued to the next word
(`,”kata`), and quotes that run over paragraph breaks with or without a re-opening mark."""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“"
CLOSERS = "”"
AMBIGUOUS = '"'
MARKS = re.compile(r'["“”]')
_WORDISH = re.compile(r"[\w(\[‘'…]")


@dataclass
class Quote:
    open: int  # index of the opening mark
    close: int | None  # index of the closing mark; None when never closed
    start: int  # content span, after trimming
    end: int
    paragraphs: int  # how many paragraphs the quote covers


def _looks_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    return (before.isspace() or before in "([—–-:") and bool(_WORDISH.match(after))


def _looks_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    return not before.isspace() and (after.isspace() or after in ".,;:!?)—–-" or after.isalpha())


def trim_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Content inside the marks, without surrounding space and without the comma before the closing mark."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",，"):
        end -= 1
    return start, end


def find_quotes(text: str, paragraph_starts: list[int]) -> tuple[list[Quote], list[str]]:
    """All quoted spans in order, and warnings about marks that could not be paired."""
    import bisect

    def para_of(i: int) -> int:
        return bisect.bisect_right(paragraph_starts, i) - 1

    def para_end(p: int) -> int:
        return paragraph_starts[p + 1] if p + 1 < len(paragraph_starts) else len(text)

    marks = [m.start() for m in MARKS.finditer(text)]
    quotes: list[Quote] = []
    warnings: list[str] = []
    opened: int | None = None
    k = 0
    while k < len(marks):
        i = marks[k]
        ch = text[i]
        if opened is None:
            if ch in OPENERS or _looks_open(text, i):
                opened = i
            else:
                warnings.append(f"unpaired closing quote mark at offset {i}")
            k += 1
            continue
        p_open, p_here = para_of(opened), para_of(i)
        if p_here != p_open:
            # The quote reached the end of its paragraph unclosed. It continues only if the next paragraph
            # (directly after) re-opens with a mark or closes the quote; otherwise it was never closed.
            next_para = p_open + 1
            at_para_start = text[paragraph_starts[p_here]:i].strip() == ""
            if p_here == next_para and at_para_start and (ch in OPENERS or _looks_open(text, i)):
                k += 1  # re-opening mark of a multi-paragraph quote: skip it
                continue
            if p_here == next_para and (ch in CLOSERS or ch == AMBIGUOUS) and _looks_close(text, i):
                pass  # continuation without re-opening mark (seed 000): fall through and close here
            else:
                end = para_end(p_open)
                s, e = trim_content(text, opened + 1, end)
                quotes.append(Quote(opened, None, s, e, 1))
                warnings.append(f"unclosed quote at offset {opened}")
                opened = None
                continue  # re-examine this mark with no quote open
        if ch in OPENERS and not _looks_close(text, i):
            # “ while a quote is open: the previous quote lacked its closing mark
            s, e = trim_content(text, opened + 1, i)
            quotes.append(Quote(opened, None, s, e, 1))
            warnings.append(f"unclosed quote at offset {opened}")
            opened = None
            continue
        s, e = trim_content(text, opened + 1, i)
        quotes.append(Quote(opened, i, s, e, para_of(i) - para_of(opened) + 1))
        opened = None
        k += 1
    if opened is not None:
        p = para_of(opened)
        s, e = trim_content(text, opened + 1, para_end(p))
        quotes.append(Quote(opened, None, s, e, 1))
        warnings.append(f"unclosed quote at offset {opened}")
    return [q for q in quotes if q.end > q.start], warnings
