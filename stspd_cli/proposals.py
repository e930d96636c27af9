"""What became of the proposals a strategy came from, counted once for every output."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from stspd_cli.fr import plural, words_for

if TYPE_CHECKING:
    from stspd_cli.labels import Labels
    from stspd_cli.model import Document


class ProposalCounts(NamedTuple):
    total: int
    retenues: int
    reprises: int  # retained, and named by at least one action of the document
    non_retenues: int
    non_renseignees: int  # ``retenue`` not given

    def as_json(self) -> dict[str, Any]:
        return self._asdict()


def proposal_counts(doc: Document) -> ProposalCounts:
    """Counts over the document as given (a public view counts the public proposals only)."""
    actions = {ref.action.id for ref in doc.iter_actions()}
    retained = [p for p in doc.propositions if p.retenue]
    return ProposalCounts(
        total=len(doc.propositions),
        retenues=len(retained),
        reprises=sum(any(i in actions for i in p.actions) for p in retained),
        non_retenues=sum(p.retenue is False for p in doc.propositions),
        non_renseignees=sum(p.retenue is None for p in doc.propositions),
    )


def proposals_phrase(counts: ProposalCounts, labels: Labels) -> str:
    """« 8 propositions retenues sur 10, dont 6 reprises dans une fiche-action »."""
    text = f"{plural(counts.retenues, 'proposition retenue')} sur {counts.total}"
    if counts.retenues:
        fiche = labels.fiche
        again = words_for(counts.reprises, "reprise")
        text += f", dont {counts.reprises} {again} dans {'une' if fiche.feminine else 'un'} "
        text += fiche.word()
    if counts.non_renseignees:
        text += f" ({counts.non_renseignees} sans décision indiquée)"
    return text
