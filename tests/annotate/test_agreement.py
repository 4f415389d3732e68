"""Agreement against values worked out by hand (the arithmetic is written out in each test)."""
from __future__ import annotations

import json
from fractions import Fraction

import pytest
from typer.testing import CliRunner

from annotate.agreement import agreement, read_rows, write_report
from annotate.records import AnnotationRow
from annotate.schema import load_study
from corpus.cli import app

STUDY = load_study("wfh-asn.v1")
STANCE = {1: "mendukung", 2: "menolak", 3: "bersyarat", 4: "netral", 5: "off_topic"}


def rows_from(table: dict[str, list], stance=True) -> list[AnnotationRow]:
    """annotator -> one value per statement (None = did not annotate). stance=False puts 1 as the concern
    'efisiensi' ticked (0 = not ticked) under a constant stance."""
    rows = []
    for annotator, values in table.items():
        for i, v in enumerate(values):
            if v is None:
                continue
            if stance:
                rows.append(AnnotationRow(STUDY.version, f"s{i + 1:02d}", annotator, STANCE[v]))
            else:
                rows.append(AnnotationRow(STUDY.version, f"s{i + 1:02d}", annotator, "netral",
                                          ["efisiensi"] if v else []))
    return rows


def test_krippendorff_2011_nominal_example_with_missing_values():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example C: 4 observers, 12 units.
    _ = None
    table = {"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
             "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
             "C": [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
             "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _]}
    # Unit 12 has one value and is not pairable: n = 40 pairable values. Coincidences worked out per unit
    # (each ordered pair weighted 1/(m_u - 1)): diagonal o11=7, o22=10, o33=8, o44=4, o55=3 -> 32, so 8 off it.
    # Marginals n1=9, n2=13, n3=10, n4=5, n5=3.
    n, off = 40, 8
    expected_e = n * n - (9**2 + 13**2 + 10**2 + 5**2 + 3**2)  # sum over c != k of n_c n_k = 1216
    alpha = 1 - Fraction((n - 1) * off, expected_e)            # = 904/1216
    report = agreement(rows_from(table), STUDY)
    assert report["stance"]["alpha"] == pytest.approx(float(alpha), abs=1e-6)
    assert round(float(alpha), 3) == 0.743  # the value printed in the paper
    assert report["stance"]["n_items"] == 11 and report["stance"]["n_values"] == 40
    assert report["stance"]["observed_agreement"] == pytest.approx(32 / 40)


BINARY = {"A": [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
          "B": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]}


def test_binary_concern_alpha_and_kappa():
    # Krippendorff (2011) example A, read as one concern ticked (1) or not (0) by two annotators.
    # Units: five (0,0) -> o00 = 10, one (1,1) -> o11 = 2, four mixed -> o01 = o10 = 4.
    # n0 = 14, n1 = 6, n = 20: alpha = 1 - (n-1) o01 / (n0 n1) = 1 - 19*4/84.
    alpha = 1 - Fraction(19 * 4, 14 * 6)
    report = agreement(rows_from(BINARY, stance=False), STUDY)
    assert report["concerns"]["efisiensi"]["alpha"] == pytest.approx(float(alpha), abs=1e-6)
    assert round(float(alpha), 3) == 0.095
    # The stance is 'netral' everywhere: no variation, so alpha is 0/0 (undefined) while agreement is perfect.
    assert report["stance"]["alpha"] is None
    assert report["stance"]["observed_agreement"] == 1.0
    assert "no variation" in report["stance"]["undefined"]
    # A concern nobody ticked is undefined the same way.
    assert report["concerns"]["ekonomi"]["alpha"] is None


def test_pairwise_kappa_by_hand():
    # Stances of two annotators on 10 statements, agreeing on 6 (p_o = 0.6). A says 'menolak' 2 times, B 4 times:
    # p_e = 0.2*0.4 + 0.8*0.6 = 0.56; kappa = (0.6 - 0.56) / (1 - 0.56) = 1/11.
    table = {a: [2 if v else 1 for v in values] for a, values in BINARY.items()}
    report = agreement(rows_from(table), STUDY)
    (pair,) = report["kappa_stance"]
    assert pair["annotators"] == ["A", "B"] and pair["n_items"] == 10
    assert pair["kappa"] == pytest.approx(1 / 11, abs=1e-6)


def test_three_annotators_give_three_pairs_with_their_own_counts():
    _ = None
    table = {"A": [1, 2, 1, 2], "B": [1, 2, _, _], "C": [_, 2, 1, 1]}
    pairs = {tuple(k["annotators"]): k for k in agreement(rows_from(table), STUDY)["kappa_stance"]}
    assert {p: k["n_items"] for p, k in pairs.items()} == {("A", "B"): 2, ("A", "C"): 3, ("B", "C"): 1}
    assert pairs[("A", "B")]["kappa"] == 1.0
    # A vs C on s02..s04: (2,2) (1,1) (2,1): p_o = 2/3; A: 1 once of 3, C: 1 twice -> p_e = 1/3*2/3 + 2/3*1/3 = 4/9
    assert pairs[("A", "C")]["kappa"] == pytest.approx((2 / 3 - 4 / 9) / (1 - 4 / 9), abs=1e-6)
    assert pairs[("B", "C")]["kappa"] is None and "no variation" in pairs[("B", "C")]["undefined"]


@pytest.mark.parametrize("table, why", [
    ({"A": [1, 2, 3]}, "no statement has two or more usable annotations"),          # one annotator
    ({"A": [1, 2, None, None], "B": [None, None, 1, 2]}, "no statement has two"),  # no overlap
])
def test_nothing_to_compare_is_undefined_not_a_crash(table, why):
    report = agreement(rows_from(table), STUDY)
    assert report["stance"]["alpha"] is None and report["stance"]["n_items"] == 0
    assert why in report["stance"]["undefined"]
    for pair in report["kappa_stance"]:
        assert pair["kappa"] is None and pair["n_items"] == 0


def test_full_agreement_with_variation_is_one():
    report = agreement(rows_from({"A": [1, 2, 3, 4], "B": [1, 2, 3, 4]}), STUDY)
    assert report["stance"]["alpha"] == 1.0
    assert report["kappa_stance"][0]["kappa"] == 1.0


def test_skipped_and_cancelled_rows_are_left_out_and_counted():
    rows = rows_from({"A": [1, 2, 3, 4], "B": [1, 2, 3, 4]})
    rows += [AnnotationRow(STUDY.version, "s01", "C", None, was_cancelled=True),
             AnnotationRow(STUDY.version, "s02", "C", "menolak", was_cancelled=True),
             AnnotationRow(STUDY.version, "s03", "D", None)]
    report = agreement(rows, STUDY)
    assert report["skipped"] == 3 and report["rows"] == 11
    assert report["stance"]["alpha"] == 1.0 and report["stance"]["n_values"] == 8
    assert sorted(report["annotators"]) == ["A", "B"]


def test_a_repeated_row_counts_once_and_the_latest_wins():
    rows = rows_from({"A": [1, 2], "B": [1, 2]}) + [AnnotationRow(STUDY.version, "s01", "A", "menolak")]
    report = agreement(rows, STUDY)
    assert report["repeated"] == 1 and report["stance"]["n_values"] == 4
    assert report["stance"]["observed_agreement"] == pytest.approx(2 / 4)


def test_rows_of_another_study_are_refused():
    rows = [AnnotationRow("kebijakan-publik.v1", "s01", "A", "netral")]
    with pytest.raises(ValueError, match="kebijakan-publik.v1, not wfh-asn.v1"):
        agreement(rows, STUDY)


def test_report_files(tmp_path):
    report = agreement(rows_from({"A": [1, 2, 3, 1], "B": [1, 2, 3, 2]}), STUDY)
    json_path, md_path, png_path = write_report(report, tmp_path / "out")
    assert json.loads(json_path.read_text(encoding="utf-8")) == report
    md = md_path.read_text(encoding="utf-8")
    assert f"| stance | {report['stance']['alpha']:.3f} | 4 | 8 |" in md
    assert "| A | B |" in md
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_reads_rows_reports_bad_lines_and_goes_on(tmp_path):
    rows = rows_from({"A": [1, 2, 3, 1], "B": [1, 2, 3, 2]})
    path = tmp_path / "rows.jsonl"
    lines = [json.dumps(r.to_dict()) for r in rows]
    lines.insert(2, "{not json")
    lines.insert(5, json.dumps({"statement_id": "s09"}))
    lines.insert(7, "[1, 2]")
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"study": "\xff"}\n')
    result = CliRunner().invoke(app, ["agreement", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for n in (3, 6, 8, 12):  # bad JSON, missing fields, not an object, not UTF-8
        assert f"{path}:{n}: not an annotation row" in result.output
    assert "rows=8 other_study=0 skipped=0 bad_lines=4 statements=4 stance_items=4 alpha_stance=" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["agreement.json", "agreement.md", "agreement.png"]
    assert read_rows(path)[0] == rows


def test_cli_names_a_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["agreement", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nope.jsonl: cannot read" in result.output


def test_cli_with_rows_of_two_studies_needs_a_choice_and_counts_the_rest(tmp_path):
    rows = rows_from({"A": [1, 2], "B": [1, 2]}) + [AnnotationRow("kebijakan-publik.v1", "k1", "A", "netral")]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["agreement", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "rows of 2 studies" in result.output
    result = CliRunner().invoke(app, ["agreement", str(path), "-o", str(tmp_path / "out"), "--study", "wfh-asn.v1"])
    assert result.exit_code == 0, result.output
    assert "rows=4 other_study=1 skipped=0" in result.output
