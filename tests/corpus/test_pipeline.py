"""The segment stage over a batch with bad inputs, and the CLI around it."""
import json

from typer.testing import CliRunner

from corpus.cli import app
from corpus.pipeline import read_articles_parquet, run_segment

GOOD = ("Judul Berita\n\nJAKARTA, KOMPAS.com - Menteri Keuangan Sri Mulyani menilai bahwa anggaran negara "
        "tetap aman tahun ini.\n\n\"Kami jaga defisit di bawah tiga persen,\" kata Sri Mulyani.\n")


def _batch(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (d / "latin.txt").write_bytes(GOOD.replace("Kami", "Kamí").encode("cp1252"))
    (d / "script.html").write_text("<html><head><script>alert('x')</script><title>T</title></head><body><article>"
                                   "<p>Wali Kota Bekasi Tri Adhianto mengatakan bahwa pelayanan publik tetap "
                                   "berjalan normal selama masa uji coba.</p></article></body></html>", encoding="utf-8")
    (d / "only_quotes.txt").write_text('Judul\n\n"Semua pegawai wajib hadir di kantor besok pagi."\n', encoding="utf-8")
    (d / "unclosed.txt").write_text('Judul\n\n"Kami tidak akan menerapkan WFH sama sekali kata dia.\n', encoding="utf-8")
    return d


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    out = tmp_path / "out" / "statements.jsonl"
    summary, issues, n = run_segment(_batch(tmp_path), out, articles_out=tmp_path / "out" / "articles.parquet")
    rows = [json.loads(line) for line in out.open()]
    assert n == len(rows)
    assert {r["article_id"] for r in rows} >= {"good", "latin", "script", "only_quotes", "unclosed"}
    assert summary.read == 5
    assert dict(summary.skipped) == {"binary": 1, "empty": 1}
    reasons = {i.source.rsplit("/", 1)[-1]: i.reason for i in issues}
    assert len(reasons) == len(issues)  # one line per bad input
    assert set(reasons) == {"empty.txt", "binary.txt", "latin.txt", "unclosed.txt"}
    assert all(name in reasons[name] for name in reasons)  # every line names its file
    report = (tmp_path / "out" / "statements.issues.tsv").read_text(encoding="utf-8").splitlines()
    assert len(report) == len(issues) + 1 and report[-1].startswith("# read=5 skipped=2")
    assert not any("alert" in r["text"] for r in rows)
    articles = {a.article_id: a for a in read_articles_parquet(tmp_path / "out" / "articles.parquet")}
    for r in rows:
        assert articles[r["article_id"]].text[r["start"]:r["end"]] == r["text"]


def test_cli_segment_and_evaluate_round_trip(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "s.jsonl"
    runner = CliRunner()
    res = runner.invoke(app, ["segment", str(d), "-o", str(out), "--articles", str(tmp_path / "a.parquet")])
    assert res.exit_code == 0, res.output
    assert res.output.strip().splitlines()[-1] == "read=1 skipped=0 warnings=0 statements=2"
    res = runner.invoke(app, ["evaluate", str(out), str(out), "--articles", str(tmp_path / "a.parquet"),
                              "-o", str(tmp_path / "r.json")])
    assert res.exit_code == 0, res.output
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["scores"]["all"]["overlap"]["f1"] == 1.0


def test_an_article_that_breaks_extraction_is_reported_and_the_rest_go_on(tmp_path, extraction_fails_on_b):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a", "b", "c"):
        (d / f"{name}.txt").write_text(GOOD, encoding="utf-8")
    summary, issues, n = run_segment(d, tmp_path / "s.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "s.jsonl").open()]
    assert {r["article_id"] for r in rows} == {"a", "c"}
    assert [i.kind for i in issues] == ["extraction_error"]
    assert "b.txt" in issues[0].reason and "boom" in issues[0].reason
    assert summary.read == 2 and summary.skipped["extraction_error"] == 1


def test_ingest_several_inputs_into_one_parquet(tmp_path):
    # issue 4: `make train` ingests the seed folder and the PFSA-ID JSONL together, duplicates marked across both
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(json.dumps({"id": "copy", "text": GOOD}) + "\n" +
                     json.dumps({"id": "other", "text": "Judul\n\nBerita lain sama sekali tentang banjir."}) + "\n",
                     encoding="utf-8")
    out = tmp_path / "articles.parquet"
    result = CliRunner().invoke(app, ["ingest", str(folder), str(jsonl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    articles = {a.article_id: a for a in read_articles_parquet(out)}
    assert set(articles) == {"a", "copy", "other"}
    assert articles["copy"].duplicate_of == "a" and articles["other"].duplicate_of is None
