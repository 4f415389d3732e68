import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import import_offline_labels as imp  # noqa: E402


def _run(tmp_path, sheet: str):
    stmts = tmp_path / "st.jsonl"
    stmts.write_text("".join(json.dumps({"statement_id": s}) + "\n" for s in ("s1", "s2")))
    src = tmp_path / "sheet.tsv"
    src.write_text(sheet, encoding="utf-8")
    out = tmp_path / "rows.jsonl"
    imp.main([str(src), "--statements", str(stmts), "--annotator", "ann", "-o", str(out)])
    return [json.loads(line) for line in out.open()]


def test_sheet_becomes_annotation_rows_in_schema_order(tmp_path):
    rows = _run(tmp_path, "s1\tbersyarat\tefisiensi,kualitas_pelayanan\ns2\tnetral\t\n")
    assert [(r["statement_id"], r["stance"], r["concerns"], r["annotator"]) for r in rows] == [
        ("s1", "bersyarat", ["kualitas_pelayanan", "efisiensi"], "ann"),
        ("s2", "netral", [], "ann"),
    ]


@pytest.mark.parametrize("sheet, problem", [
    ("s9\tnetral\t\n", "unknown statement_id s9"),
    ("s1\tsetuju\t\n", "stance 'setuju'"),
    ("s1\tnetral\tbudaya\n", "unknown concern(s) ['budaya']"),
    ("s1\tnetral\t\ns1\tmenolak\t\n", "labelled twice"),
])
def test_bad_sheet_lines_are_named_and_nothing_is_written(tmp_path, sheet, problem):
    with pytest.raises(SystemExit) as exc:
        _run(tmp_path, sheet)
    assert problem in str(exc.value) and "sheet.tsv:" in str(exc.value)
    assert not (tmp_path / "rows.jsonl").exists()
