"""Who signs or proposes a text: "(Signed by A, B and C)", "For the Government of X:" lines, or
the list of states in a preamble ("China, …, and the Kingdom of Thailand propose …")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dsrdraft.countries import resolve_country, split_country_list
from dsrdraft.lazyre import lazy_compile
from dsrdraft.model import Clause, Signatory, UnitKind

SIGNED_BY = lazy_compile(r"^\(?\s*signed\s+by\s*:?\s*(?P<list>[^)]*)\)?\.?$", re.IGNORECASE)
# "For the Government of X:", and with the state's abbreviation after its name: "For the
# Russian Federation (RSFSR)".
FOR_GOVERNMENT = lazy_compile(
    r"^for (?:the )?(?:government|republic|kingdom|state|people)? ?(?:of )?(?:the )?"
    r"(?P<name>[^:]{2,80}?)\s*(?:\([A-Z]{2,6}\))?\s*:?$", re.IGNORECASE)
_LIST_VERB = lazy_compile(
    r"\b(propose|proposes|have agreed|agree|agrees|declare|declares|adopt|adopts|hereby|"
    r"jointly (?:propose|issue|launch)|have decided|decide|sign|signed|launch|launched)\b",
    re.IGNORECASE,
)


def signature_line(text: str) -> list[Signatory] | None:
    """The states a signature-block line names ("(Signed by …)", "For the Government of X:"),
    or None when the line is not one."""
    if len(text) > 600 or text.lstrip("( ")[:1].lower() not in ("s", "f"):
        return None  # a paragraph of text, not "(Signed by …)" or "For the Government of …"
    text = " ".join(text.split())
    match = SIGNED_BY.match(text)
    if match:
        found = split_country_list(match.group("list").rstrip(". "))
        return found or None
    match = FOR_GOVERNMENT.match(text)
    if match:
        country = resolve_country(match.group("name"))
        return [country] if country is not None else None
    return None


def from_preamble(preamble: str) -> list[Signatory]:
    """States listed before a verb such as "propose" in one sentence of the preamble."""
    for sentence in re.split(r"(?<=[.;:])\s+", preamble):
        verb = _LIST_VERB.search(sentence)
        while verb is not None:
            found = split_country_list(sentence[: verb.start()])
            if len(found) >= 2:
                return unique(found)
            verb = _LIST_VERB.search(sentence, verb.end())
    return []


def unique(signatories: list[Signatory]) -> list[Signatory]:
    seen: set[str] = set()
    result = []
    for signatory in signatories:
        if signatory.code not in seen:
            seen.add(signatory.code)
            result.append(signatory)
    return result


# ------------------------------------------------------------------ parties named in the text

# Words around a state's name in a list of parties: articles, prepositions, "the Government of".
_PARTY_WORDS = lazy_compile(
    r"^(?:(?:the|le|la|les|los|las|el|l'|d'|du|de|des|del|of|van|het|der|die|den|"
    r"heads? of state and government|heads? of state|leaders?|governments?|gouvernements?|"
    r"gobiernos?|regering(?:en)?|regierung(?:en)?)(?:\s+|(?<=')))+", re.IGNORECASE)
_LIST_SEPARATOR = lazy_compile(r"\s*(?:[,;、]|\b(?:and|et|y|en|und)\b|和|与|及)\s*")
_TRAILING_SEPARATOR = lazy_compile(r"\s*(?:[,;、]|\b(?:and|et|y|en|und)\b|和|与|及)\s*$")
_SIGNING_PHRASE = lazy_compile(
    r"(?:For|FOR|Pour|POUR|Por|POR|Voor|VOOR|Für|FÜR)\s+(?:the\s+|le\s+|la\s+|l'|el\s+|de\s+|"
    r"die\s+|het\s+)?(?P<name>(?:Government|Gouvernement|Gobierno|Regering|Regierung|"
    r"Republic|Kingdom|State|République|Royaume|República|Reino|Koninkrijk)\b[^,:;(*\n]{0,100})")
_BETWEEN = lazy_compile(r"\b(?:between|entre|tussen|zwischen)\s+(?P<parties>.+?)(?:\s+(?:on|"
                        r"concerning|regarding|relating|sur|relatif|relative|concernant|sobre|"
                        r"betreffende|inzake|über)\b|$)", re.IGNORECASE)
_CJK_PARTIES = lazy_compile(r"^(?P<parties>[^，,。]{2,60}?)关于")


def _pieces(text: str) -> list[str]:
    """`text` cut at list separators; each piece keeps the separator that followed it, so
    that pieces can be joined back as written ("Sao Tome and Principe")."""
    out: list[str] = []
    last = 0
    for m in _LIST_SEPARATOR.finditer(text):
        out.append(text[last:m.end()])
        last = m.end()
    out.append(text[last:])
    return [p for p in out if p.strip(" ,;、")]


def _state(piece: str) -> Signatory | None:
    name = _TRAILING_SEPARATOR.sub("", piece.strip(" ,;、-–—*"))  # "Belgique, " / "… et "
    name = _PARTY_WORDS.sub("", name).strip(" ,;、-–—*")
    if not name:
        return None
    found = resolve_country(name)
    if found is None and name.count("~") == 1:
        # OCR prints a letter it cannot read as "~" ("Nicar~gua"): the one state it can be
        hits = {s.code: s for s in (resolve_country(name.replace("~", ch))
                                    for ch in "abcdefghijklmnopqrstuvwxyz") if s is not None}
        found = next(iter(hits.values())) if len(hits) == 1 else None
    return found


def _runs(text: str) -> list[list[Signatory] | None]:
    """For each piece of the list in `text`: the states read from it (joining the pieces
    that follow, up to four, when a name holds a separator), or None when it names none."""
    text = re.sub(r"\s*\([^)]*\)", "", text)  # "(the “United States”)", "(ASEAN)"
    pieces = _pieces(text)
    out: list[list[Signatory] | None] = []
    i = 0
    while i < len(pieces):
        for j in range(min(len(pieces), i + 4), i, -1):
            found = _state("".join(pieces[i:j]))
            if found is not None:
                out.append([found])
                i = j
                break
        else:
            out.append(None)
            i += 1
    return out


def parties_named(actor: str) -> list[Signatory]:
    """The states an actor or a title names, when it names only states ("The Government of
    the United States of America and the Government of the People’s Republic of China",
    "Les Gouvernements du Royaume de Belgique, de la République Française, …"); [] when any
    party is not a state (an organisation, "the member States of the Council of Europe")."""
    runs = _runs(actor)
    if not runs or any(r is None for r in runs):
        return []
    return unique([s for r in runs if r for s in r])


def states_listed(text: str) -> list[Signatory]:
    """The longest run of at least two states listed one after the other in `text` ("We,
    the Heads of State and Government of the Argentine Republic, Barbados, …, reiterate")."""
    best: list[Signatory] = []
    run: list[Signatory] = []
    for found in [*_runs(text), None]:
        if found is None:
            if len(run) > len(best):
                best = run
            run = []
        else:
            run.extend(found)
    return unique(best) if len(best) >= 2 else []


def signing_phrases(text: str) -> list[Signatory]:
    """States of the "For the Government of X" phrases inside a closing paragraph, where a
    signature block was run into the "Done at …" line."""
    found = (_state(m.group("name")) for m in _SIGNING_PHRASE.finditer(text))
    return unique([s for s in found if s is not None])


def title_parties(title: str) -> list[Signatory]:
    """The states a bilateral instrument's title names ("Trade Agreement between the Kingdom
    of the Netherlands and the Kingdom of Egypt", "中华人民共和国和法兰西共和国关于…")."""
    m = _BETWEEN.search(title) or _CJK_PARTIES.match(title)
    return parties_named(m.group("parties")) if m else []


def sponsors_listed(text: str) -> list[Signatory]:
    """The states among the sponsors a UN draft lists ("Albania, …, and United States of
    America: draft resolution"); a sponsor that is no state (the European Union) is left out
    of the signatories, not of the text (the line stays in the front matter)."""
    listed = re.sub(r"[:：][^:：]*$", "", text)
    return unique([s for run in _runs(listed) if run for s in run])


# An editor's note over a joint text naming who issued it: "The text of the following
# declaration was released by the Governments of Angola, …, and Uruguay at the Ministerial …".
_RELEASED_BY = lazy_compile(
    r"\b(?:released|issued|adopted|endorsed|agreed)\s+by\s+the\s+(?:governments|leaders|"
    r"heads of state and government|foreign ministers|ministers)\s+of\s+(?P<list>.+?)"
    r"(?:\s(?:at|on|in|during)\s.*)?$", re.IGNORECASE)  # no state's name holds " at "


def released_by(lines: Sequence[str]) -> list[Signatory]:
    """The states an editor's note in the title block names as issuing the text."""
    for line in lines:
        m = _RELEASED_BY.search(line)
        if m:
            found = states_listed(m.group("list"))
            if found:
                return found
    return []


def read_signatories(signature_lines: list[Signatory], units: list[Clause],
                     title: str, sponsors: str = "",
                     front_lines: Sequence[str] = ()) -> list[Signatory]:
    """Who signs, from the best evidence the text gives: its signature block (lines, or
    phrases run into the closing paragraph), else a draft's sponsors, the parties its
    chapeau names, the states listed before the verb of its preamble, those its title names,
    or those an opening "We, the Heads of State of …" paragraph lists."""
    found = list(signature_lines)
    for unit in units:
        if unit.kind is UnitKind.CLOSING:
            found.extend(signing_phrases(unit.text))
    if found:
        return unique(found)
    if sponsors:
        found = sponsors_listed(sponsors)
        if found:
            return found
    found = released_by(front_lines)
    if found:
        return found
    chapeau = next((u for u in units if u.kind is UnitKind.FORMULA), None)
    if chapeau is not None and chapeau is next(iter(units), None):
        found = parties_named(chapeau.text.rstrip(" ,:-–—"))
    found = found or from_preamble(" ".join(u.text for u in units
                                            if u.kind is UnitKind.PREAMBULAR))
    found = found or title_parties(title)
    first = next((u for u in units if u.kind is not UnitKind.FORMULA), None)
    if not found and first is not None and re.match(r"^We,\s", first.text):
        found = states_listed(re.split(r"(?<=[.;:])\s", first.text, maxsplit=1)[0])
    return unique(found)
