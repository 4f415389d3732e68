import pytest

from corpus.extract import paragraph_starts
from corpus.quotes import find_quotes


def _quotes(text):
    quotes, warnings = find_quotes(text, paragraph_starts(text))
    return [text[q.start:q.end] for q in quotes], warnings


@pytest.mark.parametrize("text, expected", [
    ('"Satu dua tiga," kata A.', ["Satu dua tiga"]),
    ("“Satu dua tiga,”kata A.", ["Satu dua tiga"]),
    ("”Satu dua tiga,” kata A.", ["Satu dua tiga"]),  # Kompas: ” opens and closes
    ('"Satu." "Dua," kata A.', ["Satu.", "Dua"]),
    # continues over a paragraph break without a re-opening mark
    ('"Satu dua.\n\nTiga empat," kata A.', ["Satu dua.\n\nTiga empat"]),
    # continues with a re-opening mark
    ("“Satu dua.\n\n“Tiga empat,” kata A.", ["Satu dua.\n\n“Tiga empat"]),
])
def test_pairing(text, expected):
    assert _quotes(text) == (expected, [])


def test_unclosed_and_unpaired_marks_are_warned():
    spans, warnings = _quotes('"Satu dua tiga\n\nParagraf lain.')
    assert spans == ["Satu dua tiga"]
    assert warnings == ["unclosed quote at offset 0"]
    spans, warnings = _quotes("kata dia” lalu pergi.")
    assert spans == [] and warnings == ["unpaired closing quote mark at offset 8"]
