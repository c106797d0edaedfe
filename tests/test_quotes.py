from sitrep import quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quotes.find(text)]


def test_typographic_quotes_with_apostrophes_inside():
    text = "“Azerbaijan’s army didn’t advance,” he said."
    assert quoted(text) == ["Azerbaijan’s army didn’t advance,"]


def test_news_style_quote_over_two_paragraphs_reopens_each_paragraph():
    text = "He said: “The first part.\n\n“The second part,” he added. Then “another one.”"
    assert quoted(text) == ["The first part.\n\n“The second part,", "another one."]


def test_bulletin_quote_over_paragraphs_without_reopening():
    text = "“One paragraph.\n\nAnother paragraph.\n\nThe last one.”\n\nOutlet text."
    assert quoted(text) == ["One paragraph.\n\nAnother paragraph.\n\nThe last one."]


def test_czech_and_french_marks_with_non_breaking_spaces():
    text = "„Nevíme nic,“ uvedl mluvčí. « Nous\u00a0condamnons\u00a0», a-t-il dit."
    assert quoted(text) == ["Nevíme nic,", "Nous\u00a0condamnons"]


def test_straight_quotes_pair_in_order():
    text = 'He called it "a lie" and said "we will respond".'
    assert quoted(text) == ["a lie", "we will respond"]


def test_single_quotes_are_not_confused_with_apostrophes():
    text = "The army ‘routed’ what the ministry’s spokesman called ‘terrorists’."
    assert quoted(text) == ["routed", "terrorists"]


def test_an_unclosed_mark_opens_no_quote():
    assert quoted("He said “this never closes. And “this one does.”") == ["this one does."]
