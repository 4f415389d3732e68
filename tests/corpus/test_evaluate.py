"""Scoring: locating gold, overlap/exact matching, per-type scores, speaker rule, clitic slice, loaders."""
from __future__ import annotations

import hashlib
import json

import pytest

from corpus.evaluate import (
    covered,
    evaluate,
    format_report,
    greedy_match,
    is_clitic_or_pronoun,
    jaccard,
    load_gold,
    locate,
    run_evaluation,
    speaker_match,
    word_index,
)

TEXT = (
    "Menurut Tito, pemerintah siap membantu daerah.\n\n"
    "\u201cKami akan turun ke lapangan,\u201d kata Tito Karnavian.\n\n"
    "Ia menegaskan bahwa anggaran sudah cukup tersedia."
)
AID = "a1"


def span(text: str, sub: str, n: int = 1) -> tuple[int, int]:
    i = -1
    for _ in range(n):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def rec(sub, quote_type="indirect", text=TEXT, aid=AID, n=1, **kw):
    s, e = span(text, sub, n)
    return {"article_id": aid, "start": s, "end": e, "text": text[s:e], "quote_type": quote_type, **kw}


GOLD = [
    rec("pemerintah siap membantu daerah.", speaker="Tito", speaker_mention="Tito", cue="Menurut",
        role_category="menteri"),
    rec("Kami akan turun ke lapangan", "direct", speaker="Tito Karnavian", speaker_mention="Tito Karnavian",
        cue="kata", role_category="menteri"),
    rec("anggaran sudah cukup tersedia.", speaker="Tito Karnavian", speaker_mention="Ia", cue="menegaskan bahwa"),
]


# ---------------------------------------------------------------------------------------------- locate
@pytest.mark.parametrize(
    "text, needle, occurrence, expected",
    [
        ("a  b\n\nc", "a b c", 1, (0, 7)),
        ("a b c", "a\n b  c", 1, (0, 5)),
        ("x\u00a0y", "x y", 1, (0, 3)),  # NBSP in the text is whitespace
        ("ya ya ya", "ya", 2, (3, 5)),
        ("ya ya", "ya", 3, None),
        ("abc", "abd", 1, None),
        ("abc", "   ", 1, None),
        # raw gold in cleaned text: cleaning spaced a glued sentence and dropped a soft hyphen
        ("guru ataupun siswa. Namun hal", "siswa.Namun hal", 1, (13, 29)),
        ("budaya antiperundungan, dan", "anti\xadperundungan,", 1, (7, 23)),
        ("Rp 3.5 juta", "3.5 juta", 1, (3, 11)),
        ("siswa.Namun", "siswa. Namun", 1, None),  # a space the gold has is never invented away
    ],
)
def test_locate(text, needle, occurrence, expected):
    assert locate(text, needle, occurrence) == expected


def test_guideline_gold_is_located_with_occurrence_in_normalised_text():
    text = "Dia bilang, \u201cya sudah.\u201d Lalu\u00a0lagi: \u201cya sudah.\u201d"
    gold = [{"article_id": "b", "text": "ya sudah.", "occurrence": 2, "quote_type": "direct"}]
    s2, e2 = span(text, "ya sudah.", 2)
    pred = [{"article_id": "b", "start": s2, "end": e2, "quote_type": "direct"}]
    r = evaluate(gold, pred, {"b": text})
    assert r["scores"]["all"]["exact"]["matched"] == 1
    s1, e1 = span(text, "ya sudah.", 1)
    pred_first = [{"article_id": "b", "start": s1, "end": e1, "quote_type": "direct"}]
    assert evaluate(gold, pred_first, {"b": text})["scores"]["all"]["overlap"]["matched"] == 0


def test_unlocated_gold_is_a_false_negative_and_listed():
    gold = [{"article_id": AID, "text": "kalimat yang tidak ada", "quote_type": "indirect"},
            {"article_id": "missing", "text": "x", "quote_type": "direct"}, GOLD[0]]
    r = evaluate(gold, [GOLD[0]], {AID: TEXT}, scope={AID})
    assert r["counts"]["unlocated"] == 2
    assert r["scores"]["all"]["overlap"] == pytest.approx(
        {"precision": 1.0, "recall": 1 / 3, "f1": 0.5, "gold": 3, "predicted": 1, "matched": 1})
    assert [u["reason"] for u in r["unlocated"]] == ["text not found", "article not in the evaluated texts"]
    assert r["scores"]["direct"]["overlap"]["gold"] == 1  # the unlocated direct gold still counts
    assert "unlocated gold (2)" in format_report(r)


def test_record_gold_with_stale_offsets_is_relocated():
    g = dict(GOLD[1], start=0, end=5)
    r = evaluate([g], [GOLD[1]], {AID: TEXT})
    assert r["counts"]["gold_located"] == 1 and r["scores"]["all"]["exact"]["matched"] == 1


# --------------------------------------------------------------------------------------------- matching
def test_covered_and_jaccard():
    idx = word_index("ab cd, ef")
    assert covered(idx, 0, 5) == {0, 1}
    assert covered(idx, 1, 4) == {0, 1}  # partial words count
    assert covered(idx, 5, 6) == frozenset()
    assert jaccard(frozenset({1, 2}), frozenset({2, 3})) == pytest.approx(1 / 3)


def test_greedy_is_one_to_one_by_descending_overlap():
    g = [frozenset({0, 1, 2, 3}), frozenset({2, 3, 4, 5})]
    p = [frozenset({1, 2, 3, 4})]
    # both overlap 3/5; tie -> lower gold index
    assert greedy_match(g, p) == [(0, 0, pytest.approx(0.6))]
    p2 = [frozenset({2, 3, 4, 5}), frozenset({0, 1, 2, 3, 4})]
    assert greedy_match(g, p2) == [(1, 0, 1.0), (0, 1, pytest.approx(0.8))]


@pytest.mark.parametrize(
    "pred_sub, overlap_ok, exact_ok",
    [
        ("pemerintah siap membantu daerah.", True, True),
        ("pemerintah siap membantu daerah", True, False),  # final period differs: not exact, same words
        ("pemerintah siap membantu daerah.\n\n", True, True),  # trailing whitespace ignored for exact
        ("siap membantu daerah.", False, False),  # 3/4 words = 0.75 < 0.8
        ("membantu daerah.", False, False),  # 2/4 words
        ("Tito, pemerintah siap membantu daerah.", True, False),  # 4/5 = 0.8 counts
    ],
)
def test_threshold_and_exact(pred_sub, overlap_ok, exact_ok):
    s, e = span(TEXT, pred_sub)
    pred = [{"article_id": AID, "start": s, "end": e, "quote_type": "indirect"}]
    r = evaluate([GOLD[0]], pred, {AID: TEXT})
    assert r["scores"]["all"]["overlap"]["matched"] == int(overlap_ok)
    assert r["scores"]["all"]["exact"]["matched"] == int(exact_ok)


def test_per_type_scores_restrict_gold_and_predictions():
    pred = [
        dict(GOLD[1]),  # direct, correct
        rec("pemerintah siap membantu daerah.", quote_type="indirect"),  # indirect, correct
        rec("Ia menegaskan", quote_type="direct"),  # direct, wrong
    ]
    r = evaluate(GOLD, pred, {AID: TEXT})
    assert r["scores"]["direct"]["overlap"] == pytest.approx(
        {"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "gold": 1, "predicted": 2, "matched": 1})
    assert r["scores"]["indirect"]["overlap"] == pytest.approx(
        {"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "gold": 2, "predicted": 1, "matched": 1})
    assert r["scores"]["all"]["overlap"]["matched"] == 2
    assert r["counts"] == {"gold": 3, "gold_located": 3, "unlocated": 0, "predicted": 3,
                           "out_of_scope_predictions": 0, "articles": 1, "gold_speaker_underived": 0}


def test_predictions_outside_gold_articles_are_out_of_scope():
    other = {"article_id": "zz", "start": 0, "end": 3, "quote_type": "direct"}
    r = evaluate(GOLD, [GOLD[0], other], {AID: TEXT, "zz": "abc def"})
    assert r["counts"]["predicted"] == 1 and r["counts"]["out_of_scope_predictions"] == 1
    assert r["scores"]["all"]["overlap"]["precision"] == 1.0


# ------------------------------------------------------------------------------------- speaker and role
@pytest.mark.parametrize(
    "gold, pred, ok",
    [
        ("Tito", "Tito Karnavian", True),
        ("Tito Karnavian", "tito", True),
        ("Tito Karnavian", "Tito Karnavian.", True),
        ("Dedy Wahyudi", "Dedy Mulyadi", False),
        (None, None, True),
        (None, "Tito", False),
        ("Tito", None, False),
        ("Ma'ruf Amin", "Ma’ruf Amin", True),  # punctuation removed: {ma, ruf, amin} on both sides
        ("Amin", "Ma’ruf Amin", True),
    ],
)
def test_speaker_match(gold, pred, ok):
    assert speaker_match(gold, pred) is ok


@pytest.mark.parametrize(
    "row, expected",
    [
        ({"cue": "ujarnya", "speaker_mention": "ujarnya"}, True),
        ({"cue": "jelasnya", "speaker_mention": None}, True),
        ({"cue": "kata", "speaker_mention": "kata"}, True),  # mention equal to the cue
        ({"cue": "mengingatkan", "speaker_mention": "Ia"}, True),
        ({"cue": "Menurut", "speaker_mention": "beliau"}, True),
        ({"cue": "menurutnya", "speaker_mention": None}, True),
        ({"cue": "kata", "speaker_mention": "Tito"}, False),
        ({"cue": "Menurut", "speaker_mention": "politikus Partai Golkar itu"}, False),
        # PFSA rows follow the same rule: a short name is not a clitic, a clitic cue is
        ({"cue": "kata", "speaker_mention": "Presiden", "speaker_source": "coref"}, False),
        ({"cue": "katanya", "speaker_mention": "katanya", "speaker_source": "coref"}, True),
    ],
)
def test_clitic_or_pronoun(row, expected):
    assert is_clitic_or_pronoun(row) is expected


def test_speaker_and_role_accuracy_on_matched_pairs():
    pred = [
        dict(GOLD[0], speaker="Tito Karnavian", role_category="menteri"),  # speaker ok, role ok
        dict(GOLD[1], speaker="Karnavian", role_category="pejabat_pusat"),  # speaker ok, role wrong
        dict(GOLD[2], speaker="Budi"),  # pronoun gold, speaker wrong; gold has no role_category
    ]
    r = evaluate(GOLD, pred, {AID: TEXT})
    assert r["speaker"]["all"] == {"n": 3, "correct": 2, "accuracy": pytest.approx(2 / 3)}
    assert r["speaker"]["clitic_pronoun"] == {"n": 1, "correct": 0, "accuracy": 0.0}
    assert r["speaker"]["other"] == {"n": 2, "correct": 2, "accuracy": 1.0}
    assert r["role_category"] == {"n": 2, "correct": 1, "accuracy": 0.5}
    report = format_report(r)
    assert "speaker clitic_pronoun" in report and "role_category" in report


# ---------------------------------------------------------------------------------------------- loaders
def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_guideline_loader_and_run_evaluation(tmp_path):
    gold = _write(tmp_path / "gold.jsonl", [
        {"article": "a1.txt", "text": "Kami akan turun ke lapangan", "quote_type": "direct", "speaker": "Tito"}])
    pred = _write(tmp_path / "pred.jsonl", [GOLD[1]])
    rows = load_gold(gold)
    assert rows[0]["article_id"] == "a1" and "start" not in rows[0]
    r = run_evaluation(gold, pred, {AID: TEXT})
    assert r["format"] == "guideline" and r["scores"]["direct"]["exact"]["f1"] == 1.0
    assert r["speaker"]["all"]["correct"] == 1


def test_detik_raw_loader_rehydrates_and_checks_sha1(tmp_path):
    raw = "Judul\nMenurut Tito,  pemerintah siap\u00a0membantu daerah."
    src = _write(tmp_path / "articles.jsonl", [{"id": "detik-1", "text": raw}])
    s, e = span(raw, "pemerintah siap\u00a0membantu daerah.")
    sha = hashlib.sha1(raw[s:e].encode()).hexdigest()
    good = {"article": "detik-1", "raw_start": s, "raw_end": e, "text_sha1": sha, "quote_type": "indirect"}
    path = _write(tmp_path / "gold.jsonl", [good])
    (g,) = load_gold(path, source=src)
    assert g["text"] == raw[s:e] and g["article_id"] == "detik-1" and "raw_start" not in g
    # evaluated against the normalised text (NBSP -> space, line break -> blank line)
    normalised = {"detik-1": "Judul\n\nMenurut Tito, pemerintah siap membantu daerah."}
    r = evaluate([g], [], normalised)
    assert r["counts"]["unlocated"] == 0
    with pytest.raises(ValueError, match="needs the source"):
        load_gold(path)
    bad = _write(tmp_path / "bad.jsonl", [dict(good, raw_start=s + 1)])
    with pytest.raises(ValueError, match="text_sha1"):
        load_gold(bad, source=src)


def test_pfsa_run_without_articles_file(tmp_path):
    conll = tmp_path / "mini.txt"
    conll.write_text(
        "JAKARTA\tO\n,\tO\nKOMPAS\tO\n—\tO\nBudi\tU-PERSON\nhadir\tB-ISSUE\n.\tL-ISSUE\n\n"
        "”\tB-STATEMENT\nSiap\tI-STATEMENT\n,\tI-STATEMENT\n”\tL-STATEMENT\nkatanya\tU-CUECOREF\n.\tO\n",
        encoding="utf-8",
    )
    gold = load_gold(conll)
    assert [(g["article_id"], g["text"], g["speaker"]) for g in gold] == [("pfsa-mini-0001", "Siap", "Budi")]
    pred = _write(tmp_path / "pred.jsonl", [dict(gold[0], speaker="Budi Santoso")])
    r = run_evaluation(conll, pred)
    assert r["format"] == "pfsa" and r["scores"]["direct"]["exact"]["matched"] == 1
    assert r["speaker"]["clitic_pronoun"] == {"n": 1, "correct": 1, "accuracy": 1.0}


@pytest.mark.shared_data
def test_seed_guideline_gold_locates_in_seed_article(shared):
    gold = load_gold(shared / "examples/seed_statements.jsonl", "guideline")
    texts = {g["article_id"]: (shared / "seeds" / f"{g['article_id']}.txt").read_text(encoding="utf-8")
             for g in gold}
    r = evaluate(gold, [], texts)
    assert r["counts"]["unlocated"] == 0 and r["counts"]["gold"] == 12


def test_pfsa_unannotated_article_is_out_of_scope(tmp_path):
    conll = tmp_path / "mini.txt"
    conll.write_text(
        "JAKARTA\tO\n,\tO\nKOMPAS\tO\n—\tO\nBudi\tU-PERSON\nhadir\tU-ISSUE\n\n"
        "”\tB-STATEMENT\nSiap\tI-STATEMENT\n,\tI-STATEMENT\n”\tL-STATEMENT\nkata\tU-CUE\nBudi\tU-PERSON\n\n"
        "BOGOR\tO\n,\tO\nKOMPAS\tO\n—\tO\n”\tO\nTidak\tO\n,\tO\n”\tO\nkata\tO\nAni\tO\n",
        encoding="utf-8",
    )
    gold = load_gold(conll)
    pred = _write(tmp_path / "pred.jsonl", [
        gold[0], {"article_id": "pfsa-mini-0002", "start": 24, "end": 29, "quote_type": "direct"}])
    r = run_evaluation(conll, pred)
    assert r["counts"]["articles"] == 1 and r["counts"]["out_of_scope_predictions"] == 1
    assert r["scores"]["all"]["overlap"]["precision"] == 1.0


def test_pfsa_gold_without_derived_speaker_is_counted_apart():
    text = "“Satu dua tiga empat,” katanya. “Lima enam tujuh delapan,” kata Budi."
    gold = [
        {"article_id": "a", "start": 1, "end": 20, "text": text[1:20], "quote_type": "direct",
         "speaker": None, "speaker_source": None, "cue": "katanya", "speaker_mention": "katanya"},
        {"article_id": "a", "start": 33, "end": 56, "text": text[33:56], "quote_type": "direct",
         "speaker": "Budi", "speaker_source": "person_near_cue", "cue": "kata", "speaker_mention": "Budi"},
    ]
    pred = [dict(g, speaker="Ani") for g in gold[:1]] + [dict(gold[1], speaker="Budi Santoso")]
    r = evaluate(gold, pred, {"a": text})
    assert r["counts"]["gold_speaker_underived"] == 1
    assert r["speaker"]["all"] == {"n": 1, "correct": 1, "accuracy": 1.0}


@pytest.mark.shared_data
@pytest.mark.parametrize("name, n", [("detik-gold-v1", 147), ("detik-heldout-v1", 56), ("detik-heldout-v2", 85),
                                     ("detik-heldout-v3", 98), ("detik-heldout-v4", 153), ("detik-heldout-v5", 161),
                                     ("detik-heldout-v6", 147), ("detik-heldout-v7", 189),
                                     ("detik-heldout-v8", 160), ("detik-heldout-v9", 175), ("detik-heldout-v10", 146),
                                     ("detik-heldout-v11", 146), ("detik-heldout-v12", 130), ("detik-heldout-v13", 144),
                                     ("detik-heldout-v14", 153), ("detik-heldout-v15", 137), ("detik-heldout-v16", 144),
                                     ("detik-heldout-v17", 173), ("detik-heldout-v18", 195)])
def test_detik_gold_sets_rehydrate_and_locate_in_cleaned_articles(shared, name, n):
    from pathlib import Path

    from corpus.ingest import iter_articles
    from corpus.schema import Article

    source = shared / "data/detik/articles.jsonl"
    gold = load_gold(Path(__file__).parents[2] / "data/gold" / f"{name}.jsonl", source=source)  # checks text_sha1
    wanted = {g["article_id"] for g in gold}
    texts = {a.article_id: a.text for a in iter_articles(source) if isinstance(a, Article) and a.article_id in wanted}
    r = evaluate(gold, [], texts)
    assert r["counts"]["gold"] == n and r["counts"]["unlocated"] == 0
