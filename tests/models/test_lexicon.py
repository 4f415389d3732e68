from __future__ import annotations

import pytest

from models.lexicon import LEXICON_VERSION, LexiconError, load_lexicon

from synthetic_corpus import STUDY


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(study=STUDY)


@pytest.mark.parametrize("text, stance", [
    ("Kami menolak keras rencana itu.", "menolak"),
    ("Kami mendukung dan mengapresiasi langkah ini.", "mendukung"),
    ("Boleh saja, asalkan pelayanan tidak terganggu.", "bersyarat"),
    ("Aturan ini berlaku mulai pekan depan.", "netral"),
    ("Cuaca cerah sepanjang hari.", "bersyarat"),  # 'sepanjang' is a conditional cue: the lexicon's known blind spot
    ("Tidak ada kata kunci di sini.", "netral"),    # no cue: the default stance
])
def test_stance(lexicon, text, stance):
    assert lexicon.predict_stance([text]) == [stance]


def test_scores_grow_with_cues_and_cover_every_label(lexicon):
    none = lexicon.stance_scores("Tidak ada apa-apa.")
    one = lexicon.stance_scores("Kami menolak.")
    two = lexicon.stance_scores("Kami menolak dan mengkritik keras.")
    assert set(none) == set(STUDY.stance_values) and sum(none.values()) == pytest.approx(1)
    assert none["netral"] == 0.5
    assert one["menolak"] < two["menolak"] and sum(two.values()) == pytest.approx(1)


def test_prediction_record(lexicon):
    p = lexicon.predict("s1", "Penghematan anggaran listrik, tapi pelayanan kepada warga jangan sampai turun.")
    assert p.statement_id == "s1" and p.model_version == LEXICON_VERSION
    assert p.stance == "bersyarat"
    assert set(p.concern_scores) == set(STUDY.concern_values)
    assert p.concerns == ["kualitas_pelayanan", "efisiensi"]  # study order; efisiensi from three cues: 1 - 0.5³
    assert p.concern_scores["efisiensi"] == 0.875 and p.concern_scores["lainnya"] == 0.0


@pytest.mark.parametrize("body, message", [
    ("version: x\nstance:\n  sangat_setuju: [a]\n", "stance label 'sangat_setuju' is not in the study"),
    ("version: x\nconcerns:\n  ekonomi: ['(']\n", "concerns.ekonomi has an invalid pattern"),
    ("version: x\ndefault_stance: abstain\n", "default_stance 'abstain'"),
    ("- a list\n", "a lexicon is a YAML mapping"),
])
def test_bad_lexicon_names_file_and_problem(tmp_path, body, message):
    path = tmp_path / "lex.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as e:
        load_lexicon(path, study=STUDY)
    assert str(path) in str(e.value)
