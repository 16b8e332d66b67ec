"""The side-by-side HTML report: one self-contained page (inline CSS, no script, no assets)."""

from __future__ import annotations

from html import escape

from dsrdraft.compare.result import KINDS, AlignedPair, Comparison

_CSS = """
:root { --del: #fde2e1; --del-ink: #8a1c17; --ins: #dcf5e3; --ins-ink: #14532d; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Noto Serif", "Songti SC", "SimSun", serif; margin: 0;
       color: #1b1b1b; background: #fff; }
header { padding: 1rem 1.5rem; border-bottom: 1px solid #ccc; background: #f6f6f4; }
h1 { font-size: 1.25rem; margin: 0 0 .4rem; }
.summary { display: flex; flex-wrap: wrap; gap: .4rem; margin: 0; padding: 0; list-style: none; }
.summary li { padding: .1rem .55rem; border: 1px solid #bbb; border-radius: 1rem;
              font: 13px/1.6 system-ui, sans-serif; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { width: 50%; vertical-align: top; padding: .6rem 1rem; border-bottom: 1px solid #e3e3e3; }
thead th { position: sticky; top: 0; background: #fff; text-align: left;
           border-bottom: 2px solid #999; font: 600 14px/1.4 system-ui, sans-serif; }
td.empty { background: repeating-linear-gradient(45deg, #fafafa, #fafafa 6px, #f1f1f1 6px,
           #f1f1f1 12px); }
.num { font: 600 13px system-ui, sans-serif; color: #555; margin-right: .4rem; }
.label { font: 12px/1.4 system-ui, sans-serif; padding: 0 .4rem; border-radius: .3rem;
         margin-left: .3rem; border: 1px solid #999; color: #333; white-space: nowrap; }
.label.moved { border-color: #7a4cc2; color: #5b2ca0; }
.label.split, .label.merged { border-color: #b26b00; color: #8a5300; }
.label.added { border-color: #14532d; color: #14532d; }
.label.removed { border-color: #8a1c17; color: #8a1c17; }
.meta { margin-bottom: .3rem; }
.text p { margin: 0 0 .4rem; white-space: pre-wrap; }
del { background: var(--del); color: var(--del-ink); text-decoration: line-through; }
ins { background: var(--ins); color: var(--ins-ink); text-decoration: none;
      border-bottom: 1px solid var(--ins-ink); }
tr.unchanged .text { color: #555; }
@media print {
  body { font-size: 10.5pt; }
  header { background: none; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  del, ins, td.empty { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { size: A4 landscape; margin: 12mm; }
}
"""


def _paragraphs(html_text: str) -> str:
    # Multi-clause sides (split/merged) are joined by "\n": one paragraph per clause.
    return "".join(f"<p>{line}</p>" for line in html_text.split("\n"))


def _side(pair: AlignedPair, side: str) -> str:
    tag = "del" if side == "-" else "ins"
    parts = []
    for op, text in pair.diff:
        if op == "=":
            parts.append(escape(text))
        elif op == side:
            # Keep the "\n" clause separator outside the highlight so paragraphs still split.
            parts.append("\n".join(f"<{tag}>{escape(seg)}</{tag}>" if seg else ""
                                   for seg in text.split("\n")))
    return _paragraphs("".join(parts))


def _labels(pair: AlignedPair) -> str:
    labels = []
    if pair.kind != "unchanged":
        labels.append(pair.kind)
    if pair.moved:
        labels.append("moved")
    out = "".join(f'<span class="label {k}">{k}</span>' for k in labels)
    if pair.kind in ("changed", "split", "merged"):
        out += f'<span class="label">{pair.similarity:.2f}</span>'
    return out


def render_html(comparison: Comparison, old_title: str = "Old", new_title: str = "New",
                old_numbers: list[str] | tuple[str, ...] | None = None,
                new_numbers: list[str] | tuple[str, ...] | None = None) -> str:
    """The whole page as a string; every piece of document text is HTML-escaped."""
    on = list(old_numbers if old_numbers is not None else comparison.old_numbers)
    nn = list(new_numbers if new_numbers is not None else comparison.new_numbers)

    def nums(numbers: list[str], indices: tuple[int, ...]) -> str:
        return " + ".join(escape(numbers[i] if i < len(numbers) else str(i + 1))
                          for i in indices)

    rows = []
    for pair in comparison.pairs:
        cells = []
        for side, indices, numbers in (("-", pair.old, on), ("+", pair.new, nn)):
            if not indices:
                cells.append('<td class="empty"></td>')
                continue
            meta = f'<div class="meta"><span class="num">{nums(numbers, indices)}</span>'
            meta += (_labels(pair) if side == "+" or not pair.new else "") + "</div>"
            cells.append(f'<td>{meta}<div class="text">{_side(pair, side)}</div></td>')
        rows.append(f'<tr class="{pair.kind}">{"".join(cells)}</tr>')
    summary = "".join(f"<li>{k}: {comparison.summary.get(k, 0)}</li>" for k in (*KINDS, "moved"))
    title = f"{escape(old_title)} → {escape(new_title)}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Comparison: {title}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{title}</h1><ul class="summary">{summary}</ul></header>'
        f"<table><thead><tr><th>{escape(old_title)}</th><th>{escape(new_title)}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )
