"""The words of a preamble: recitals ("Recalling …,", "CONSIDÉRANT …;"), enacting formulas
("Have agreed as follows:"), and a treaty preamble printed as one paragraph told apart.

Treaty preambles are one sentence by convention: the actor ("The Government of …"), the
recitals ("Having regard to …, Desiring …,") and the enacting formula ("Have agreed as
follows:"). Texts copied from databases often lose the line breaks between them
("hereto,Considering …;Considering …level.Have agreed as follows:"); the pieces are still
the chapeau, the preambular paragraphs and the formula that negotiators cite.
"""

from __future__ import annotations

import re

from dsrdraft.lazyre import lazy_compile
from dsrdraft.model import UnitKind

# A preambular paragraph opens with a participle or an adjective; a word in -ed before a
# capitalised word is a name ("United Nations", "United States of America …"), never one.
PREAMBULAR_WORD = lazy_compile(
    r"^(?![A-Z][a-z]+ed\s+[A-Z])(?:[A-Z][a-z]+(?:ing|ed)|[A-Z]{3,}(?:ING|ED)|CONSID[EÉ]RANT|MINDFUL|AWARE|Mindful|Aware|"
    r"Conscious|Cognizant|Cognisant|Convinced|"
    r"Concerned|Deeply|Gravely|Further|Also|Bearing|Having|Noting|Recalling|Reaffirming|"
    r"Recognizing|Recognising|Welcoming|Desiring|Determined|Considering|Acknowledging|"
    r"Emphasizing|Emphasising|Stressing|Underlining|Taking|Expressing|Alarmed|Encouraged|"
    r"Guided|Inspired|Reiterating|Affirming|Rappelant|Réaffirmant|Considérant|Reconnaissant|"
    r"Notant|Soulignant|Consciente?s?|Convaincue?s?|Préoccupée?s?|Recordando|Reafirmando|"
    r"Reconociendo|Considerando|Observando|Destacando|Consciente|Convencid[oa]s?|"
    r"Preocupad[oa]s?)\b"
    # Chinese recitals open with the verb: 认识到 (recognizing), 注意到, 重申, 回顾, 鉴于 …
    r"|^(?:又|并|還|还)?(?:认识到|注意到|意识到|重申|回顾|忆及|强调|铭记|欢迎|考虑到|鉴于|鑑於|鑒於|"
    r"深信|确认|承认|关切|赞赏|满意地|忧虑地|铭感|遵循|秉持|本着)"
    # a proclamation's or a deed's recitals: "WHEREAS …", "AND WHEREAS …"
    r"|^(?:AND\s+|And\s+)?(?:WHEREAS|Whereas)")

# What turns a proclamation's recitals into its operative words: "NOW, THEREFORE, I …",
# "因此本人…現公布" (after "鑑於…", "又鑑於…").
THEREFORE = lazy_compile(r"^(?:NOW,?\s+THEREFORE|Now,?\s+[Tt]herefore)\b|^因此(?:本人|，|,)")

# An operative paragraph of a resolution opens with a verb ("Adopts", "Also decides",
# "Calls upon"); preambular ones with a participle or an adjective.
OPERATIVE_VERB = lazy_compile(r"^(?:(?:Also|Further|Strongly|Once again|Again|Hereby|Firmly)"
                               r"\s+)?[A-Z][a-z]+s\s+[a-z]")


ENACTING = lazy_compile(
    r"(?:(?:have|has|hereby|do hereby)?\s*(?:agreed?|decided?|resolved?|declared?|adopted?|"
    r"proclaimed?|propose[sd]?|concluded?|affirmed?|commit(?:ted)?)\b.{0,60}\b(?:as follows|the "
    r"following)\b.{0,80}[:：]$|^(?:sont convenus|sont convenues|han convenido|acuerdan|"
    r"conviennent|zijn overeengekomen|komen overeen)\b.{0,60}[:：]$|如下[:：]$|"
    r"如下(?:共识|倡议|协议)[:：]?$"
    # "为此，我们倡议各国政府：", "我们呼吁：", "…达成以下共识。", "采取下列措施…合作："
    r"|^we\s+(?:hereby\s+)?(?:commit|decide|agree|resolve|declare|undertake|pledge)\w*"
    r"(?:\s*to)?\s*[:：]$"
    r"|(?:倡议|呼吁|同意|宣布|决定|承诺|提议|声明)[^，。：:]{0,12}[:：]$"
    r"|(?:以下|如下|下列)[^，。：:]{0,16}[:：。]$)",
    re.IGNORECASE)

# Words that open a recital of a treaty, in the languages treaties are printed in.
_OPENERS = (
    "having regard to", "having", "considering", "recognizing", "recognising", "recalling",
    "noting", "desiring", "desirous", "wishing", "bearing in mind", "convinced", "conscious",
    "determined", "resolved", "mindful", "aware", "taking into account", "reaffirming",
    "acknowledging", "affirming", "emphasizing", "emphasising", "stressing", "welcoming",
    "believing", "seeking", "moved by", "inspired by", "guided by", "whereas",
    "considérant", "notant", "désireux", "désireuses", "désirant", "reconnaissant",
    "rappelant", "soucieux", "soucieuses", "convaincus", "convaincues", "conscients",
    "conscientes", "animés", "résolus", "décidés", "tenant compte", "réaffirmant",
    "souhaitant", "considerando", "convencidos", "convencidas", "teniendo en cuenta",
    "teniendo presente", "inspirados", "inspiradas", "reconociendo", "deseando", "deseosos",
    "recordando", "reafirmando", "animados", "conscientes", "decididos", "resueltos",
    "tomando nota", "observando", "destacando", "overwegende", "in aanmerking nemende",
    "gelet op", "verlangende", "erkennende", "geleid door", "vastbesloten", "wensende",
    "indachtig",
)
_OPENER = "|".join(re.escape(w) for w in sorted(_OPENERS, key=len, reverse=True))
# A recital glued to what comes before it: after a separator ("hereto,Considering",
# "d'Amérique -CONSIDÉRANT", "; yConsiderando"), with or without the space.
_GLUED = lazy_compile(rf"(?:[;:.,]|(?<=\s)[-–—])\s*(?:(?:y|and|et|en|und)\s*)?(?=(?:{_OPENER})\b)",
                      re.IGNORECASE)
# The verb of an enacting formula, where the formula begins inside a sentence.
_ENACTING_VERB = lazy_compile(
    r"\b(?:(?:have|has|hereby)\s+)?(?:agreed|decided|resolved|concluded)\b|"
    r"\b(?:ont|sont)\s+(?:convenus?|convenues?|décidé|arrêté|résolu)\b|\bconviennent\b|"
    r"\b(?:han|ha)\s+(?:convenido|acordado|decidido|resuelto)\b|\bacuerdan\b|\bconvienen\b|"
    r"\b(?:zijn|hebben)\s+(?:overeengekomen|besloten)\b", re.IGNORECASE)
_ACTOR = lazy_compile(r"^(?:the|le|la|les|los|las|el|de|het|die|der|we|nous)\s+\S", re.IGNORECASE)
_SEPARATOR = lazy_compile(r"[;:.,]|(?<=\s)[-–—]")


def treaty_preamble(text: str) -> list[tuple[UnitKind, str]] | None:
    """A whole treaty preamble printed as one paragraph, as (kind, text) pieces: the chapeau
    (a formula), each recital (preambular) and the enacting formula; None when `text` is not
    one (it must open with its actor, then hold two recitals, or one and the formula)."""
    if not _ACTOR.match(text):
        return None
    # after the actor a recital may open in lower case ("…Tunisienne, désireux de …");
    # further on only a capital opens one, so "…, notant que …" inside a recital stays in it
    cuts = [m.end() for n, m in enumerate(_GLUED.finditer(text))
            if n == 0 or text[m.end():m.end() + 1].isupper()]
    if not cuts or (len(cuts) == 1 and _enacting_tail(text) is None):
        return None  # "The parties, recalling their commitments,": one preambular paragraph
    pieces = [text[:cuts[0]]] + [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)],
                                                                strict=True)]
    out: list[tuple[UnitKind, str]] = [(UnitKind.FORMULA, pieces[0].strip())]
    out.extend((UnitKind.PREAMBULAR, p.strip()) for p in pieces[1:-1])
    last = pieces[-1].strip()
    formula = _enacting_tail(last)
    if formula is not None:
        last = last[: len(last) - len(formula)].strip()
    if last:
        out.append((UnitKind.PREAMBULAR, last))
    if formula is not None:
        out.append((UnitKind.FORMULA, formula))
    return [(kind, piece) for kind, piece in out if piece]


def _enacting_tail(text: str) -> str | None:
    """"Have agreed as follows:" at the end of `text`, from the separator before its verb."""
    if not text.rstrip().endswith((":", "：")):
        return None
    verbs = list(_ENACTING_VERB.finditer(text))
    if not verbs:
        return None
    start = 0
    for sep in _SEPARATOR.finditer(text, 0, verbs[-1].start()):
        start = sep.end()
    tail = text[start:].strip()
    return tail if len(tail.split()) <= 40 else None


def run_on_formula(text: str) -> tuple[str, str] | None:
    """(the paragraph, its enacting formula) when a formula was run onto the end of the last
    preambular paragraph ("…面对新形势新挑战，我们呼吁：", "…internacional.Han convenido en lo
    siguiente:"); None when the paragraph is no more than the formula, or has none."""
    if "。" in text.rstrip("。：: "):
        head, _, last = text.rstrip().rpartition("。")
        if last and ENACTING.search(last):
            return head + "。", last.strip()
        return None
    tail = _enacting_tail(text)
    if tail is None or len(tail) >= len(text.strip()):
        return None
    return text[: len(text.rstrip()) - len(tail)].strip(), tail
