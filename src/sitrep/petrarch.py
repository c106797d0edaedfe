"""Read PETRARCH/TABARI dictionaries (actors, agents, verbs) so sitrep can reuse them.

The formats, as the PETRARCH 1/2 readers and the Phoenix and validation files use them:

Common to all files
    Everything after ``#`` is a comment (so a code such as ``[###]`` is lost, as in PETRARCH).
    ``<!-- ... -->`` comments may sit inside a line or span lines; any other line starting
    with ``<!`` is a comment line. ``_`` joins the words of a phrase: names come back with
    single spaces. A trailing ``_`` (TABARI's "whole word, do not stem" marker) is dropped.
    Files are read as UTF-8 with undecodable bytes replaced, never rejected.

Actors (``Phoenix.Countries.actors.txt``, ``PETR.Validate.actors.txt``)
    ``NAME [CODE]`` starts an entry; ``+NAME`` lines add synonyms; codes may follow on the
    same line or on their own lines (``\\t[CODE ...]``), before or after the synonyms, and
    belong to the entry until the next primary line. Every line without ``+`` is a new
    entry, so a primary line directly followed by another has no code (PETRARCH's null
    code; kept with ``codes=()``). Date restrictions, "everything interpreted as 'or
    equal'" as PETRARCH documents them: ``[EGYMIL 770101-120812]`` (between),
    ``[ABCGOV >120101]`` and the bare ``[ABCGOV 20121204]`` (from), ``[ABCGOV <990101]``
    (until). Dates are YYMMDD (00-30 is 20xx, 31-99 is 19xx, as in KEDS/TABARI) or
    YYYYMMDD; spaces inside the brackets are allowed. Spans keep file order: PETRARCH uses
    the first dated span that applies, else an undated one (the default). ``[ELR/GAL]`` is
    a compound actor: one span per code, same dates. ``---`` is PETRARCH's "no code".
    Codes are upper-cased.

Agents (``Phoenix.agents.txt``)
    ``PHRASE {PLURAL} [~CODE]``. ``~CODE`` is appended to the actor's code
    (``USA`` + ``~GOV`` = ``USAGOV``) and ``CODE~`` put in front (``NGO~``); `AgentEntry`
    keeps only the code (``GOV``). Regular plurals of the last word are generated, as
    PETRARCH does (see `regular_plural`), unless ``{...}`` gives them or ``{}`` says there
    are none. ``!SET! = A, B`` defines a substitution set: ``CONGRESS!PERSON!`` stands for
    CONGRESSMAN, CONGRESSMEN, ...; such phrases get no generated plural, since the set
    already lists them.

Verbs (``CAMEO.2.0.txt``, ``PETR.Validate.verbs.txt``)
    ``--- NAME [CODE] ---`` opens a block with a default code. Verb lines (``VERB {FORMS}
    [CODE]``) list the block's verbs with their irregular forms (regular ones are not
    generated) and, optionally, their own code; ``+`` marks the verb word of a multi-word
    verb (``WIRE_+TAP``) and is dropped. Pattern lines ``- PATTERN [CODE]`` apply to every
    verb of the block: ``*`` is the verb, ``$`` the source, ``+`` the target, ``%`` a
    compound source-and-target, ``^`` skips a noun phrase, ``&SET`` names a synonym set,
    ``(...)``/``{...}`` are PETRARCH-2 prepositional and noun phrases; the pattern text is
    kept as written (spaces collapsed). ``[A:B]`` is a paired code (A from source to target,
    B from target to source; either may be empty) and is kept as written; a trailing ``!``
    or ``?`` on a code is dropped. ``&NAME`` followed by ``+WORD`` lines defines a synonym
    set (`read_synsets`); ``~ ...`` transformation rules are skipped.

Lines that cannot be read are skipped, never fatal: pass ``skipped=[]`` to collect them as
`Skipped` records. A missing or unreadable file raises `LexiconError`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import LexiconError

# CAMEO codes whose first three letters are not a state: transnational bodies, regions,
# religions and sectors that can open a code on their own ([ELI], [MEDxxx], [HINRAD]).
NON_STATE_PREFIXES = frozenset({
    "IGO", "NGO", "NGM", "IMG", "MNC", "UIS", "INT",
    "AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT",
    "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WEU", "WST",
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "DRZ", "HIN", "ITR", "JAN", "JEW", "MOS",
    "PAG", "SHI", "SHN", "SIK", "TAO", "ZRO",
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "JUD",
    "LAB", "LEG", "MED", "MIL", "OPP", "PTY", "REB", "REF", "SPY", "UAF",
})
_SMALL_WORDS = frozenset({
    "a", "an", "and", "at", "by", "de", "for", "from", "in", "of", "on", "the", "to", "with",
})

_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_BRACES = re.compile(r"\{([^{}]*)\}")
_ACTOR_CODE = re.compile(
    r"\s*(?P<code>---|\+\+\+|[A-Za-z][A-Za-z0-9]*(?:/[A-Za-z][A-Za-z0-9]*)*)"
    r"(?:\s+(?:(?P<op>[<>])\s*(?P<when>\d+)|(?P<start>\d+)\s*-\s*(?P<end>\d+)|(?P<on>\d+)))?\s*"
)
_AGENT_CODE = re.compile(r"[A-Za-z0-9]+")
_VERB_CODE = re.compile(r"[A-Za-z0-9+\-]*(?::[A-Za-z0-9+\-]*)?")
_SUBSTITUTION = re.compile(r"(![A-Za-z0-9_]+!)\s*=\s*(.*)")
_MARKER = re.compile(r"![A-Za-z0-9_]+!")


@dataclass(frozen=True)
class CodeSpan:
    """One CAMEO code of an actor and the days it applies (both ends included; None = open)."""

    code: str
    start: datetime.date | None
    end: datetime.date | None


@dataclass(frozen=True)
class ActorEntry:
    """An actor: its primary name, its synonyms and its codes in file order."""

    name: str
    synonyms: tuple[str, ...]
    codes: tuple[CodeSpan, ...]


@dataclass(frozen=True)
class AgentEntry:
    """An agent phrase ("FOREIGN MINISTER"), its other forms and plurals, and its code ("GOV").

    The file writes ``[~GOV]`` (appended to the actor's code) or ``[NGO~]`` (put in front);
    only the code without the tilde is kept.
    """

    name: str
    synonyms: tuple[str, ...]
    code: str


@dataclass(frozen=True)
class VerbPattern:
    """A verb with its irregular forms, one pattern of its block ("" for the bare verb), a code.

    `code` is as written without brackets: "190", "0874", "---", or a paired "042:043".
    """

    verb: str
    forms: tuple[str, ...]
    pattern: str
    code: str


@dataclass(frozen=True)
class Skipped:
    """A line, or part of one, that was not used, and why."""

    path: str
    line: int
    text: str
    reason: str


class _Log:
    def __init__(self, path: Path, sink: list[Skipped] | None) -> None:
        self.path = str(path)
        self.sink = sink

    def __call__(self, line: int, text: str, reason: str) -> None:
        if self.sink is not None:
            self.sink.append(Skipped(self.path, line, text, reason))


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError(
            f"{path}: cannot read PETRARCH dictionary ({exc.strerror or exc})"
        ) from None
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


def _content_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line that is not blank once comments are removed."""
    in_comment = False
    for number, raw in enumerate(_read_text(path).split("\n"), 1):
        line = raw.rstrip("\r")
        if in_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line, in_comment = line[end + 3 :], False
        while (start := line.find("<!--")) >= 0 and not 0 <= line.find("#") < start:
            end = line.find("-->", start + 4)
            if end < 0:
                line, in_comment = line[:start], True
                break
            line = f"{line[:start]} {line[end + 3 :]}"
        if line.lstrip().startswith("<!"):
            continue  # "<! -- like this -->"
        line = line.split("#", 1)[0].strip()
        if line:
            yield number, line


def _phrase(text: str) -> str:
    """`_`-joined words as a phrase with single spaces."""
    return " ".join(text.replace("_", " ").split())


def _brackets(text: str) -> tuple[list[str], str] | None:
    """The contents of the `[...]` groups and the text around them; None if unbalanced."""
    contents = _BRACKET.findall(text)
    rest = _BRACKET.sub(" ", text)
    if "[" in rest or "]" in rest:
        return None
    return contents, rest


def _unique(items: list[str], besides: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i and i != besides))


# --------------------------------------------------------------------------- actors


def _date(digits: str) -> datetime.date | None:
    """YYMMDD (00-30 → 20xx) or YYYYMMDD; None when it is neither or not a calendar day."""
    if len(digits) == 6:
        year = int(digits[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(digits[2:4]), int(digits[4:6])
    elif len(digits) == 8:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _code_spans(content: str) -> list[CodeSpan] | str:
    """The spans one `[CODE dates]` group gives, or why it cannot be read."""
    match = _ACTOR_CODE.fullmatch(content)
    if match is None:
        return "unreadable code"
    start = end = None
    if match["op"] or match["on"]:
        when = _date(match["when"] or match["on"])
        if when is None:
            return "unreadable date"
        if match["op"] == "<":
            end = when
        else:
            start = when
    elif match["start"]:
        start, end = _date(match["start"]), _date(match["end"])
        if start is None or end is None:
            return "unreadable date"
        if start > end:
            return "date range ends before it starts"
    return [CodeSpan(code, start, end) for code in match["code"].upper().split("/")]


@dataclass
class _Pending:
    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[CodeSpan] = field(default_factory=list)


def read_actors(path: str | Path, *, skipped: list[Skipped] | None = None) -> list[ActorEntry]:
    """The actor entries of a PETRARCH/TABARI `.actors` file, in file order.

    An entry without any readable code is kept with ``codes=()``.
    """
    path = Path(path)
    log = _Log(path, skipped)
    entries: list[ActorEntry] = []
    pending: _Pending | None = None

    def finish() -> None:
        if pending is None:
            return
        entries.append(ActorEntry(
            pending.name, _unique(pending.synonyms, pending.name), tuple(pending.codes)
        ))

    for number, line in _content_lines(path):
        split = _brackets(line.removeprefix("+"))
        if split is None:
            log(number, line, "unbalanced [ ]")
            continue
        contents, rest = split
        name, synonym = _phrase(rest), line.startswith("+")
        if synonym or not name:  # "+SYNONYM" or a line of codes
            if pending is None:
                log(number, line, "synonym or code before any entry")
                continue
            if synonym and not name:
                log(number, line, "empty synonym")
                continue
            if synonym:
                pending.synonyms.append(name)
        else:
            finish()
            pending = _Pending(name)
        for content in contents:
            spans = _code_spans(content)
            if isinstance(spans, str):
                log(number, line, f"{spans} [{content}]")
            else:
                pending.codes.extend(spans)
    finish()
    return entries


# --------------------------------------------------------------------------- agents


def _expand(text: str, sets: dict[str, list[str]]) -> list[str] | None:
    """`text` with each `!SET!` marker replaced by each member; None if a set is undefined."""
    match = _MARKER.search(text)
    if match is None:
        return [text]
    if match[0] not in sets:
        return None
    out: list[str] = []
    for member in sets[match[0]]:
        more = _expand(text[: match.start()] + member + text[match.end() :], sets)
        if more is None:
            return None
        out.extend(more)
    return out


def regular_plural(phrase: str) -> str | None:
    """The regular plural of a phrase's last word, or None when it should not get one.

    PETRARCH's rule (+S, Y → IES, SS → SSES) made a little more English: -ch/-sh/-x/-z take
    -ES, a vowel before the Y keeps it (ENVOY → ENVOYS), -MAN becomes -MEN, and a word
    already ending in a single S or in MEN, or a trailing OF/IN/TO..., gets none.
    """
    head, _, word = phrase.rpartition(" ")
    upper = word.upper()
    if (
        not word[-1:].isalpha()
        or upper.lower() in _SMALL_WORDS
        or upper.endswith("MEN")
        or (upper.endswith("S") and not upper.endswith("SS"))
    ):
        return None
    if upper.endswith("MAN"):
        stem, ending = word[:-2], "EN"
    elif upper.endswith(("SS", "SH", "CH", "X", "Z")):
        stem, ending = word, "ES"
    elif upper.endswith("Y") and len(upper) > 1 and upper[-2] not in "AEIOU":
        stem, ending = word[:-1], "IES"
    else:
        stem, ending = word, "S"
    if not word.isupper():
        ending = ending.lower()
    return f"{head} {stem}{ending}".strip()


def read_agents(path: str | Path, *, skipped: list[Skipped] | None = None) -> list[AgentEntry]:
    """The agent entries of a PETRARCH `.agents` file, in file order.

    A line with `!SET!` markers becomes one entry: the first expansion is the name, the
    others (and the plurals) are synonyms.
    """
    path = Path(path)
    log = _Log(path, skipped)
    sets: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for number, line in _content_lines(path):
        if match := _SUBSTITUTION.fullmatch(line):
            sets[match[1]] = [m.strip() for m in match[2].split(",") if m.strip()]
            continue
        split = _brackets(line)
        if split is None or len(split[0]) != 1:
            log(number, line, "needs exactly one [CODE]")
            continue
        (content,), rest = split
        code = content.strip().strip("~").strip()
        if not _AGENT_CODE.fullmatch(code):
            log(number, line, f"unreadable code [{content}]")
            continue
        plurals = _BRACES.findall(rest)
        root = _BRACES.sub(" ", rest)
        if len(plurals) > 1 or "{" in root or "}" in root:
            log(number, line, "unreadable { } plural")
            continue
        names = _expand(root, sets)
        if names is None:
            log(number, line, "undefined !SET! marker")
            continue
        names = [_phrase(n) for n in names]
        if not names[0]:
            log(number, line, "no phrase")
            continue
        if plurals:
            given = [_expand(p, sets) for p in plurals[0].split()]
            if any(g is None for g in given):
                log(number, line, "undefined !SET! marker")
                continue
            extra = [_phrase(p) for g in given if g is not None for p in g]
        elif _MARKER.search(root):
            extra = []
        else:
            extra = [p for n in names if (p := regular_plural(n))]
        entries.append(AgentEntry(names[0], _unique(names[1:] + extra, names[0]), code.upper()))
    return entries


# --------------------------------------------------------------------------- verbs


def _verb_code(content: str) -> str | None:
    code = "".join(content.split()).rstrip("!?")
    if not code or code == ":" or not _VERB_CODE.fullmatch(code):
        return None
    return code


@dataclass
class _Block:
    name: str
    code: str
    verbs: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)
    patterns: list[tuple[str, str]] = field(default_factory=list)

    def records(self) -> Iterator[VerbPattern]:
        verbs = self.verbs or [(self.name, (), self.code)]
        for verb, forms, code in verbs:
            yield VerbPattern(verb, forms, "", code)
            for pattern, pattern_code in self.patterns:
                yield VerbPattern(verb, forms, pattern, pattern_code)


def _parse_verbs(
    path: Path, log: _Log
) -> tuple[list[VerbPattern], dict[str, tuple[str, ...]]]:
    records: list[VerbPattern] = []
    synsets: dict[str, list[str]] = {}
    block: _Block | None = None
    synset: str | None = None
    in_bad_block = False
    for number, line in _content_lines(path):
        if line.startswith("---"):
            if block is not None:
                records.extend(block.records())
            block, synset, in_bad_block = None, None, False
            body = line[3:].rstrip()
            split = _brackets(body[:-3] if body.endswith("---") else body)
            codes = [_verb_code(c) for c in split[0]] if split else []
            if not split or not codes or codes[0] is None or not _phrase(split[1]):
                log(number, line, "unreadable block header")
                in_bad_block = True
                continue
            if len(codes) > 1:
                log(number, line, "only the first code of the header is used")
            block = _Block(_phrase(split[1]), codes[0])
        elif line.startswith("&"):
            synset = _set_name(line)
            synsets[synset] = []
        elif line.startswith("~"):
            log(number, line, "transformation rule (not read)")
        elif synset is not None and line.startswith("+"):
            member = line[1:].strip()
            synsets[synset].append(_set_name(member) if member.startswith("&") else _phrase(member))
        elif in_bad_block:
            log(number, line, "in a block whose header was skipped")
        elif block is None:
            log(number, line, "outside any verb block")
        elif line.startswith("-"):
            pattern = _pattern_line(line)
            if pattern is None:
                log(number, line, "unreadable pattern")
                continue
            block.patterns.append(pattern)
        else:
            verb = _verb_line(line, block.code)
            if verb is None:
                log(number, line, "unreadable verb line")
                continue
            block.verbs.append(verb)
    if block is not None:
        records.extend(block.records())
    return records, {name: tuple(members) for name, members in synsets.items()}


def _set_name(text: str) -> str:
    """A synonym set's name as patterns write it: "&PREPOSIT1_" → "&PREPOSIT1"."""
    return "".join(text.split()).rstrip("_")


def _pattern_line(line: str) -> tuple[str, str] | None:
    body = line[1:]
    split = _brackets(body)
    if split is None or len(split[0]) != 1 or not body.rstrip().endswith("]"):
        return None
    code = _verb_code(split[0][0])
    pattern = " ".join(split[1].split())
    if code is None or not pattern:
        return None
    return pattern, code


def _verb_line(line: str, default: str) -> tuple[str, tuple[str, ...], str] | None:
    split = _brackets(line)
    if split is None or len(split[0]) > 1:
        return None
    contents, rest = split
    code = _verb_code(contents[0]) if contents else default
    forms = _BRACES.findall(rest)
    lemma = _BRACES.sub(" ", rest)
    if code is None or len(forms) > 1 or "{" in lemma or "}" in lemma:
        return None
    verb = _phrase(lemma.replace("+", ""))
    if not verb:
        return None
    written = [_phrase(f.replace("+", "")) for f in forms[0].split()] if forms else []
    return verb, _unique(written, verb), code


def read_verbs(path: str | Path, *, skipped: list[Skipped] | None = None) -> list[VerbPattern]:
    """Every (verb, pattern) pair of a PETRARCH verb dictionary, block by block.

    Each verb of a block gives its bare record (pattern "", its own code or the block's)
    followed by one record per pattern of the block. A block that lists no verb uses its
    header name as the verb.
    """
    path = Path(path)
    return _parse_verbs(path, _Log(path, skipped))[0]


def read_synsets(path: str | Path) -> dict[str, tuple[str, ...]]:
    """The `&NAME` synonym sets of a verb dictionary ("&CURRENCY" → ("DOLLARS", ...)).

    Names are as patterns write them (a trailing ``_`` dropped, inner ones kept); members are
    phrases, except a member naming another set ("&TIETYPES"), which is kept as a name.
    """
    path = Path(path)
    return _parse_verbs(path, _Log(path, None))[1]


# --------------------------------------------------------------------------- sitrep shape


def _title(name: str) -> str:
    words = []
    for i, word in enumerate(name.split()):
        lower = word.lower()
        if i and lower in _SMALL_WORDS:
            words.append(lower)
        else:
            words.append("-".join(p[:1].upper() + p[1:] for p in lower.split("-")))
    return " ".join(words)


def _undated(span: CodeSpan) -> bool:
    return span.start is None and span.end is None


def _role(span: CodeSpan) -> dict[str, Any]:
    code = span.code
    prefix = code[:3]
    if len(prefix) == 3 and prefix.isalpha() and prefix not in NON_STATE_PREFIXES:
        country, sector = prefix, code[3:] or None
    else:
        country, sector = None, None if code in ("---", "+++") else code
    return {
        "role": None, "country": country, "sector": sector, "cameo": code,
        "from": span.start, "to": span.end,
    }


def actor_sections(
    actors: str | Path | list[str | Path],
    agents: str | Path | None = None,
    *,
    skipped: list[Skipped] | None = None,
) -> dict[str, Any]:
    """PETRARCH dictionaries in the shape of sitrep's actor file: persons and roles.

    Each actor becomes a person with one role per code span (country = the code's first
    three letters when they name a state, sector = the rest; for IGO/NGO/MNC..., region,
    religion and sector codes, country is None and sector is the whole code). Dated roles
    come first and undated ones last, so sitrep's first-match-on-the-date (and last role
    when there is no date) picks what PETRARCH would. Each agent becomes a role titled
    from its phrase, with its code as sector. Aliases keep the dictionaries' upper case.
    """
    paths = [actors] if isinstance(actors, str | Path) else list(actors)
    persons = [
        {
            "name": entry.name,
            "aliases": [entry.name, *entry.synonyms],
            "roles": [_role(span) for span in sorted(entry.codes, key=_undated)],
        }
        for path in paths
        for entry in read_actors(path, skipped=skipped)
    ]
    roles = []
    if agents is not None:
        roles = [
            {"role": _title(a.name), "sector": a.code, "aliases": [a.name, *a.synonyms]}
            for a in read_agents(agents, skipped=skipped)
        ]
    names = [Path(p).name for p in [*paths, *([agents] if agents is not None else [])]]
    return {"version": "petrarch:" + ",".join(names), "persons": persons, "roles": roles}
