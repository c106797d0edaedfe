"""Event-triple evaluation on PETRARCH2's validation suite (who did what to whom, CAMEO codes).

    python eval/claims_petrarch.py [--data ../shared/data] [--json OUT] [--errors OUT.tsv]
                                   [--limit N]

Reads `petrarch2/validation/PETR.UnitTest.records.xml` in place with the suite's own
dictionaries: `PETR.Validate.actors.txt` and `PETR.Validate.agents.txt` go into sitrep's actor
lexicon (settings `petrarch_actors` / `petrarch_agents`), and `PETR.Validate.verbs.txt` gives a
verb → event-code table (see `build_verb_table`) and the verbs' patterns (`load_patterns`).
Each record's raw `<Text>` (never its parse tree) is coded by `code_sentence` and the
predicted set of (source, target, event code) triples is compared with the record's
`<EventCoding>` triples. Records with `error="..."` are left out; `noevents="True"` records
expect the empty set. Metrics: see eval/README_claims_b.md.

When the data folder is absent the script prints SKIP, writes {"skipped": reason} as the JSON
and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
SUITE = Path("petrarch2") / "validation"
RECORDS = "PETR.UnitTest.records.xml"
ACTORS = "PETR.Validate.actors.txt"
AGENTS = "PETR.Validate.agents.txt"
VERBS = "PETR.Validate.verbs.txt"
PREFIX = "petrarch_validation"

Triple = tuple[str, str, str]
Scores = dict[str, float | int | str]

NO_ACTOR = "---"  # PETRARCH's code for "no actor here" (a missing target, an agent's country)
NULL_CODE = "---"  # a verb pattern's code for "code no event here"
# Coded verbs are looked for along these links from the sentence root: "is about to restore"
# (acomp, then xcomp), "…, an official said" (ccomp), "attacked and bombed" (conj).
_VERB_LINKS = frozenset({"xcomp", "ccomp", "conj", "acomp"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "nsubj:pass"})
_OBJECTS = frozenset({"dobj", "obj", "dative", "iobj", "attr", "oprd"})
# Words of a noun phrase that are not part of the actor's name, and the prepositions whose
# phrases are ("the government of Arnor", "activists in Arnor", "soldiers from Gondor").
_NOT_IN_PHRASE = frozenset({"conj", "cc", "relcl", "acl", "advcl", "appos", "punct", "prep"})
_PHRASE_PREPOSITIONS = frozenset({"of", "in", "from"})
# CAMEO sector codes: without a country in front, PETRARCH writes them "---GOV".
_SECTOR_CODES = frozenset({
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "JUD",
    "LAB", "LEG", "MED", "MIL", "OPP", "PTY", "REB", "REF", "SPY", "UAF",
})


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Record:
    """One `<Sentence>` of the suite with what it expects and the options in force for it."""

    ident: str
    category: str
    day: date
    text: str
    expected: frozenset[Triple]
    kind: str  # "events", "noevents" or "error"
    error: str = ""
    require_dyad: bool = True


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


def load_records(path: Path) -> list[Record]:
    """The suite's records in file order. A `<Config option="require_dyad">` element changes
    the option for the records after it (the other Config options are comma-length limits of
    PETRARCH's parse-tree coder, which a raw-text coder has nothing to apply to).

    Two ids occur twice (AGENTS-18, AGENTS-19); the second gets a "#2" suffix."""
    root = ET.parse(path).getroot()
    sentences = root.find("Sentences")
    if sentences is None:
        raise ValueError(f"{path}: no <Sentences> element")
    require_dyad = True
    seen: Counter[str] = Counter()
    records: list[Record] = []
    for element in sentences:
        if element.tag == "Config":
            if element.get("option") == "require_dyad":
                require_dyad = _flag(element.get("value"))
            continue
        if element.tag != "Sentence":
            continue
        ident = element.get("id", "")
        seen[ident] += 1
        if seen[ident] > 1:
            ident = f"{ident}#{seen[ident]}"
        codings = element.findall("EventCoding")
        errors = [c.get("error", "") for c in codings if c.get("error")]
        kind = "error" if errors else (
            "noevents" if any(_flag(c.get("noevents")) for c in codings) else "events")
        expected = frozenset(
            (c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
            for c in codings if kind == "events" and c.get("eventcode")
        )
        raw_date = element.get("date", "")
        records.append(Record(
            ident=ident, category=element.get("category", ""),
            day=date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:8])),
            text=" ".join((element.findtext("Text") or "").split()),
            expected=expected, kind=kind, error=errors[0] if errors else "",
            require_dyad=require_dyad,
        ))
    return records


# --------------------------------------------------------------------------- verb table


def build_verb_table(verbs: Iterable[Any]) -> dict[str, str]:
    """Word → event code from the bare verb records (pattern "") of a PETRARCH verb dictionary.

    Each single-word verb and each of its listed irregular forms becomes a lower-case key
    ("ban", "bans", "banned" → "191"); the first record for a word wins. Null codes ("---",
    "+++": verbs PETRARCH knows but does not code) and multi-word verbs ("BREAK DOWN") are left
    out. Paired codes ("032:033") are kept as written; see `code_sentence`."""
    table: dict[str, str] = {}
    for record in verbs:
        if record.pattern or not any(ch.isdigit() for ch in record.code):
            continue
        for word in (record.verb, *record.forms):
            if " " not in word:
                table.setdefault(word.lower(), record.code)
    return table


def verb_code(token: Any, table: dict[str, str]) -> str | None:
    """The table's code for a verb token: its own form first ("met" has a code of its own in
    the suite's dictionary, apart from "meet"), then its lemma."""
    if token.pos_ not in {"VERB", "AUX"}:
        return None
    return table.get(token.lower_) or table.get(token.lemma_.lower())


def split_code(code: str) -> tuple[str, str]:
    """A paired code "A:B" as (source→target, target→source); a plain code as (code, "")."""
    forward, _, backward = code.partition(":")
    return forward, backward


# --------------------------------------------------------------------------- the coder


@dataclass
class Trace:
    """How one sentence was coded: each table-coded verb with its role phrases, and each
    sitrep claim (for error analysis)."""

    verbs: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)


def actor_code(actor: Any) -> str | None:
    """An actor's CAMEO code as PETRARCH writes it, or None when sitrep found no code.

    A sector met without a country ("the foreign minister", "the army": sitrep's codes "GOV",
    "MIL") is written "---GOV", "---MIL", as PETRARCH does; codes of transnational bodies,
    regions and religions ("NGM", "IGOAFR") stay as they are."""
    if actor is None or not actor.cameo:
        return None
    if actor.country is None and str(actor.cameo)[:3] in _SECTOR_CODES:
        return NO_ACTOR + str(actor.cameo)
    return str(actor.cameo)


def _phrase_tokens(head: Any) -> list[Any]:
    """The words of the noun phrase headed by `head`: its subtree without coordinated items,
    clauses, appositions and prepositional phrases other than "of", "in" and "from" ("the
    government of Arnor", "activists in Arnor")."""
    cut: set[int] = set()
    for token in head.subtree:
        if token.i == head.i or token.head.i in cut:
            continue
        kept = token.dep_ == "prep" and token.lower_ in _PHRASE_PREPOSITIONS
        if token.dep_ in _NOT_IN_PHRASE and not kept:
            cut.update(t.i for t in token.subtree)
    return [t for t in head.subtree if t.i not in cut]


def phrase_text(head: Any) -> str:
    """The phrase as written in the sentence (character span from its first to last word)."""
    words = _phrase_tokens(head)
    doc = head.doc
    return str(doc.text[words[0].idx : words[-1].idx + len(words[-1].text)])


def _resolved(heads: Sequence[Any], resources: Any, day: date) -> list[tuple[str, str | None]]:
    """(phrase, code) for each head and each of its conjuncts ("Arnor and Gondor")."""
    from sitrep import actors

    out: list[tuple[str, str | None]] = []
    for head in heads:
        for item in (head, *head.conjuncts):
            if item.i in {h.i for h in heads} and item.i != head.i:
                continue
            text = phrase_text(item)
            out.append((text, actor_code(actors.resolve(text, resources.actors, day))))
    return list(dict.fromkeys(out))


def _subjects(verb: Any) -> list[Any]:
    """The verb's subject, or the subject of the verb it depends on ("agreed to attack",
    "attacked and bombed")."""
    holder = verb
    while True:
        found = [c for c in holder.children if c.dep_ in _SUBJECTS]
        if found or holder.dep_ not in _VERB_LINKS or holder.head.i == holder.i:
            return found
        holder = holder.head


def _passive(verb: Any) -> bool:
    return any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ in {"auxpass", "aux:pass"}
               for c in verb.children)


def _prepositional_objects(token: Any, deep: bool = False) -> list[Any]:
    """Objects of the prepositions on `token` other than "by" ("met with Gondor", "warned of
    Gondor"). With `deep` (inside a noun phrase), also those further down a chain of
    prepositional phrases, nearest first, and without "of" objects, which belong to the
    phrase itself ("resumption of ties with Osgiliath" gives Osgiliath, not ties)."""
    found: list[Any] = []
    queue = [token]
    while queue:
        item = queue.pop(0)
        for prep in (c for c in item.children if c.dep_ == "prep" and c.lower_ != "by"):
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            if prep.lower_ != "of" or not deep:  # "warned of X"; but "ties of X" is the NP
                found += objects
            queue += objects if deep else []
    return found


def _roles(verb: Any) -> tuple[list[Any], list[list[Any]]]:
    """The source words and the target candidates, in order of preference: the direct object
    (or the passive subject), then objects of prepositions under it, then those on the verb."""
    if _passive(verb):
        agents = [o for p in verb.children if p.dep_ == "agent"
                  for o in p.children if o.dep_ == "pobj"]
        return agents, [[c for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS]]
    objects = [c for c in verb.children if c.dep_ in _OBJECTS]
    nested = [o for obj in objects for o in _prepositional_objects(obj, deep=True)]
    return _subjects(verb), [objects, nested, _prepositional_objects(verb)]


@dataclass(frozen=True)
class Patterns:
    """The patterns of a verb dictionary by verb word (`verb_patterns.index_patterns`) and its
    synonym sets (`petrarch.read_synsets`)."""

    by_verb: dict[str, list[tuple[str, str]]]
    synsets: dict[str, tuple[str, ...]]


def pattern_code(token: Any, patterns: Patterns | None) -> str | None:
    """The code of the verb's most specific matching pattern (`verb_patterns.match`; the
    verb's form first, then its lemma), as written ("042:043", "---"), or None."""
    from sitrep import verb_patterns

    if patterns is None or token.pos_ not in {"VERB", "AUX"}:
        return None
    listed = patterns.by_verb.get(token.lower_) or patterns.by_verb.get(token.lemma_.lower())
    return verb_patterns.match(token, listed, patterns.synsets) if listed else None


def coded_verbs(
    root: Any, table: dict[str, str], patterns: Patterns | None = None
) -> list[tuple[Any, str]]:
    """Verbs with a code, reached from the sentence root along xcomp, ccomp, conj and acomp
    links (the root itself first, then breadth first). A matching pattern's code wins over
    the table's (one code: "042:043" → "042", ":173" → "173"); a pattern with the null code
    "---" leaves the verb uncoded, one with another code without digits ("+++", TABARI's
    "complex" mark) leaves the table's code."""
    from sitrep import verb_patterns

    found: list[tuple[Any, str]] = []
    queue = [root]
    while queue:
        token = queue.pop(0)
        code = verb_code(token, table)
        matched = pattern_code(token, patterns)
        if matched == NULL_CODE:  # the pattern blocks the verb
            code = None
        elif matched is not None and any(ch.isdigit() for ch in matched):
            code = verb_patterns.event_code(matched)
        if code is not None:
            found.append((token, code))
        queue.extend(c for c in token.children if c.dep_ in _VERB_LINKS)
    return found


def _verb_roles(
    verb: Any, resources: Any, day: date
) -> tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]:
    """(phrase, code) of the verb's sources and of its targets: the first candidate group
    that names an actor with a country (or a transnational body), else the first with a
    sector alone ("---MIL": "fired artillery shells at Seoul" gives Seoul)."""
    source_heads, target_groups = _roles(verb)
    sources = _resolved(source_heads, resources, day)
    groups = [_resolved(group, resources, day) for group in target_groups]
    for wanted in (_placed, bool):
        for targets in groups:
            if any(wanted(c) for _, c in targets):
                return sources, targets
    return sources, groups[-1] if groups else []


def _placed(code: str | None) -> bool:
    return bool(code) and not str(code).startswith(NO_ACTOR)


def dyads(
    sources: Sequence[str], targets: Sequence[str], code: str, require_dyad: bool = True
) -> set[Triple]:
    """Every source × target pair with `code`; a paired code "A:B" also gives the reverse
    (target, source, B); no target gives "---" when `require_dyad` is False and nothing
    otherwise. An actor is never its own target."""
    targets = list(targets) or ([] if require_dyad else [NO_ACTOR])
    forward, backward = split_code(code)
    found: set[Triple] = set()
    for source in sources:
        for target in targets:
            if source == target:
                continue
            if forward:
                found.add((source, target, forward))
            if backward and target != NO_ACTOR:
                found.add((target, source, backward))
    return found


def code_sentence(
    text: str, day: date, resources: Any, verb_table: dict[str, str],
    require_dyad: bool = True, trace: Trace | None = None, patterns: Patterns | None = None,
) -> set[Triple]:
    """The (source, target, event code) triples for one sentence of raw text.

    1. sitrep runs on the text (`pipeline.extract`, published on `day`) and gives its claims.
    2. The text is parsed with sitrep's spaCy pipeline. From each sentence root, and each verb
       reached from it along xcomp / ccomp / conj / acomp links ("is about to restore", "…, an
       official said"), every verb whose form or lemma is in `verb_table` is coded with the
       table's code, or with the code of its most specific matching pattern in `patterns`
       (`coded_verbs`, `sitrep.verb_patterns.match`):
       - if sitrep made a claim at that verb whose actor and target both have a code, the
         claim's (actor, target) pairs are used: sitrep's own role rules, the suite's code;
       - otherwise the coder's own roles: the source is the verb's subject (inherited from
         the governing verb for "agreed to attack"; the "by" agent of a passive), the target
         its direct object (the subject of a passive), else the object of a preposition
         under that object ("ties with Gondor"), else the object of a preposition on the
         verb ("met with Gondor", "warned of Gondor"); a candidate naming an actor with a
         country wins over an earlier one naming only a sector ("fired artillery shells at
         Seoul"). A phrase is the head's subtree without clauses, conjuncts, appositions
         and prepositional phrases other than "of", "in" and "from" ("activists in Arnor").
         Each phrase, and each conjunct of it, is resolved with
         `actors.resolve(phrase, resources.actors, day)` and its `.cameo` is the code
         (`actor_code`: a sector without a country is written "---GOV"); phrases that do
         not resolve to a code are dropped.
       Sources × targets give the triples (`dyads`: a paired code "A:B" also gives the
       reverse triple with B; no target gives "---" only when `require_dyad` is False).
    3. Every other sitrep claim (its trigger is not a verb coded in step 2) whose actor and
       target both have a code gives (actor, target, the action's CAMEO code).
    """
    from sitrep import ingest, pipeline

    trace = trace if trace is not None else Trace()
    document = ingest.from_text(text, path="petrarch", language="en",
                                published=day.isoformat())
    claims = pipeline.extract(document, resources).claims
    at_verb: dict[int, list[Any]] = {}
    for claim in claims:
        at_verb.setdefault(claim.trigger_start, []).append(claim)
    nlp = resources.models.for_language("en")
    found: set[Triple] = set()
    coded_at: set[int] = set()
    for sentence in nlp(document.text).sents:
        for verb, code in coded_verbs(sentence.root, verb_table, patterns):
            coded_at.add(verb.idx)
            pairs = [(actor_code(c.actor), actor_code(c.target))
                     for c in at_verb.get(verb.idx, [])]
            pairs = [(a, t) for a, t in pairs if a and t]
            sources, targets = _verb_roles(verb, resources, day)
            trace.verbs.append({"verb": verb.text, "lemma": verb.lemma_, "code": code,
                                "sources": sources, "targets": targets,
                                "claim_pairs": pairs})
            if pairs:
                for source, target in pairs:
                    found |= dyads([str(source)], [str(target)], code, require_dyad)
            else:
                found |= dyads([c for _, c in sources if c], [c for _, c in targets if c],
                               code, require_dyad)
    for claim in claims:
        source, target = actor_code(claim.actor), actor_code(claim.target)
        used = claim.trigger_start not in coded_at and bool(source and target and claim.cameo)
        trace.claims.append({
            "trigger": claim.trigger, "action": claim.action, "cameo": claim.cameo,
            "actor": claim.actor.name if claim.actor else None, "actor_code": source,
            "target": claim.target.name if claim.target else None, "target_code": target,
            "used": used,
        })
        if used:
            found.add((str(source), str(target), str(claim.cameo)))
    return found


# --------------------------------------------------------------------------- scoring


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def at_root(triples: Iterable[Triple]) -> set[Triple]:
    """Triples with the event code cut to its root (first two characters: "0231" → "02")."""
    return {(s, t, c[:2]) for s, t, c in triples}


def as_pairs(triples: Iterable[Triple]) -> set[tuple[str, str]]:
    """Only (source, target)."""
    return {(s, t) for s, t, _ in triples}


def score_sets(pairs: Sequence[tuple[set[Any], set[Any]]]) -> dict[str, float | int]:
    """Micro P/R/F1 over records of (predicted, expected) sets, and the share of records whose
    predicted set equals the expected one (an empty expected set counts: noevents records)."""
    tp = sum(len(p & g) for p, g in pairs)
    fp = sum(len(p - g) for p, g in pairs)
    fn = sum(len(g - p) for p, g in pairs)
    out: dict[str, float | int] = dict(prf(tp, fp, fn))
    out.update(tp=tp, fp=fp, fn=fn)
    out["exact"] = sum(p == g for p, g in pairs) / len(pairs) if pairs else 0.0
    return out


def score(predicted: Sequence[set[Triple]], records: Sequence[Record]) -> Scores:
    """Flat scores (without the data-set prefix) for records already coded."""
    gold = [set(r.expected) for r in records]
    exact = score_sets(list(zip(predicted, gold, strict=True)))
    root = score_sets([(at_root(p), at_root(g)) for p, g in zip(predicted, gold, strict=True)])
    pair = score_sets([(as_pairs(p), as_pairs(g)) for p, g in zip(predicted, gold, strict=True)])
    out: Scores = {}
    for name, values in (("triple", exact), ("triple_root", root), ("pair", pair)):
        suffix = "_root" if name == "triple_root" else ""
        base = "pair" if name == "pair" else "triple"
        for key in ("p", "r", "f1"):
            out[f"{base}_{key}{suffix}"] = round(float(values[key]), 4)
        for key in ("tp", "fp", "fn"):
            out[f"n_{name}_{key}"] = int(values[key])
    out["record_exact"] = round(float(exact["exact"]), 4)
    out["record_exact_root"] = round(float(root["exact"]), 4)
    noevents = [p for p, r in zip(predicted, records, strict=True) if r.kind == "noevents"]
    out["noevents_correct"] = sum(not p for p in noevents)
    out["records"] = len(records)
    out["records_noevents"] = len(noevents)
    out["expected_triples"] = sum(len(g) for g in gold)
    out["predicted_triples"] = sum(len(p) for p in predicted)
    return out


def per_category(predicted: Sequence[set[Triple]], records: Sequence[Record]) -> dict[str, Any]:
    """Triple F1 and exact-record rate per record category (AGENTS → AGENT, COMPOUNDx →
    COMPOUND)."""
    groups: dict[str, list[tuple[set[Triple], set[Triple]]]] = {}
    for p, r in zip(predicted, records, strict=True):
        name = r.category.rstrip("Sx") if r.category in {"AGENTS", "COMPOUNDx"} else r.category
        groups.setdefault(name, []).append((p, set(r.expected)))
    return {name: score_sets(pairs) | {"records": len(pairs)}
            for name, pairs in sorted(groups.items())}


# --------------------------------------------------------------------------- running


def load_pipeline(suite: Path) -> Any:
    """sitrep's resources with the suite's actor and agent dictionaries merged in."""
    return load_pipeline_from(suite / ACTORS, suite / AGENTS)


def load_pipeline_from(actors: Path, agents: Path | None = None) -> Any:
    """sitrep's resources with PETRARCH actor (and agent) dictionaries merged in; SITREP_*
    environment variables are ignored."""
    from sitrep import pipeline
    from sitrep.settings import load_settings

    settings = load_settings(environ={}, petrarch_actors=str(actors),
                             petrarch_agents=str(agents) if agents else "")
    return pipeline.load_resources(settings)


def load_verb_table(suite: Path) -> dict[str, str]:
    from sitrep import petrarch

    return build_verb_table(petrarch.read_verbs(suite / VERBS))


def load_patterns(suite: Path) -> Patterns:
    from sitrep import petrarch, verb_patterns

    return Patterns(verb_patterns.index_patterns(petrarch.read_verbs(suite / VERBS)),
                    petrarch.read_synsets(suite / VERBS))


def evaluate(
    data: Path, resources: Any = None, limit: int | None = None,
    errors: list[list[str]] | None = None,
) -> Scores:
    """Code every non-error record and score it; keys are prefixed "petrarch_validation."."""
    suite = data / SUITE
    records = load_records(suite / RECORDS)
    resources = resources or load_pipeline(suite)
    table = load_verb_table(suite)
    patterns = load_patterns(suite)
    resources.models.for_language("en")  # load the spaCy model before the clock starts
    scored = [r for r in records if r.kind != "error"][:limit]
    predicted: list[set[Triple]] = []
    started = time.perf_counter()
    for record in scored:
        trace = Trace()
        predicted.append(code_sentence(record.text, record.day, resources, table,
                                       record.require_dyad, trace, patterns))
        if errors is not None:
            errors.extend(error_rows(record, predicted[-1], trace))
    seconds = time.perf_counter() - started
    out = score(predicted, scored)
    out["records_error_skipped"] = sum(r.kind == "error" for r in records)
    out["verb_table_words"] = len(table)
    out["seconds"] = round(seconds, 2)
    out["records_per_second"] = round(len(scored) / seconds, 2) if seconds else 0.0
    flat: Scores = {f"{PREFIX}.{k}": v for k, v in out.items()}
    for name, values in per_category(predicted, scored).items():
        flat[f"{PREFIX}.category.{name}.triple_f1"] = round(float(values["f1"]), 4)
        flat[f"{PREFIX}.category.{name}.record_exact"] = round(float(values["exact"]), 4)
        flat[f"{PREFIX}.category.{name}.records"] = int(values["records"])
    return flat


def _fmt(triples: Iterable[Triple]) -> str:
    return " ".join("/".join(t) for t in sorted(triples)) or "-"


def error_rows(record: Record, predicted: set[Triple], trace: Trace) -> list[list[str]]:
    """One TSV row per false positive and false negative triple, with the coder's trace."""
    verbs = "; ".join(
        f"{v['verb']}[{v['code']}] src={v['sources']} tgt={v['targets']}"
        + (f" claim_pairs={v['claim_pairs']}" if v["claim_pairs"] else "")
        for v in trace.verbs)
    claims = "; ".join(
        f"{c['trigger']}[{c['cameo']}] {c['actor']}={c['actor_code']} -> "
        f"{c['target']}={c['target_code']}{'' if c['used'] else ' (unused)'}"
        for c in trace.claims)
    common = [record.text, _fmt(predicted), _fmt(record.expected), verbs or "-", claims or "-"]
    rows = [["FP", record.ident, record.category, "/".join(t), *common]
            for t in sorted(predicted - record.expected)]
    rows += [["FN", record.ident, record.category, "/".join(t), *common]
             for t in sorted(record.expected - predicted)]
    if record.kind == "noevents" and predicted:
        rows.append(["FP-noevents", record.ident, record.category, "-", *common])
    return rows


ERROR_COLUMNS = ["kind", "record", "category", "triple", "text", "predicted", "expected",
                 "table_verbs", "sitrep_claims"]


def table(scores: Scores) -> str:
    """A readable summary of the headline scores."""
    p = PREFIX
    lines = [
        f"PETRARCH2 validation suite: {scores[f'{p}.records']} records scored "
        f"({scores[f'{p}.records_noevents']} noevents, {scores[f'{p}.records_error_skipped']} "
        f"error records skipped), {scores[f'{p}.expected_triples']} expected triples, "
        f"{scores[f'{p}.predicted_triples']} predicted",
        f"{'match on':<28}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for label, key, suffix in (("(source, target, code)", "triple", ""),
                               ("(source, target, root)", "triple", "_root"),
                               ("(source, target)", "pair", "")):
        lines.append(f"{label:<28}" + "".join(
            f"{scores[f'{p}.{key}_{m}{suffix}']:>8.3f}" for m in ("p", "r", "f1")))
    lines.append(f"records coded exactly: {scores[f'{p}.record_exact']:.3f} "
                 f"(on the root: {scores[f'{p}.record_exact_root']:.3f}); "
                 f"noevents records left empty: {scores[f'{p}.noevents_correct']}/"
                 f"{scores[f'{p}.records_noevents']}")
    lines.append(f"{'category':<12}{'records':>8}{'F1':>8}{'exact':>8}")
    for key in sorted(k for k in scores if k.endswith(".records") and ".category." in k):
        name = key.split(".")[2]
        lines.append(f"{name:<12}{scores[key]:>8}"
                     f"{scores[f'{p}.category.{name}.triple_f1']:>8.3f}"
                     f"{scores[f'{p}.category.{name}.record_exact']:>8.3f}")
    lines.append(f"anchors: PETRARCH-2 with gold parse trees, triple F1 0.41 (91/284 records "
                 f"exact); PETRARCH-1 codes 276/281 of its own suite. Coding took "
                 f"{scores[f'{p}.seconds']} s ({scores[f'{p}.records_per_second']} records/s)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--json", type=Path, help="write the flat scores here")
    parser.add_argument("--errors", type=Path,
                        help="write every false positive / negative triple here as TSV "
                             "(keep it outside the repository)")
    parser.add_argument("--limit", type=int, help="score only the first N records")
    args = parser.parse_args(argv)
    suite = args.data / SUITE
    if not (suite / RECORDS).is_file():
        reason = f"{suite / RECORDS} is absent (the shared data sets live beside the repo)"
        print(f"SKIP: {reason}")
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"skipped": reason}) + "\n", encoding="utf-8")
        return 0
    started = time.perf_counter()
    errors: list[list[str]] | None = [] if args.errors else None
    scores = evaluate(args.data, limit=args.limit, errors=errors)
    total = time.perf_counter() - started
    scores[f"{PREFIX}.seconds_total"] = round(total, 2)
    print(table(scores))
    print(f"run time {total:.1f} s (with loading the dictionaries and spaCy)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n",
                             encoding="utf-8")
    if args.errors and errors is not None:
        with args.errors.open("w", encoding="utf-8") as out:
            out.write("\t".join(ERROR_COLUMNS) + "\n")
            for row in errors:
                out.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
