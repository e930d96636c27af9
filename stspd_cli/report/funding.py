"""The funding tables of the report, as every format shows them (text, Markdown, HTML).

Sources, years and plans are three tables, each with its own total: the lines of one table add
up to its total, never to twice it. Money obtained (``acquis: true``), money requested and not
yet granted (``acquis: false``) and money whose state the strategy does not say are three
columns, each totalled apart; a « Total » column adds them only when more than one occurs
(docs/rapport.md, « Financement »).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stspd_cli.fr import euros_fr
from stspd_cli.report.compute import FUNDING_STATES

if TYPE_CHECKING:
    from stspd_cli.labels import Labels

# Column headings, and the words of a sentence, for each state of a funding line.
STATE_HEADINGS = {
    "acquis": "Acquis",
    "demande": "Demandé, non acquis",
    "non_precise": "Acquis non précisé",
}
STATE_WORDS = {
    "acquis": "acquis",
    "demande": "demandés, pas encore acquis",
    "non_precise": "dont la stratégie ne dit pas s'ils sont acquis",
}
# The rows under a total that say what it holds (the feuille de route's tables).
STATE_SHARES = {
    "acquis": "dont acquis",
    "demande": "dont demandé, non acquis",
    "non_precise": "dont acquis non précisé",
}
UNKNOWN_STATE_NOTE = (
    "« Acquis non précisé » : la ligne de financement ne dit pas si le montant est notifié "
    "(acquis: true) ou seulement demandé (acquis: false) ; il n'est compté ni comme acquis, ni "
    "comme demandé."
)


@dataclass(frozen=True, slots=True)
class FundingTable:
    title: str  # « Financement par source »
    heading: str  # the first column: « Source », « Année », « Plan »
    columns: list[str]  # « Acquis », « Demandé, non acquis »..., then « Total » if several
    rows: list[tuple[str, list[str]]]  # (name, amounts as text), one cell per column
    total: list[str]  # the total row, one cell per column


def states_of(funding: dict[str, Any]) -> list[str]:
    """The states that hold some money, in the order of :data:`FUNDING_STATES`."""
    return [s for s in FUNDING_STATES if funding.get(s)]


def _cells(amounts: dict[str, Any], states: list[str]) -> list[str]:
    cells = [euros_fr(amounts.get(s) or 0) for s in states]
    return [*cells, euros_fr(amounts["total"] or 0)] if len(states) > 1 else cells


def _table(
    title: str, heading: str, lines: list[tuple[str, dict[str, Any]]], funding: dict[str, Any]
) -> FundingTable:
    states = states_of(funding)
    columns = [STATE_HEADINGS[s] for s in states]
    return FundingTable(
        title=title,
        heading=heading,
        columns=[*columns, "Total"] if len(states) > 1 else columns,
        rows=[(name, _cells(amounts, states)) for name, amounts in lines],
        total=_cells(funding, states),
    )


def funding_tables(
    funding: dict[str, Any], labels: Labels, plans: dict[str, str]
) -> list[FundingTable]:
    """By source, by year, then by plan (with the actions outside any plan): none when no line
    gives an amount. ``plans`` maps plan ids to titles."""
    if not states_of(funding):
        return []
    tables = [
        _table("Financement par source", "Source", list(funding["par_source"].items()), funding),
        _table("Financement par année", "Année", list(funding["par_annee"].items()), funding),
    ]
    if "par_plan" in funding and plans:
        lines = [(plans[ident], amounts) for ident, amounts in funding["par_plan"].items()]
        if funding.get("hors_plan") is not None:
            lines.append((labels.transversal(), funding["hors_plan"]))
        tables.append(
            _table(f"Financement par {labels.plan.word()}", labels.plan.title(), lines, funding)
        )
    return tables


def consolidated_table(funding: dict[str, Any]) -> FundingTable | None:
    if not states_of(funding):
        return None
    lines = list(funding["par_source"].items())
    return _table("Financement par source, tous territoires", "Source", lines, funding)


def funding_sentence(funding: dict[str, Any]) -> str:
    """« 60 000 € acquis ; 5 000 € demandés, pas encore acquis », or « aucun montant
    renseigné »: the totals of each state, never added into one figure."""
    states = states_of(funding)
    if not states:
        return "aucun montant renseigné"
    return " ; ".join(f"{euros_fr(funding[s])} {STATE_WORDS[s]}" for s in states)


def state_shares(amounts: dict[str, Any]) -> list[tuple[str, str]]:
    """The « dont acquis », « dont demandé, non acquis »... of a total, when it holds money of
    more than one state; nothing when all its money is in one state (the total says it)."""
    states = states_of(amounts)
    if len(states) < 2:
        return []
    return [(s, STATE_SHARES[s]) for s in states]


def state_phrase(amounts: dict[str, Any]) -> str:
    """« 48 000,50 € », or « 48 000,50 € : 38 500 € acquis ; 5 000 € demandés, pas encore
    acquis ; 4 500,50 € dont… » when the money is of several states."""
    total = euros_fr(amounts["total"] or 0)
    return f"{total} : {funding_sentence(amounts)}" if state_shares(amounts) else total


def has_unknown_state(funding: dict[str, Any]) -> bool:
    return bool(funding.get("non_precise"))
