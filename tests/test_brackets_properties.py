from hypothesis import given, settings
from hypothesis import strategies as st

from dsrdraft.draft.brackets import resolve_clean, tokenize, validate

texts = st.text(alphabet="ab [] .", max_size=40)


@given(texts)
def test_tokenize_covers_the_text(text):
    assert "".join(s.text for s in tokenize(text)) == text


@given(texts)
def test_valid_text_resolves_without_brackets(text):
    if not validate(text):
        clean = resolve_clean(text)
        assert "[" not in clean and "]" not in clean


@given(texts)
@settings(max_examples=200)
def test_validate_agrees_with_a_counter(text):
    depth, ok = 0, True
    for ch in text:
        depth += {"[": 1, "]": -1}.get(ch, 0)
        if depth < 0:
            ok = False
            depth = 0
    assert (not validate(text)) == (ok and depth == 0)
