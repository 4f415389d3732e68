"""Against the real Label Studio of the session fixture: schema → config → push → annotators label through the
API (taking tasks from Label Studio's own queue) → pull → agreement → adjudication → gold, with exact counts."""
from __future__ import annotations

import json

import pytest

from annotate.agreement import agreement
from annotate.config import labeling_config
from annotate.pull import read_rows
from annotate.push import build_tasks, project_title, push, server_index
from annotate.records import Prediction, in_overlap_sample
from lshelpers import SENTENCES, choices, label_queue, last_line, make_statements, wacana, write_inputs

pytestmark = pytest.mark.labelstudio


def test_push_label_pull_agreement_adjudicate(labelstudio, annotators, study_factory, tmp_path):
    study = study_factory(share=0.5)
    statements = make_statements()
    sids = [s["statement_id"] for s in statements]
    overlap = [s for s in sids if in_overlap_sample(s, study.overlap_share)]
    single = [s for s in sids if s not in overlap]
    assert overlap and single
    preds = [Prediction(sids[0], "mendukung", 0.9, ["efisiensi"], {"efisiensi": 0.8}, "lexicon.v1"),
             Prediction(sids[1], "netral", 0.6, [], {}, "lexicon.v1")]
    paths = write_inputs(tmp_path, statements, preds)
    common = ["--study", study.path, "--articles", paths["articles"], "--predictions", paths["predictions"]]

    dry = wacana(labelstudio, "push", paths["statements"], *common, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert last_line(dry) == "created=10 updated=0 unchanged=0 failed=0"
    admin = labelstudio.client()
    assert admin.find_project(project_title(study)) is None  # a dry run creates nothing

    first = wacana(labelstudio, "push", paths["statements"], *common)
    assert first.returncode == 0, first.stderr
    assert last_line(first) == "created=10 updated=0 unchanged=0 failed=0"
    again = wacana(labelstudio, "push", paths["statements"], *common)
    assert last_line(again) == "created=0 updated=0 unchanged=10 failed=0"

    main, ovl = (admin.find_project(project_title(study, k)) for k in ("main", "overlap"))
    assert main.label_config == ovl.label_config == labeling_config(study).strip()
    assert (main.maximum_annotations, ovl.maximum_annotations) == (1, 2)
    tasks_main, tasks_ovl = admin.task_index(main.id), admin.task_index(ovl.id)
    assert sorted(tasks_main) == sorted(single) and sorted(tasks_ovl) == sorted(overlap)
    data = {**tasks_main, **tasks_ovl}[sids[1]][1]
    assert data["title"] == "WFH bagi ASN mulai pekan depan" and data["outlet"] == "contoh.id"
    assert data["context_before"] == SENTENCES[0] and data["context_after"] == SENTENCES[2]
    assert data["speaker"] == "Tokoh 1" and data["institution"] == "BKN"
    got = {p.task: (p.model_version, p.score) for pid in (main.id, ovl.id)
           for p in admin.sdk.predictions.list(project=pid)}
    by_sid = {sid: tid for sid, (tid, _) in {**tasks_main, **tasks_ovl}.items()}
    assert got == {by_sid[sids[0]]: ("lexicon.v1", 0.9), by_sid[sids[1]]: ("lexicon.v1", 0.6)}

    ani, budi, citra = (labelstudio.client(a.token) for a in annotators)
    # Overlap project: ani and budi label everything; they disagree on stance for every other statement.
    ani_done = label_queue(ani, ovl.id, lambda sid: ("mendukung", ["efisiensi", "ekonomi"]))
    budi_done = label_queue(budi, ovl.id, lambda sid: ("mendukung" if overlap.index(sid) % 2 else "menolak",
                                                       ["efisiensi", "ekonomi"]))
    assert sorted(s for s, _ in ani_done) == sorted(s for s, _ in budi_done) == sorted(overlap)
    assert citra.next_task(ovl.id) is None  # two annotators each: the overlap queue is empty for a third
    # Main project: each task once; ani takes two (skipping the first), budi gets the rest from the queue.
    first_two = []
    for _ in range(2):
        task = ani.next_task(main.id)
        first_two.append(task["data"]["statement_id"])
        if len(first_two) == 1:
            ani.annotate(task["id"], [], was_cancelled=True, lead_time=1.0)
        else:
            ani.annotate(task["id"], choices("netral"), lead_time=3.0)
    budi_main = label_queue(budi, main.id, lambda sid: ("bersyarat", ["kualitas_pelayanan"]))
    # Label Studio's default skip queue hands a skipped task to the others, so budi gets ani's skip too.
    assert sorted(s for s, _ in budi_main) == sorted(set(single) - {first_two[1]})
    assert citra.next_task(main.id) is None

    out = tmp_path / "labels" / "annotations.jsonl"
    pulled = wacana(labelstudio, "pull", "--study", study.path, "-o", out)
    assert pulled.returncode == 0, pulled.stderr
    n_ann = 2 * len(overlap) + 2 + len(budi_main)
    assert last_line(pulled) == f"tasks=10 annotations={n_ann} new={n_ann} changed=0 lost=0"
    rows = read_rows(out)
    emails = [a.email for a in annotators]
    got_labels = {(r.statement_id, r.annotator): (r.stance, tuple(r.concerns), r.was_cancelled) for r in rows}
    want = {}
    for sid in overlap:
        want[(sid, emails[0])] = ("mendukung", ("efisiensi", "ekonomi"), False)
        want[(sid, emails[1])] = ("mendukung" if overlap.index(sid) % 2 else "menolak", ("efisiensi", "ekonomi"),
                                  False)
    want[(first_two[0], emails[0])] = (None, (), True)
    want[(first_two[1], emails[0])] = ("netral", (), False)
    for sid, _ in budi_main:
        want[(sid, emails[1])] = ("bersyarat", ("kualitas_pelayanan",), False)
    assert got_labels == want
    assert {r.lead_time for r in rows} == {1.0, 2.5, 3.0} and all(r.study == study.version for r in rows)
    raw_files = sorted((out.parent / "raw").glob("*.json"))
    assert len(raw_files) == 2

    report = agreement(rows, study)
    assert report["stance"]["n_items"] == len(overlap)
    assert report["annotators"] == {emails[0]: len(overlap) + 1,
                                    emails[1]: len(overlap) + len(budi_main)}
    disagree = [sid for sid in overlap if overlap.index(sid) % 2 == 0]
    assert report["skipped"] == 1

    # Adjudication: the stance disagreements go to their own project; citra decides them.
    adj_out = tmp_path / "labels" / "gold.jsonl"
    adj = wacana(labelstudio, "adjudicate", out, "--study", study.path, "-o", adj_out)
    assert adj.returncode == 0, adj.stderr
    n_single = len(single)  # one usable vote each (the skipped one was labelled by budi)
    n_agree = len(overlap) - len(disagree)
    assert last_line(adj) == (f"created={len(disagree)} updated=0 unchanged=0 failed=0 "
                              f"disagreements={len(disagree)} gold={n_agree + n_single} unanimous={n_agree} "
                              f"majority=0 adjudicated=0 single={n_single} unresolved={len(disagree)}")
    adj_project = admin.find_project(project_title(study, "adjudication"))
    shown = admin.task_index(adj_project.id)
    assert sorted(shown) == sorted(disagree)
    assert shown[disagree[0]][1]["disagreement"] == (f"{emails[0]}: mendukung | efisiensi, ekonomi\n"
                                                     f"{emails[1]}: menolak | efisiensi, ekonomi")
    label_queue(citra, adj_project.id, lambda sid: ("bersyarat", ["efisiensi"]))
    adj2 = wacana(labelstudio, "adjudicate", out, "--study", study.path, "-o", adj_out)
    assert last_line(adj2) == (f"created=0 updated=0 unchanged={len(disagree)} failed=0 "
                               f"disagreements={len(disagree)} gold={len(overlap) + n_single} unanimous={n_agree} "
                               f"majority=0 adjudicated={len(disagree)} single={n_single} unresolved=0")
    gold = [json.loads(line) for line in adj_out.read_text().splitlines()]
    adjudicated = {g["statement_id"]: g for g in gold if g["label_source"] == "adjudicated"}
    assert sorted(adjudicated) == sorted(disagree)
    assert all(g["adjudicator"] == emails[2] and g["stance"] == "bersyarat" and g["concerns"] == ["efisiensi"]
               for g in adjudicated.values())


def test_changed_statement_updates_its_task_and_keeps_its_annotation(labelstudio, annotators, study_factory):
    study = study_factory(share=0.0)
    admin = labelstudio.client()
    statements = make_statements()[:3]
    tasks = build_tasks(statements, None)
    assert push(admin, study, tasks).line() == "created=3 updated=0 unchanged=0 failed=0"
    project = admin.find_project(project_title(study))
    sid = statements[0]["statement_id"]
    task_id = admin.task_index(project.id)[sid][0]
    ann = labelstudio.client(annotators[0].token)
    ann.annotate(task_id, choices("menolak"))

    statements[0] = {**statements[0], "speaker": "Nama Lengkap", "role": "Menteri PANRB"}
    tasks = build_tasks(statements, None)
    assert push(admin, study, tasks).line() == "created=0 updated=1 unchanged=2 failed=0"
    index = admin.task_index(project.id)
    assert len(index) == 3 and index[sid][0] == task_id
    assert index[sid][1]["speaker"] == "Nama Lengkap" and index[sid][1]["role"] == "Menteri PANRB"
    kept = admin.sdk.tasks.get(str(task_id))
    assert kept.total_annotations == 1


def test_cached_index_is_trusted_only_while_the_task_count_matches(labelstudio, study_factory, tmp_path):
    study = study_factory(share=0.3)
    cache = tmp_path / "cache"
    admin = labelstudio.client()
    sentences = [f"Pejabat {i} menilai WFH bagi ASN perlu dievaluasi." for i in range(40)]
    statements = make_statements("art-cache", " ".join(sentences), sentences)
    tasks = build_tasks(statements, None)
    assert push(admin, study, tasks, cache_dir=cache).line() == "created=40 updated=0 unchanged=0 failed=0"
    projects = [admin.find_project(project_title(study, k)).id for k in ("main", "overlap")]
    for pid in projects:  # what the push cached is exactly what a listing finds
        assert server_index(admin, pid, cache) == server_index(admin, pid, None)

    listed = []
    real_listing = admin.task_index
    admin.task_index = lambda pid: listed.append(pid) or real_listing(pid)
    assert push(admin, study, tasks, cache_dir=cache).line() == "created=0 updated=0 unchanged=40 failed=0"
    assert listed == []
    statements[3] = {**statements[3], "speaker": "Nama Baru"}
    tasks = build_tasks(statements, None)
    assert push(admin, study, tasks, cache_dir=cache).line() == "created=0 updated=1 unchanged=39 failed=0"
    assert listed == []

    # A task deleted behind push's back changes the count: the next push lists and re-creates it.
    sid = statements[5]["statement_id"]
    pid, (task_id, _) = next((p, admin.task_index(p)[sid]) for p in projects if sid in admin.task_index(p))
    listed.clear()
    admin.sdk.tasks.delete(str(task_id))
    assert push(admin, study, tasks, cache_dir=cache).line() == "created=1 updated=0 unchanged=39 failed=0"
    assert pid in listed
    assert sorted(sid for p in projects for sid in real_listing(p)) == sorted(tasks)


def test_push_reports_each_bad_line_and_pushes_the_rest(labelstudio, study_factory, tmp_path):
    study = study_factory()
    paths = write_inputs(tmp_path, make_statements()[:2])
    with paths["statements"].open("a", encoding="utf-8") as f:
        f.write('{"statement_id": "half"\n')
    proc = wacana(labelstudio, "push", paths["statements"], "--study", study.path)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"error: {paths['statements']}:3: not JSON (Expecting ',' delimiter)"]
    assert last_line(proc) == "created=2 updated=0 unchanged=0 failed=1"
