"""Inline SVG charts for the HTML report: readable printed in black and white (each status has a
pattern as well as a colour), each with a text alternative (title, and the data as a table next
to it in the page). Text is escaped; nothing is fetched."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from stspd_cli.dates import PartialDate
from stspd_cli.fr import date_fr, date_span, euros_fr, percent_fr
from stspd_cli.report.compute import listed

if TYPE_CHECKING:
    from datetime import date

    from stspd_cli.period import Period

# Colour, and a pattern id for black-and-white print, per status.
_STATUS_STYLE = {
    "prevue": ("#c9ced6", "p-points"),
    "en_cours": ("#5b8bd9", "p-obliques"),
    "realisee": ("#2e8b57", "p-plein"),
    "partiellement_realisee": ("#9acd32", "p-demi"),
    "suspendue": ("#e0a040", "p-croix"),
    "abandonnee": ("#b03a3a", "p-horizontales"),
    "non_renseigne": ("#ffffff", "p-vide"),
}
_PAT = '<pattern id="{}" width="6" height="6" patternUnits="userSpaceOnUse"{}>{}</pattern>'
_PATTERNS = (
    "<defs>"
    + _PAT.format("p-points", "", '<circle cx="3" cy="3" r="1" fill="#222"/>')
    + _PAT.format(
        "p-obliques",
        ' patternTransform="rotate(45)"',
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#222" stroke-width="1.5"/>',
    )
    + _PAT.format("p-plein", "", '<rect width="6" height="6" fill="#222" fill-opacity="0.55"/>')
    + _PAT.format("p-croix", "", '<path d="M0 0L6 6M6 0L0 6" stroke="#222" stroke-width="1"/>')
    + _PAT.format(
        "p-horizontales", "", '<line x1="0" y1="3" x2="6" y2="3" stroke="#222" stroke-width="1.5"/>'
    )
    + _PAT.format("p-vide", "", '<rect width="6" height="6" fill="none"/>')
    + _PAT.format("p-demi", "", '<rect width="3" height="6" fill="#222" fill-opacity="0.55"/>')
    + "</defs>"
)


def _svg(width: int, height: int, title: str, body: str, ident: str) -> Markup:
    label = escape(title)
    return Markup(  # noqa: S704  (every text inside is escaped here)
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}" '
        f'viewBox="0 0 {width} {height}" width="100%" class="graphique">'
        f'<title id="{ident}">{label}</title>{body}</svg>'
    )


def _segment(x: float, width: float, status: str, height: int = 22, y: int = 0) -> str:
    colour, pattern = _STATUS_STYLE[status]
    return (
        f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{height}" fill="{colour}" '
        f'stroke="#222" stroke-width="0.6"/>'
        f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{height}" fill="url(#{pattern})"/>'
    )


def status_bar(counts: dict[str, dict[str, Any]], labels: dict[str, str], ident: str) -> Markup:
    """One stacked bar of the actions by status, with a legend that names each pattern."""
    total = sum(v["nombre"] for v in counts.values())
    width, legend_y = 600, 34
    parts, x = [], 0.0
    alt = []
    for status, value in counts.items():
        n = value["nombre"]
        if not n:
            continue
        w = width * n / total
        parts.append(_segment(x, w, status))
        x += w
        alt.append(f"{labels[status]} : {n}")
    legend = []
    lx = 0
    for status, value in counts.items():
        if not value["nombre"]:
            continue
        text = f"{labels[status]} ({value['nombre']})"
        step = 26 + 6 * len(text)
        if lx and lx + step > width:  # the legend goes on to a new line rather than being cut
            lx, legend_y = 0, legend_y + 18
        legend.append(_segment(lx, 12, status, height=12, y=legend_y))
        legend.append(
            f'<text x="{lx + 16}" y="{legend_y + 10}" font-size="11">{escape(text)}</text>'
        )
        lx += step
    title = f"Répartition des {total} actions par statut : " + ", ".join(alt)
    return _svg(width, legend_y + 18, title, _PATTERNS + "".join(parts + legend), ident)


def wrap(text: str, width: int) -> list[str]:
    """A label cut into lines of at most ``width`` characters, at spaces (a longer word keeps
    its own line): a chart label is wrapped, never cut short."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


LINE = 13  # the height of one line of an 11-unit label


def _label(x: float, top: float, lines: list[str], size: int = 11) -> str:
    """A label of several lines, its first baseline ``size`` below ``top``."""
    spans = "".join(
        f'<tspan x="{x}" dy="{size if i == 0 else LINE}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{top}" font-size="{size}">{spans}</text>'


def _labelled_row(top: float, name: str, width: int) -> tuple[str, int, float]:
    """A bar chart's row: its label wrapped at ``width`` characters, the row's height, and
    the top of a 16-unit bar centred on the label."""
    lines = wrap(name, width)
    height = max(26, LINE * len(lines) + 8)
    return _label(0, top, lines), height, top + (height - 16) / 2 - 3


def progress_bars(rows: list[tuple[str, float | None]], ident: str, title: str) -> Markup:
    """One horizontal bar per row (0-100 %); an unknown value is said, not drawn as zero."""
    body = []
    alt = []
    y = 4
    for name, value in rows:
        label, height, bar = _labelled_row(y, name, 46)
        body.append(label)
        body.append(
            f'<rect x="300" y="{bar:.1f}" width="250" height="16" fill="#fff" stroke="#444"/>'
        )
        if value is None:
            shown = "inconnu"
        else:
            body.append(
                f'<rect x="300" y="{bar:.1f}" width="{2.5 * max(0.0, min(value, 100.0)):.1f}" '
                'height="16" fill="#1f3864"/>'
            )
            shown = percent_fr(value)
        body.append(f'<text x="556" y="{bar + 12:.1f}" font-size="11">{escape(shown)}</text>')
        alt.append(f"{name} : {shown}")
        y += height
    return _svg(600, y + 2, f"{title} : " + " ; ".join(alt), "".join(body), ident)


# How each state of a funding line is drawn: obtained solid, requested hatched, unknown hollow.
_FUNDING_STYLE = {
    "acquis": ('fill="#1f3864"', "acquis"),
    "demande": ('fill="url(#p-obliques)"', "demandé, non acquis"),
    "non_precise": ('fill="#ffffff"', "acquis non précisé"),
}


def funding_bars(by_source: dict[str, dict[str, Any]], ident: str) -> Markup:
    """One bar per source, its obtained, requested and unknown amounts one after the other."""
    rows = list(by_source.items())
    top = max((v["total"] or 0 for _k, v in rows), default=0) or 1
    states = [s for s in _FUNDING_STYLE if any(v.get(s) for _k, v in rows)]
    body, alt = [], []
    y = 4
    for source, amounts in rows:
        label, height, bar = _labelled_row(y, source, 40)
        body.append(label)
        x = 250.0
        for state in states:
            amount = amounts.get(state) or 0
            if not amount:
                continue
            width = 230 * amount / top
            # Alone, a state needs no way of telling it apart: drawn solid.
            fill = _FUNDING_STYLE[state][0] if len(states) > 1 else _FUNDING_STYLE["acquis"][0]
            body.append(
                f'<rect x="{x:.1f}" y="{bar:.1f}" width="{width:.1f}" height="16" {fill} '
                'stroke="#222" stroke-width="0.5"/>'
            )
            x += width
        shown = euros_fr(amounts["total"] or 0)
        body.append(
            f'<text x="{x + 6:.1f}" y="{bar + 12:.1f}" font-size="11">{escape(shown)}</text>'
        )
        parts = [f"{euros_fr(amounts[s])} {_FUNDING_STYLE[s][1]}" for s in states if amounts.get(s)]
        alt.append(f"{source} : " + ", ".join(parts))
        y += height
    if len(states) > 1:  # a legend names each way of drawing
        lx = 0
        for state in states:
            fill, name = _FUNDING_STYLE[state]
            body.append(
                f'<rect x="{lx}" y="{y + 4}" width="12" height="12" {fill} stroke="#222" '
                'stroke-width="0.5"/>'
                f'<text x="{lx + 16}" y="{y + 14}" font-size="11">{escape(name)}</text>'
            )
            lx += 26 + 6 * len(name)
        y += 22
    title = "Financement par source : " + " ; ".join(alt)
    return _svg(600, y + 2, title, _PATTERNS + "".join(body), ident)


def timeline(actions: list[dict[str, Any]], period: Period, today: date, ident: str) -> Markup:
    """The actions over the strategy's effective period, with the report's date marked. Each
    date covers the days it stands for: a month from its first to its last day."""
    start, end = period.first_day, period.last_day
    span = max((end - start).days, 1)
    left, width = 230, 360

    def x_of(day: date) -> float:
        ratio = min(max((day - start).days / span, 0.0), 1.0)
        return left + width * ratio

    rows = [a for a in actions if a.get("debut") or a.get("fin")]
    labels = [wrap(listed(a), 40) for a in rows]
    height = 22 + sum(max(20, LINE * len(lines) + 6) for lines in labels) + 8
    body = [
        f'<text x="{left}" y="12" font-size="10">{escape(date_fr(period.debut))}</text>',
        f'<text x="{left + width}" y="12" font-size="10" text-anchor="end">'
        f"{escape(date_fr(period.fin))}</text>",
    ]
    alt = []
    y = 22
    for action, lines in zip(rows, labels, strict=True):
        begins = PartialDate.parse(action.get("debut") or action["fin"])
        ends = PartialDate.parse(action.get("fin") or action["debut"])
        first, last = begins.first_day, ends.last_day
        status = action["statut"]
        body.append(_label(0, y, lines, size=10))
        x0, x1 = x_of(first), x_of(last)
        body.append(_segment(x0, max(x1 - x0, 2.0), status, height=12, y=y + 2))
        alt.append(f"{listed(action)} : {date_span(begins, ends)}")
        y += max(20, LINE * len(lines) + 6)
    mark = x_of(today)
    body.append(
        f'<line x1="{mark:.1f}" y1="16" x2="{mark:.1f}" y2="{height}" stroke="#8a1414" '
        'stroke-width="1.5" stroke-dasharray="4 2"/>'
        f'<text x="{mark:.1f}" y="{height - 2}" font-size="10" text-anchor="middle" '
        f'fill="#8a1414">{escape(date_fr(today))}</text>'
    )
    title = f"Calendrier des actions, date du bilan : {date_fr(today)}. " + " ; ".join(alt)
    return _svg(600, height + 4, title, _PATTERNS + "".join(body), ident)
