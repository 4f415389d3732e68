"""Fixtures on the synthetic corpus of synthetic_corpus.py: the files a real run reads, a built dataset, a model."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from synthetic_corpus import STUDY, make_corpus, make_labels, write_jsonl


@pytest.fixture(scope="session")
def corpus_files(tmp_path_factory):
    """Statements JSONL, articles Parquet, labels JSONL (with broken rows), adjudications JSONL."""
    d = tmp_path_factory.mktemp("corpus")
    statements, articles, truth = make_corpus()
    rows, adjudications, unresolved = make_labels(statements, truth)
    st_path = write_jsonl(d / "statements.jsonl", statements)
    art_path = d / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(articles), art_path)
    labels = [r.to_dict() for r in rows]
    labels.append({**labels[0], "statement_id": "gone000000000000"})              # statement no longer extracted
    labels.append({**labels[1], "stance": "sangat_mendukung"})                     # not a label of the study
    labels.append({**labels[2], "study": "wfh-asn.v1"})                            # another study
    lab_path = write_jsonl(d / "annotations.jsonl", labels)
    with lab_path.open("a", encoding="utf-8") as f:
        f.write("{not json\n")
    adj_path = write_jsonl(d / "adjudications.jsonl", [r.to_dict() for r in adjudications])
    return {"statements": st_path, "articles": art_path, "labels": lab_path, "adjudications": adj_path,
            "truth": truth, "unresolved": unresolved, "dir": d, "n_labels": len(labels)}


@pytest.fixture(scope="session")
def built_dataset(corpus_files, tmp_path_factory):
    from models.dataset import run_dataset

    out = tmp_path_factory.mktemp("ds") / "dataset"
    note = corpus_files["dir"] / "LABELS.md"
    note.write_text("# Who labelled\n\nSynthetic rows written by the test suite.\n", encoding="utf-8")
    built = run_dataset(corpus_files["statements"], corpus_files["labels"], out, STUDY,
                        articles_path=corpus_files["articles"], adjudications_path=corpus_files["adjudications"],
                        seed=7, license="cc-by-nc-sa-4.0", provenance=[note])
    return out, built


@pytest.fixture(scope="session")
def trained_model(built_dataset, tmp_path_factory):
    from models.train import run_train

    out_dir = tmp_path_factory.mktemp("models")
    return run_train(built_dataset[0], "synthetic", out_dir)
