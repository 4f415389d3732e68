from corpus.jsonl import iter_jsonl


def test_each_line_is_an_object_or_a_problem_naming_its_line(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"a": 1}\n\n{broken\n[1, 2]\n{"b": 2}\n', encoding="utf-8")
    assert list(iter_jsonl(path)) == [
        (1, {"a": 1}, None),
        (3, None, "not JSON (Expecting property name enclosed in double quotes)"),
        (4, None, "not a JSON object"),
        (5, {"b": 2}, None),
    ]
