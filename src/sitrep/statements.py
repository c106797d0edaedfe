"""Statements: who said what. Finds every attributed stretch of a document and its speaker.

`extract(document, parsed, lexicon, actors)` returns the statements in text order. Four
kinds are found: bulletin blocks under a heading ("– Statement by the Prime Minister of
Armenia Nikol Pashinyan on Twitter"), direct quotes with a speaker before or after them,
reported speech ("X said that …"), and "according to X, …". Pronouns and titles ("he said",
"the ministry said") point back to the last speaker who fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from spacy.tokens import Token

from sitrep import actors, quotes, speakers
from sitrep.actors import ActorLexicon
from sitrep.cues import CueLexicon
from sitrep.nlp import SUBJECT_DEPS, Parsed, is_root, phrase_span, trim_dateline
from sitrep.quotes import Quote
from sitrep.records import Actor, Document, Statement
from sitrep.speakers import Found, Mention

_CONTENT_DEPS = {"ccomp", "ccomp:obj", "xcomp:ds"}
_ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov", "Sen", "Rep",
    "Prof", "Jr", "Sr", "Inc", "Corp", "No", "vs", "etc", "Jan", "Feb", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "tj", "např", "mj", "resp", "gen", "plk", "mjr", "ing", "Ing", "MUDr",
)
_NOT_AFTER = "".join(f"(?<!\\b{a})" for a in _ABBREVIATIONS)
# A sentence ends at . ! ? before a space and a non-lowercase letter (not after "E." or
# "Mr."), before a closing quote, or at a line break.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])" + _NOT_AFTER + r"[.!?](?=\s+[^a-zà-ž\s]|[\"”»’“']|\s*$)|\n"
)
_SCARE_QUOTE_WORDS = 4
_CONTINUATION_CHARS = 700


@dataclass(frozen=True)
class _Heading:
    start: int
    end: int
    who: str
    who_start: int
    word: str


def extract(
    document: Document, parsed: Parsed, cues: CueLexicon, lexicon: ActorLexicon,
    max_quote_chars: int = 12_000, owner: Actor | None = None,
) -> list[Statement]:
    """Every attributed statement in `document`, in text order; `owner` is the document's
    issuer when the caller has already found it (see `issuer`)."""
    text = document.text
    all_quotes = quotes.find(text, max_quote_chars)
    headings = _headings(text, cues)
    found = _bulletin_blocks(text, headings, all_quotes)
    claimed = {id(q) for q, _ in found}
    quoted = [Found(q.start, q.end, True, *rest) for q, rest in found]
    inline = [q for q in all_quotes if id(q) not in claimed]
    quoted += _inline_quotes(text, parsed, cues, inline, document.language, quoted, lexicon)
    reported = _reported(text, parsed, cues, all_quotes, document.language)
    reported += _according_to(text, parsed, cues, all_quotes, document.language)
    reported += _parenthetical(text, parsed, cues, all_quotes, document.language)
    chosen = _without_overlaps(sorted(quoted, key=lambda f: f.start), reported)
    on = _day(document)
    mentions = _person_subjects(parsed, all_quotes, cues)
    found = speakers.resolve(text, chosen, mentions, cues, lexicon, on)
    owner = owner or issuer(document, cues, lexicon)
    return [_as_issuer(s, owner) for s in found] if owner is not None else found


def _as_issuer(statement: Statement, owner: Actor) -> Statement:
    """ "The Ministry of Defence denies …" inside the Ministry of Defence's own statement."""
    speaker = statement.speaker
    if speaker.kind == "organisation" and speaker.polity is None and \
            owner.canonical.startswith(speaker.canonical):
        return replace(statement, speaker=replace(owner, name=speaker.name))
    return statement


def issuer(document: Document, cues: CueLexicon, lexicon: ActorLexicon) -> Actor | None:
    """Who issued a document that is itself a statement ("Statement of the Ministry of
    Foreign Affairs of the Republic of Armenia on …" as its title or first line)."""
    if document.kind not in {"statement", "press_release"}:
        return None
    first_line = document.text.split("\n", 1)[0]
    for line in (document.title or "", first_line):
        match = cues.heading.match(line)
        if match:
            return actors.resolve(_heading_speaker(match.group("who")), lexicon, _day(document))
    if len(first_line.split()) <= 12:  # a letterhead: "MINISTRY OF DEFENCE OF AZERBAIJAN"
        named = actors.resolve(first_line, lexicon, _day(document))
        if named.kind in {"organisation", "person"} and named.polity is not None:
            return named
    return None


def _day(document: Document) -> date | None:
    if document.published and document.published_precision == "day":
        return date.fromisoformat(document.published)
    return None


def _headings(text: str, cues: CueLexicon) -> list[_Heading]:
    return [
        _Heading(m.start(), m.end(), m.group("who"), m.start("who"), m.group("word"))
        for m in cues.heading.finditer(text)
    ]


def _bulletin_blocks(
    text: str, headings: list[_Heading], all_quotes: list[Quote]
) -> list[tuple[Quote, tuple[Any, ...]]]:
    """Quotes that follow a heading line with nothing but blank space or other quotes between."""
    found = []
    for number, heading in enumerate(headings):
        limit = headings[number + 1].start if number + 1 < len(headings) else len(text)
        cursor = heading.end
        for quote in all_quotes:
            if quote.open < cursor or quote.open >= limit:
                continue
            if text[cursor : quote.open].strip(" \t\n\u00a0"):
                break
            who = _heading_speaker(heading.who)
            rest = (
                who, heading.who_start, heading.who_start + len(who),
                text[heading.start : heading.end], heading.word, "heading",
            )
            found.append((quote, rest))
            cursor = quote.outer_end
    return found


_HEADING_TAIL = re.compile(
    r"\s+(?:on|in|about|regarding|concerning|in connection with|na|sur|à propos)\s+.*$"
)


def _heading_speaker(who: str) -> str:
    """The speaker of "the MFA of Armenia on Azerbaijan’s aggression", without the topic."""
    match = _HEADING_TAIL.search(who)
    return (who if match is None else who[: match.start()]).strip()


def _sentence_bounds(text: str, position: int, quotes_: list[Quote]) -> tuple[int, int]:
    """The stretch of text around `position` that ends at sentence ends outside quotes."""
    start = position
    while start > 0:
        inside = _inside_quote(start - 1, quotes_)
        if inside is not None:
            start = inside.open
            continue
        if _SENTENCE_END.match(text, start - 1):
            break
        start -= 1
    end = position
    while end < len(text):
        inside = _inside_quote(end, quotes_)
        if inside is not None:
            end = inside.outer_end
            continue
        if _SENTENCE_END.match(text, end):
            break
        end += 1
    return start, end


def _inside_quote(position: int, quotes_: Iterable[Quote]) -> Quote | None:
    for quote in quotes_:
        if quote.open <= position <= quote.close:
            return quote
    return None


def _inline_quotes(
    text: str, parsed: Parsed, cues: CueLexicon, inline: list[Quote], language: str,
    earlier: list[Found], lexicon: ActorLexicon,
) -> list[Found]:
    found: list[Found] = []
    for quote in inline:
        sentence_start, sentence_end = _sentence_bounds(text, quote.open, inline)
        after = _attribution_after(text, parsed, cues, quote, sentence_end, inline, language)
        before = None if after else _attribution_before(
            text, parsed, cues, quote, sentence_start, inline, language
        )
        hit = after or before
        if hit is None and not parsed.blocks:
            hit = _known_name_beside(text, quote, sentence_start, sentence_end, lexicon)
        if hit is not None:
            found.append(Found(quote.start, quote.end, True, *hit))
            continue
        previous = max(found + earlier, key=lambda f: f.end, default=None)
        if previous is not None and _continues(text, previous, quote):
            found.append(Found(
                quote.start, quote.end, True, previous.phrase, None, None,
                previous.context, previous.cue, "continuation", previous.channel,
            ))
    return found


def _known_name_beside(
    text: str, quote: Quote, sentence_start: int, sentence_end: int, lexicon: ActorLexicon
) -> tuple[Any, ...] | None:
    """Without a parse (a language sitrep has no pipeline for), a quote of a few words whose
    sentence names a person the actor lexicon knows, after the quote or else before it."""
    if len(text[quote.start : quote.end].split()) < _SCARE_QUOTE_WORDS:
        return None
    for lo, hi in ((quote.outer_end, sentence_end), (sentence_start, quote.open)):
        named = lexicon.persons.first(text[lo:hi])
        if named is not None:
            start, end = lo + named[1].start(), lo + named[1].end()
            return (text[start:end], start, end, text[sentence_start:sentence_end], None,
                    "name-beside-quote")
    return None


def _continues(text: str, previous: Found, quote: Quote) -> bool:
    """A quote with no cue of its own continues the last speaker's words nearby."""
    gap = text[previous.end : quote.open]
    if len(gap) > _CONTINUATION_CHARS or gap.count("\n\n") > 1:
        return False
    words = len(text[quote.start : quote.end].split())
    return words >= _SCARE_QUOTE_WORDS and _SENTENCE_END.search(gap) is not None


def _attribution_after(
    text: str, parsed: Parsed, cues: CueLexicon, quote: Quote, sentence_end: int,
    inline: list[Quote], language: str,
) -> tuple[Any, ...] | None:
    """Speaker after the quote: “…,” said X. / “…,” X told reporters."""
    end = sentence_end
    nxt = next((q for q in inline if q.open >= quote.outer_end), None)
    if nxt is not None:
        end = min(end, nxt.open)
    if not text[quote.outer_end : end].strip():
        return None
    signed = _SIGNATURE.match(text, quote.outer_end)
    if signed:
        return (signed.group("who"), signed.start("who"), signed.end("who"),
                signed.group(0), signed.group("dash"), "explicit")
    tokens = parsed.tokens_between(quote.outer_end, end)
    return _cue_and_speaker(
        text, parsed, cues, tokens, quote, language, quote.outer_end, end, inverted=True
    )


# A quote signed at the end of its line: “…” ― Sonya Example
_SIGNATURE = re.compile(
    r"[ \t\u00a0]*(?P<dash>[―—–]|-{1,2})[ \t\u00a0]*"
    r"(?P<who>[A-ZÁ-Ž][\w.'’-]*(?:[ \t\u00a0]+[A-ZÁ-Ž@][\w.'’-]*){0,4})[ \t\u00a0,]*(?=\n|$)"
)


def _attribution_before(
    text: str, parsed: Parsed, cues: CueLexicon, quote: Quote, sentence_start: int,
    inline: list[Quote], language: str,
) -> tuple[Any, ...] | None:
    """Speaker before the quote: X said: “…” / X wrote on Facebook: “…”."""
    previous = [q for q in inline if q.outer_end <= quote.open]
    start = max([sentence_start] + [q.outer_end for q in previous])
    segment = text[start : quote.open].rstrip(" \t\u00a0")
    if not segment.strip():
        return None
    if not segment.endswith((":", ",", "—", "–")) and len(text[quote.start:quote.end].split()) \
            < _SCARE_QUOTE_WORDS:
        return None
    tokens = parsed.tokens_between(start, quote.open)
    return _cue_and_speaker(text, parsed, cues, tokens, quote, language, start, quote.open)


def _cue_and_speaker(
    text: str, parsed: Parsed, cues: CueLexicon, tokens: list[Token], quote: Quote,
    language: str, lo: int, hi: int, inverted: bool = False,
) -> tuple[Any, ...] | None:
    for cue in tokens:
        if not cues.is_cue(cue, language):
            continue
        subject = _subject(cue, parsed, lo, hi, inverted)
        if subject is None:
            if inverted and _implicit_subject(cue):
                return ("", None, None, text[lo:hi], cue.text, "implicit")
            continue
        start, end = subject
        context = text[lo:hi]
        return (text[start:end], start, end, context, cue.text, "explicit")
    return None


def _implicit_subject(cue: Token) -> bool:
    """A finite speech verb with no subject at all: "…,“ dodal." (he added)."""
    if any(c.dep_ in SUBJECT_DEPS | {"expl", "expl:pv"} for c in cue.children):
        return False
    finite = "Fin" in cue.morph.get("VerbForm") or cue.tag_ in {"VBD", "VBZ", "VBP"}
    return finite and cue.dep_ in {"ROOT", "parataxis", "ccomp", "conj"}


_NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


def _subject(
    cue: Token, parsed: Parsed, lo: int, hi: int, inverted: bool = False
) -> tuple[int, int] | None:
    """The character span of the cue's subject, if it lies within [lo, hi)."""
    holder = cue
    subjects = [c for c in holder.children if c.dep_ in SUBJECT_DEPS]
    while not subjects and holder.dep_ in {"conj", "advcl", "xcomp"} and not is_root(holder):
        holder = holder.head
        subjects = [c for c in holder.children if c.dep_ in SUBJECT_DEPS]
    if inverted and not subjects:
        subjects = [c for c in cue.children if c.dep_ in {"obj", "dobj", "appos"} and c.i > cue.i]
    for subject in subjects:
        if subject.ent_type_ in _NOT_SPEAKERS or subject.pos_ in {"NUM", "SCONJ"}:
            continue
        if _is_relative(subject) and holder.dep_ in {"relcl", "acl:relcl", "acl"}:
            subject = holder.head
        start, end = trim_dateline(parsed.text, *phrase_span(subject, parsed))
        if lo <= start < end <= hi:
            return start, end
    return _adjacent_phrase(cue, parsed, lo) if subjects else None


def _is_relative(token: Token) -> bool:
    return token.tag_ in {"WP", "WDT"} or "Rel" in token.morph.get("PronType")


def _adjacent_phrase(cue: Token, parsed: Parsed, lo: int) -> tuple[int, int] | None:
    """The noun phrase right before the cue, when the parser gave it no usable subject."""
    i = cue.i - 1
    doc = cue.doc
    while i >= 0 and doc[i].pos_ in {"AUX", "ADV", "PART"}:
        i -= 1
    last = i
    while i >= 0 and (doc[i].pos_ in {"PROPN", "NOUN", "ADJ", "DET"} or doc[i].tag_ == "POS"):
        i -= 1
    first = i + 1
    if first > last or not any(t.pos_ in {"PROPN", "NOUN"} for t in doc[first : last + 1]):
        return None
    start = parsed.offset_of(doc[first])
    end = parsed.offset_of(doc[last]) + len(doc[last].text)
    return (start, end) if start >= lo else None


def _cues_outside_quotes(
    parsed: Parsed, cues: CueLexicon, all_quotes: list[Quote], language: str
) -> Iterator[tuple[int, int, Any, Token]]:
    """Every speech verb outside quotation marks, with its sentence and the sentence's span."""
    for s_start, s_end, sentence in parsed.sentences():
        for cue in sentence:
            if cues.is_cue(cue, language) and \
                    _inside_quote(parsed.offset_of(cue), all_quotes) is None:
                yield s_start, s_end, sentence, cue


def _reported(
    text: str, parsed: Parsed, cues: CueLexicon, all_quotes: list[Quote], language: str
) -> list[Found]:
    """Reported speech: a cue verb whose clausal complement is the content."""
    found: list[Found] = []
    for _, _, sentence, cue in _cues_outside_quotes(parsed, cues, all_quotes, language):
        content = _content_of(cue)
        if not content:
            continue
        c_start = parsed.offset_of(content[0])
        c_end = parsed.offset_of(content[-1]) + len(content[-1].text)
        subject = _subject(cue, parsed, 0, len(text))
        if subject is None or subject[0] < c_end and subject[1] > c_start:
            continue
        s_start, s_end = subject
        context = text[parsed.offset_of(sentence[0]) : parsed.offset_of(sentence[-1]) + 1]
        found.append(Found(
            c_start, c_end, False, text[s_start:s_end], s_start, s_end,
            context, cue.text, "explicit",
        ))
    return found


def _parenthetical(
    text: str, parsed: Parsed, cues: CueLexicon, all_quotes: list[Quote], language: str
) -> list[Found]:
    """ "The museum, Mr. Obama said, would …" — a cue set off by commas inside the content."""
    found: list[Found] = []
    for s_start, s_end, sentence, cue in _cues_outside_quotes(parsed, cues, all_quotes, language):
        if cue.i + 1 >= len(cue.doc) or cue.doc[cue.i + 1].text != ",":
            continue
        if cue.i - 1 <= sentence.start:
            continue
        subject = _subject(cue, parsed, s_start, s_end)
        if subject is None or not text[:subject[0]].rstrip().endswith(","):
            continue
        before = text[s_start : subject[0]].rstrip(" ,")
        after = text[parsed.offset_of(cue) : s_end]
        if len(before.split()) < 2 or len(after.split()) < 3:
            continue
        end = s_end
        while end > s_start and text[end - 1] in " .!?\n\u00a0":
            end -= 1
        found.append(Found(
            s_start, end, False, text[subject[0] : subject[1]], subject[0], subject[1],
            text[s_start:s_end], cue.text, "explicit",
        ))
    return found


def _content_of(cue: Token) -> list[Token]:
    """The tokens of what was said: the cue's clausal complement, or the clause it interrupts."""
    for child in cue.children:
        if child.dep_ in _CONTENT_DEPS:
            tokens = sorted(child.subtree, key=lambda t: t.i)
            return _strip_punct(tokens)
    if cue.dep_ == "parataxis" and cue.head.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}:
        skip = {t.i for t in cue.subtree}
        tokens = [t for t in cue.head.subtree if t.i not in skip]
        if tokens and min(t.i for t in tokens) < cue.i:
            return _strip_punct(sorted(tokens, key=lambda t: t.i))
    return []


def _strip_punct(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in ")]"):
        tokens = tokens[:-1]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    return tokens


def _according_to(
    text: str, parsed: Parsed, cues: CueLexicon, all_quotes: list[Quote], language: str
) -> list[Found]:
    """ "According to X, …" and "…, according to X." — the rest of the sentence is X's."""
    pattern = cues.according_to.get(language)
    if pattern is None:
        return []
    found = []
    for p_start, p_end, sentence in parsed.sentences():
        for match in pattern.finditer(text, p_start, p_end):
            if _inside_quote(match.start(), all_quotes) is not None:
                continue
            s_start, s_end = _sentence_bounds(text, match.start(), all_quotes)
            source = _source_after(parsed, sentence, match.end())
            if source is None:
                continue
            content = _rest_of_sentence(text, s_start, s_end, match.start(), source[1])
            if content is None:
                continue
            found.append(Found(
                content[0], content[1], False, text[source[0] : source[1]], source[0],
                source[1], text[s_start:s_end], match.group(0).strip(), "explicit",
            ))
    return found


def _source_after(parsed: Parsed, sentence: Any, position: int) -> tuple[int, int] | None:
    """The noun phrase that starts at `position` ("according to [the ministry]")."""
    for token in sentence:
        if parsed.offset_of(token) < position or token.is_punct:
            continue
        head = token
        while not is_root(head) and head.dep_ in {"det", "amod", "compound", "flat",
                                                       "nmod:poss", "poss", "nummod", "case"}:
            head = head.head
        if head.pos_ not in {"PROPN", "NOUN", "PRON"} or not _can_speak(head):
            return None
        start, end = phrase_span(head, parsed)
        return (max(start, position), end) if end > position else None
    return None


_SPEAKING_NOUNS = {
    "source", "official", "spokesman", "spokeswoman", "spokesperson", "ministry", "government",
    "army", "report", "statement", "witness", "resident", "police", "agency", "office",
    "authority", "authorities", "data", "estimate", "figure", "survey", "poll", "analyst",
    "expert", "diplomat", "president", "minister", "commander", "military", "observer",
    "zdroj", "mluvčí", "ministerstvo", "vláda", "armáda", "zpráva", "svědek", "policie",
    "úřad", "odhad", "prezident", "ministr", "premiér", "velitel", "ředitel", "předseda",
    "porte-parole", "ministère", "gouvernement", "armée", "rapport", "témoin",
    "autorité", "responsable", "président", "ministre", "commandant", "bilan", "agence",
    "side", "strana", "côté", "partie", "camp",
}


def _can_speak(head: Token) -> bool:
    """Sources of speech: names, pronouns, or nouns for people, bodies and reports."""
    if head.pos_ in {"PROPN", "PRON"} or head.ent_type_ in {"PERSON", "ORG", "NORP", "GPE",
                                                            "PER", "MISC"}:
        return True
    lemma = head.lemma_.lower()
    return lemma in _SPEAKING_NOUNS or lemma.rstrip("s") in _SPEAKING_NOUNS


def _rest_of_sentence(
    text: str, s_start: int, s_end: int, phrase_start: int, phrase_end: int
) -> tuple[int, int] | None:
    before = (s_start, phrase_start)
    after = (phrase_end, s_end)
    start, end = max(before, after, key=lambda span: span[1] - span[0])
    stop = _SENTENCE_END.search(text, start, end)  # the parser may have run two together
    end = stop.start() if stop and stop.start() > start else end
    while start < end and text[start] in " ,;:\u00a0\n":
        start += 1
    while end > start and text[end - 1] in " ,;:.!?\u00a0\n":
        end -= 1
    return (start, end) if end - start >= 10 else None


def _without_overlaps(quoted: list[Found], reported: list[Found]) -> list[Found]:
    chosen = list(quoted)
    for item in sorted(reported, key=lambda f: (f.start, -(f.end - f.start))):
        if any(item.start < c.end and c.start < item.end for c in chosen):
            continue
        chosen.append(item)
    return sorted(chosen, key=lambda f: f.start)


def _person_subjects(
    parsed: Parsed, all_quotes: list[Quote], cues: CueLexicon
) -> list[Mention]:
    mentions = []
    for offset, doc in parsed.blocks:
        for ent in doc.ents:
            if ent.label_ not in {"PERSON", "PER"}:
                continue
            if _inside_quote(offset + ent.start_char, all_quotes) is not None:
                continue
            head = ent.root
            for _ in range(3):
                if head.dep_ in SUBJECT_DEPS or is_root(head):
                    break
                if head.dep_ not in {"flat", "flat:name", "appos", "compound", "nmod"}:
                    break
                head = head.head
            if head.dep_ not in SUBJECT_DEPS:
                continue
            start, end = phrase_span(head, parsed)
            speaks = cues.is_cue(head.head, parsed.language)
            mentions.append(Mention(start, end, parsed.text[start:end], speaks))
    return mentions


