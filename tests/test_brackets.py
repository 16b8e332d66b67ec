import pytest

from dsrdraft.draft.brackets import resolve_clean, tokenize, validate
from dsrdraft.draft.model import add_clause, new_draft, validate_draft


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no brackets", [("no brackets", 0, None, 0)]),
        ("We [shall] act", [("We ", 0, None, 0), ("[shall]", 1, 0, 0), (" act", 0, None, 0)]),
        ("[shall][should] promote",
         [("[shall]", 1, 0, 0), ("[should]", 1, 0, 1), (" promote", 0, None, 0)]),
        ("[a] and [b]", [("[a]", 1, 0, 0), (" and ", 0, None, 0), ("[b]", 1, 1, 0)]),
        ("[a [b] c]", [("[a ", 1, 0, 0), ("[b]", 2, 0, 0), (" c]", 1, 0, 0)]),
        ("x [open", [("x ", 0, None, 0), ("[open", 1, 0, 0)]),
        ("stray] here", [("stray] here", 0, None, 0)]),
    ],
)
def test_tokenize(text, expected):
    segs = tokenize(text)
    assert [(s.text, s.depth, s.group, s.alternative) for s in segs] == expected
    assert "".join(s.text for s in segs) == text


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        ("balanced [a [b]] text", []),
        ("[shall][should]", []),
        ("bad ] here", [(4, "unbalanced ']'")]),
        ("open [ here", [(5, "unclosed '['")]),
        ("[[x]", [(0, "unclosed '['")]),
        ("]x[", [(0, "unbalanced ']'"), (2, "unclosed '['")]),
    ],
)
def test_validate(text, errors):
    assert [(e.position, e.message) for e in validate(text)] == errors


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("plain text.", "plain text."),
        ("States [shall][should] promote", "States shall promote"),
        ("cooperate [closely] in [the [digital] economy]",
         "cooperate closely in the digital economy"),
        ("[shall] [should]", "shall should"),
    ],
)
def test_resolve_clean(text, clean):
    assert resolve_clean(text) == clean


def test_draft_validation_names_clause_and_position():
    d = new_draft("T")
    d = add_clause(d, "First clause.")
    d = add_clause(d, "Second [clause.")
    d = add_clause(d, "Inserted text with a stray ] bracket", after=d.clauses[1].uid)
    errors = [str(e) for e in validate_draft(d)]
    assert errors == ["clause 2: unclosed '[' at position 7",
                      "clause 2 bis: unbalanced ']' at position 27"]
