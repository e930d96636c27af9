"""How a strategy names its levels and its actions: one answer for every output.

``strategie.libelles`` gives the document's own words (« Enjeu », « Axe », « Fiche-action »);
without them the levels are « Objectif », « Plan » and « Action ». :class:`ActionNames` gives
every form of an action's name from one number:

- ``label``: « Action n°1.2 », « Fiche-action n°3 »; an action without a number is named by its
  title, never « n° »;
- ``heading``: « Action n°1.2 : Titre pour finalité »;
- ``short``: « n°1.2 » (in a column already titled « Action »), the title when unnumbered;
- ``named``: « action n°1.2 « Titre » », « action « Titre » », for messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from stspd_cli.fr import NBSP, quoted
from stspd_cli.nouns import Noun

if TYPE_CHECKING:
    from stspd_cli.model import Action, Document, Plan
    from stspd_cli.model.strategy import Libelle

DEFAULTS = {"objectif": "Objectif", "plan": "Plan", "action": "Action"}
# What the documents call an action in running text when the strategy gives no word of its own.
FICHE = "fiche-action"


def noun(value: str | Libelle) -> Noun:
    if isinstance(value, str):
        return Noun.of(value)
    return Noun.of(value.singulier, plural=value.pluriel, feminine=value.genre == "feminin")


class Labels(NamedTuple):
    objectif: Noun
    plan: Noun
    action: Noun
    fiche: Noun  # the action's name in running text: the document's word, else « fiche-action »
    given: frozenset[str]  # the keys the strategy sets

    def as_json(self) -> dict[str, Any]:
        nouns = {"objectif": self.objectif, "plan": self.plan, "action": self.action}
        words = {k: _noun_json(n) for k, n in (*nouns.items(), ("fiche", self.fiche))}
        return {**words, "donnes": sorted(self.given)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Labels:
        """The labels a report's JSON carries (:meth:`as_json`), for its formats."""
        nouns = {
            key: Noun.of(
                data[key]["singulier"], plural=data[key]["pluriel"], feminine=data[key]["feminin"]
            )
            for key in ("objectif", "plan", "action", "fiche")
        }
        return cls(**nouns, given=frozenset(data.get("donnes", ())))

    def transversal(self) -> str:
        """``Actions transversales``, ``Dispositifs transversaux``: actions outside any plan."""
        return f"{self.action.title(plural=True)} {self.action.agree('transversal', plural=True)}"


def labels_of(doc: Document) -> Labels:
    given = doc.strategie.libelles
    words: dict[str, str | Libelle] = dict(DEFAULTS)
    if given is not None:
        words.update({k: v for k, v in given if v is not None})
    action = noun(words["action"])
    keys = frozenset(k for k, v in given if v is not None) if given else frozenset()
    return Labels(
        objectif=noun(words["objectif"]),
        plan=noun(words["plan"]),
        action=action,
        fiche=action if "action" in keys else Noun.of(FICHE),
        given=keys,
    )


def _noun_json(word: Noun) -> dict[str, Any]:
    return {"singulier": word.singular, "pluriel": word.plural, "feminin": word.feminine}


def action_number(numbering: str, plan: Plan | None, action: Action) -> str | None:
    """``3``, or ``1.2`` when numbering restarts in each plan; None for an unnumbered action."""
    if action.numero is None:
        return None
    if numbering == "par_plan" and plan is not None and plan.numero is not None:
        return f"{plan.numero}.{action.numero}"
    return str(action.numero)


class ActionNames:
    """Every way an output names the actions of one document."""

    def __init__(self, doc: Document) -> None:
        self.labels = labels_of(doc)
        self.numbering = doc.strategie.numerotation

    def number(self, action: Action, plan: Plan | None) -> str | None:
        return action_number(self.numbering, plan, action)

    def label(self, action: Action, plan: Plan | None) -> str:
        number = self.number(action, plan)
        return action.titre if number is None else f"{self.labels.action.title()} n°{number}"

    def short(self, action: Action, plan: Plan | None) -> str:
        number = self.number(action, plan)
        return action.titre if number is None else f"n°{number}"

    def listed(self, action: Action, plan: Plan | None) -> str:
        """``n°1.2 Titre``, or the title alone: a row of a table of actions."""
        number = self.number(action, plan)
        return action.titre if number is None else f"n°{number} {action.titre}"

    def heading(self, action: Action, plan: Plan | None) -> str:
        """``Action n°1 : Titre pour finalité``, as the source documents write it."""
        text = action.titre
        if action.finalite:
            text = f"{text} pour {action.finalite}"
        number = self.number(action, plan)
        return text if number is None else f"{self.label(action, plan)}{NBSP}: {text}"

    def named(self, action: Action, plan: Plan | None) -> str:
        """``action n°3 « Titre »`` or ``action « Titre »``: an action in a sentence."""
        number = self.number(action, plan)
        word = self.labels.action.word()
        title = quoted(action.titre)
        return f"{word} {title}" if number is None else f"{word} n°{number} {title}"
