"""Views of the parts a document may add to the usual ones: its own chapters, the levels of
its governance, the proposals it came from."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from stspd_cli.model.items import is_restricted
from stspd_cli.proposals import ProposalCounts, proposal_counts, proposals_phrase
from stspd_cli.render.views import Ref, anchor
from stspd_cli.vocabulary import label, vocabulary

if TYPE_CHECKING:
    from stspd_cli.labels import Labels
    from stspd_cli.model import Document
    from stspd_cli.model.strategy import Chapitre, InstanceGouvernance, Proposition
    from stspd_cli.render.context import TocEntry
    from stspd_cli.render.views import ActionView, Resolver


class ChapterView(NamedTuple):
    model: Chapitre
    anchor: str
    restreint: bool

    @property
    def toc(self) -> TocEntry:
        from stspd_cli.render.context import TocEntry  # noqa: PLC0415  (the context imports us)

        return TocEntry(self.model.titre, self.anchor, [], self.restreint)


def chapter_views(doc: Document) -> list[ChapterView]:
    return [ChapterView(c, anchor("chapitre", c.id), is_restricted(c)) for c in doc.chapitres]


class InstanceView(NamedTuple):
    model: InstanceGouvernance
    anchor: str
    membres: list[Ref]
    restreint: bool


class GovernanceLevel(NamedTuple):
    titre: str  # « Niveau décisionnel »; « Instances » for those whose level is not given
    instances: list[InstanceView]


def governance_levels(doc: Document, resolver: Resolver) -> list[GovernanceLevel]:
    """The council's instances by level (decision, operational, executive), in the vocabulary's
    order; within a level, in the document's order."""
    instances = doc.gouvernance.instances if doc.gouvernance else []
    views = [
        InstanceView(i, anchor("instance", i.id), resolver.actors(i.membres), is_restricted(i))
        for i in instances
    ]
    levels = []
    for key in [*vocabulary("niveau_instance"), None]:
        members = [v for v in views if v.model.niveau == key]
        if members:
            title = label("niveau_instance", key).capitalize() if key else "Instances"
            levels.append(GovernanceLevel(title, members))
    return levels


class ProposalView(NamedTuple):
    model: Proposition
    anchor: str
    actions: list[Ref]
    restreint: bool


class ProposalsSummary(NamedTuple):
    propositions: list[ProposalView]
    counts: ProposalCounts
    phrase: str  # « 8 propositions retenues sur 10, dont 6 reprises dans une fiche-action »

    @property
    def has_origins(self) -> bool:
        return any(p.model.origine for p in self.propositions)

    @property
    def has_dates(self) -> bool:
        return any(p.model.date for p in self.propositions)


def proposals_summary(
    doc: Document, actions: list[ActionView], labels: Labels
) -> ProposalsSummary | None:
    if not doc.propositions:
        return None
    by_id = {a.model.id: a for a in actions}
    views = [
        ProposalView(
            p,
            anchor("proposition", p.id),
            [Ref(by_id[i].designation, by_id[i].anchor) for i in p.actions if i in by_id],
            is_restricted(p),
        )
        for p in doc.propositions
    ]
    counts = proposal_counts(doc)
    return ProposalsSummary(views, counts, proposals_phrase(counts, labels))
