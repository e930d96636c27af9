"""A strategy as the tracking table shows it: one row per action, one row per indicator.

The rows hold plain values (text, numbers, dates); the xlsx and csv writers only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from stspd_cli import __version__
from stspd_cli.confidentiality import view
from stspd_cli.fr import number_fr
from stspd_cli.labels import ActionNames, Labels
from stspd_cli.model import Action, Document, Indicateur, Mesure, Plan
from stspd_cli.model.items import is_restricted
from stspd_cli.period import effective_period
from stspd_cli.progress import deadline
from stspd_cli.spreadsheet.identity import Exported, Identity, clean_text, text_fingerprint
from stspd_cli.spreadsheet.layout import INDICATEURS, SUIVI, Column, columns, date_text
from stspd_cli.vocabulary import label, vocabulary

Row = dict[str, Any]


@dataclass(slots=True)
class Table:
    identity: Identity
    suivi: list[Row] = field(default_factory=list)
    indicateurs: list[Row] = field(default_factory=list)
    labels: Labels | None = None

    @property
    def interne(self) -> bool:
        return self.identity.interne

    def columns(self, sheet: str) -> tuple[Column, ...]:
        return columns(sheet, interne=self.interne, labels=self.labels)

    def rows(self, sheet: str) -> list[Row]:
        return self.suivi if sheet == SUIVI else self.indicateurs

    @staticmethod
    def statuses() -> dict[str, str]:
        """Status keys and the French labels the drop-down list shows."""
        return vocabulary("statut")


def latest(indicator: Indicateur) -> Mesure | None:
    return max(indicator.mesures, key=lambda m: m.date, default=None)


def _with_unit(value: float, unit: str | None) -> str:
    return f"{number_fr(value)} {unit}" if unit else number_fr(value)


def _indicators_text(action: Action) -> str:
    lines = []
    for indicator in action.indicateurs:
        last = latest(indicator)
        if last is None:
            lines.append(f"{indicator.libelle} : pas encore de mesure")
        else:
            when = date_text(last.date)
            lines.append(
                f"{indicator.libelle} : {_with_unit(last.valeur, indicator.unite)} ({when})"
            )
    return "\n".join(lines)


def _plan_title(plan: Plan | None, labels: Labels) -> str:
    if plan is None:
        return labels.transversal()
    return f"{plan.numero}. {plan.titre}" if plan.numero is not None else plan.titre


def _number_cell(number: str | None) -> int | str | None:
    """``3`` as a number; ``1.2`` (numbering restarted in each plan) as the text it is."""
    return int(number) if number is not None and number.isdigit() else number


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _diffusion(*items: object) -> str:
    """Restricted if the item or anything that holds it is."""
    return "restreinte" if any(is_restricted(item) for item in items) else "publique"


def build_table(
    doc: Document, *, source: str, fingerprint: str, interne: bool, today: date
) -> Table:
    """The table of ``doc`` as the given audience may see it (public unless ``interne``)."""
    shown = view(doc, interne=interne)
    names = {actor.id: actor.nom for actor in shown.acteurs}
    period = effective_period(shown)
    identity = Identity(
        source=source,
        territoire=doc.territoire.nom,
        instance=doc.territoire.instance,
        version=doc.strategie.version or "",
        empreinte=fingerprint,
        date_export=today,
        diffusion="interne" if interne else "publique",
        outil=f"stspd {__version__}",
        periode=period.span() if period else "",
        fin_effective=period.fin.isoformat() if period else "",
    )
    action_names = ActionNames(shown)
    table = Table(identity=identity, labels=action_names.labels)
    for ref in shown.iter_actions():
        action, plan = ref.action, ref.plan
        commentaire = clean_text(action.commentaire) if action.commentaire else None
        table.suivi.append(
            {
                "id": action.id,
                "plan": _plan_title(plan, action_names.labels),
                "numero": _number_cell(action_names.number(action, plan)),
                "titre": action.titre,
                "pilote": names.get(action.pilote, action.pilote) if action.pilote else None,
                "echeance": deadline(action),
                "statut": label("statut", action.statut) if action.statut else None,
                "avancement": action.avancement,
                "commentaire": commentaire,
                "partenaires": ", ".join(names.get(p, p) for p in action.partenaires) or None,
                "indicateurs": _indicators_text(action) or None,
                "diffusion": _diffusion(action, *([plan] if plan else [])),
            }
        )
        identity.exported[action.id] = Exported(
            statut=action.statut,
            avancement=action.avancement,
            commentaire=text_fingerprint(action.commentaire),
        )
        for indicator in action.indicateurs:
            last = latest(indicator)
            table.indicateurs.append(
                {
                    "action": action.id,
                    "action_titre": action_names.listed(action, plan),
                    "libelle": indicator.libelle,
                    "unite": indicator.unite,
                    "valeur_initiale": _number(indicator.valeur_initiale),
                    "cible": _number(indicator.cible),
                    "derniere_valeur": _number(last.valeur) if last else None,
                    "derniere_date": last.date if last else None,
                    "date": None,
                    "valeur": None,
                    "commentaire": None,
                    "diffusion": _diffusion(indicator, action, *([plan] if plan else [])),
                }
            )
    return table


__all__ = ["INDICATEURS", "SUIVI", "Row", "Table", "build_table", "latest"]
