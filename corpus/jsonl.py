"""One reader for every JSONL file wacana takes in: each line is an object or a problem naming its line, and a
bad line never stops the rest (callers decide whether a problem is fatal)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, object, None) for each object line, (line number, None, problem) for each bad one; blank
    lines are skipped."""
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield n, None, f"not JSON ({e.msg})"
                continue
            if isinstance(obj, dict):
                yield n, obj, None
            else:
                yield n, None, "not a JSON object"
