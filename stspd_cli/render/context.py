"""The one object templates receive: a strategy as a given audience may read it, ready to print.

:func:`build_context` takes the public or internal view of a document (see
:mod:`stspd_cli.confidentiality`) and resolves what templates should not compute: actors' names,
plans with their fiches, totals, the who-does-what table, section titles and the table of
contents. Templates only lay it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from stspd_cli.confidentiality import view
from stspd_cli.fr import date_on
from stspd_cli.frameworks import frameworks
from stspd_cli.labels import ActionNames, Labels
from stspd_cli.model.items import is_restricted
from stspd_cli.period import effective_period, end_set_by, extension_text
from stspd_cli.render.annexes import FundingSummary, WhoDoesWhat, funding_summary, who_does_what
from stspd_cli.render.draft import Draft, anchors_of
from stspd_cli.render.parts import (
    ChapterView,
    GovernanceLevel,
    ProposalsSummary,
    chapter_views,
    governance_levels,
    proposals_summary,
)
from stspd_cli.render.views import (
    TRANSVERSAL_ANCHOR,
    ActionView,
    ObjectiveView,
    PlanView,
    Ref,
    Resolver,
    objective_views,
    plan_views,
    transversal_views,
)
from stspd_cli.vocabulary import label

if TYPE_CHECKING:
    from stspd_cli.dates import PartialDate
    from stspd_cli.model import Document
    from stspd_cli.model.strategy import Reference
    from stspd_cli.render.glossary import Sigle

RESTRICTED_MARK = "Diffusion restreinte"


class TocEntry(NamedTuple):
    titre: str
    anchor: str
    enfants: list[TocEntry]
    restreint: bool = False  # marked « Diffusion restreinte » (internal version only)


class Signatory(NamedTuple):
    nom: str
    representant: str | None
    date: PartialDate | None
    restreint: bool


class Cover(NamedTuple):
    instance: str  # CLSPD, CISPD or CMSPD
    instance_label: str
    periode: str | None  # "du 1er juillet 2024 au 30 juin 2027"
    prorogation: str | None
    adoption: str | None
    referentiel: str | None
    signataires: list[Signatory]


class Titles(NamedTuple):
    """Section titles: the document's own where it gives them, sober French ones otherwise."""

    presentation: str = "Présentation"
    cadre: str = "Le cadre institutionnel"
    principes: str = "Démarche et principes"
    objectifs: str = "Les objectifs"
    nationaux: str = "Priorités nationales"
    locaux: str = "Priorités locales"
    plans: str = "Les plans d'action"
    gouvernance: str = "La gouvernance"
    annexes: str = "Annexes"
    qui_fait_quoi: str = "Qui fait quoi"
    acteurs: str = "Les acteurs"
    financements: str = "Récapitulatif des financements"
    references: str = "Textes de référence"
    propositions: str = "Propositions"
    glossaire: str = "Glossaire des sigles"
    sommaire: str = "Sommaire"
    transversales: str = "Actions transversales"
    brouillon: str = "Problèmes à corriger (brouillon)"


class ObjectiveGroup(NamedTuple):
    titre: str | None  # None: objectives whose origin the document does not give
    objectifs: list[ObjectiveView]


class RenderContext(NamedTuple):
    doc: Document
    interne: bool
    cover: Cover
    titres: Titles
    objectifs: list[ObjectiveGroup]
    plans: list[PlanView]
    qui_fait_quoi: WhoDoesWhat | None
    financements: FundingSummary | None
    resolver: Resolver
    labels: Labels
    transversales: list[ActionView]
    instances: list[GovernanceLevel]
    propositions: ProposalsSummary | None
    chapitres: list[ChapterView]
    glossaire: tuple[Sigle, ...] = ()
    brouillon: Draft | None = None  # render --brouillon: the findings to show, at their place
    restricted_mark: str = RESTRICTED_MARK
    transversal_anchor: str = TRANSVERSAL_ANCHOR

    def chapitres_apres(self, part: str | None) -> list[ChapterView]:
        """The document's own chapters that follow ``part`` (None: those placed at the end).
        A chapter after a part the document lacks comes where that part would be."""
        return [c for c in self.chapitres if c.model.apres == part]

    def acteurs_refs(self, idents: list[str]) -> list[Ref]:
        """Links to the actors ``idents`` name, for a template."""
        return self.resolver.actors(idents)

    def acteur(self, ident: str) -> Ref:
        return self.resolver.actor(ident)

    @property
    def territoire(self) -> str:
        return self.doc.territoire.nom

    @property
    def auteur(self) -> str:
        """Who signs the document, for the PDF metadata."""
        return f"{self.doc.territoire.instance} {self.doc.territoire.nom}"

    @property
    def titre(self) -> str:
        return f"{self.doc.strategie.titre} – {self.doc.territoire.nom}"

    @property
    def references(self) -> list[Reference]:
        return self.doc.cadre.references if self.doc.cadre else []

    @property
    def has_presentation(self) -> bool:
        return bool(self.doc.strategie.presentation or self.doc.notes)

    @property
    def has_cadre(self) -> bool:
        c = self.doc.cadre
        return bool(c and (c.introduction or c.references or c.competences or c.conclusion))

    @property
    def has_principes(self) -> bool:
        p = self.doc.principes
        return bool(p and (p.demarche or p.liste))

    @property
    def has_objectifs(self) -> bool:
        section = self.doc.sections.objectifs if self.doc.sections else None
        return bool(self.doc.objectifs or (section and section.introduction))

    @property
    def has_plans(self) -> bool:
        section = self.doc.sections.plans if self.doc.sections else None
        return bool(self.plans or (section and section.introduction))

    @property
    def transversales_introduction(self) -> str | None:
        section = self.doc.sections.actions if self.doc.sections else None
        return section.introduction if section else None

    @property
    def has_gouvernance(self) -> bool:
        g = self.doc.gouvernance
        return bool(
            g
            and (
                g.president
                or g.membres
                or g.instances
                or g.seances
                or g.avenants
                or g.groupes_travail
            )
        )

    @property
    def annexes(self) -> list[TocEntry]:
        t = self.titres
        present = [
            (self.qui_fait_quoi is not None, t.qui_fait_quoi, "qui-fait-quoi"),
            (bool(self.doc.acteurs), t.acteurs, "acteurs"),
            (self.financements is not None, t.financements, "financements"),
            (bool(self.references), t.references, "references"),
            (self.propositions is not None, t.propositions, "propositions"),
            (bool(self.glossaire), t.glossaire, "glossaire"),
        ]
        present.append((self.brouillon is not None, t.brouillon, "brouillon"))
        return [TocEntry(titre, anchor, []) for shown, titre, anchor in present if shown]

    @property
    def sommaire(self) -> list[TocEntry]:
        t = self.titres
        entries: list[TocEntry] = []
        doc = self.doc
        parts = [
            ("presentation", self.has_presentation, TocEntry(t.presentation, "presentation", [])),
            ("cadre", self.has_cadre, TocEntry(t.cadre, "cadre", [], is_restricted(doc.cadre))),
            (
                "principes",
                self.has_principes,
                TocEntry(t.principes, "principes", [], is_restricted(doc.principes)),
            ),
            ("objectifs", self.has_objectifs, self._toc_objectives()),
            ("plans", self.has_plans, self._toc_plans()),
            (
                "gouvernance",
                self.has_gouvernance,
                TocEntry(t.gouvernance, "gouvernance", [], is_restricted(doc.gouvernance)),
            ),
        ]
        for part, shown, entry in parts:
            if shown:
                entries.append(entry)
            if part == "plans" and self.transversales:
                entries.append(
                    TocEntry(
                        t.transversales,
                        self.transversal_anchor,
                        [
                            TocEntry(a.heading, a.anchor, [], a.restreint)
                            for a in self.transversales
                        ],
                    )
                )
            entries += [c.toc for c in self.chapitres_apres(part)]
        entries += [c.toc for c in self.chapitres_apres(None)]
        if self.annexes:
            entries.append(TocEntry(t.annexes, "annexes", self.annexes))
        return entries

    def _toc_objectives(self) -> TocEntry:
        children = [
            TocEntry(o.toc_title, o.anchor, [], o.restreint)
            for group in self.objectifs
            for o in group.objectifs
        ]
        return TocEntry(self.titres.objectifs, "objectifs", children)

    def _toc_plans(self) -> TocEntry:
        plans = [
            TocEntry(
                p.toc_title,
                p.anchor,
                [TocEntry(a.heading, a.anchor, [], a.restreint) for a in p.actions],
                p.restreint,
            )
            for p in self.plans
        ]
        return TocEntry(self.titres.plans, "plans", plans)

    def with_glossary(self, glossaire: list[Sigle]) -> RenderContext:
        return self._replace(glossaire=tuple(glossaire))


def build_context(doc: Document, *, interne: bool, draft: Draft | None = None) -> RenderContext:
    """The context for ``doc`` as its audience may see it: restricted items only if ``interne``;
    a draft's findings placed at what it shows."""
    shown = view(doc, interne=interne)
    resolver = Resolver(shown)
    names = ActionNames(shown)
    plans = plan_views(shown, resolver, names)
    transversales = transversal_views(shown, resolver, names)
    every_action = [a for p in plans for a in p.actions] + transversales
    return RenderContext(
        doc=shown,
        interne=interne,
        cover=_cover(shown, resolver),
        titres=_titles(shown, names.labels),
        objectifs=_objective_groups(shown, plans, transversales, resolver, names.labels),
        plans=plans,
        qui_fait_quoi=who_does_what(plans, transversales, resolver),
        financements=funding_summary(every_action),
        resolver=resolver,
        labels=names.labels,
        transversales=transversales,
        instances=governance_levels(shown, resolver),
        propositions=proposals_summary(shown, every_action, names.labels),
        chapitres=chapter_views(shown),
        brouillon=draft.placed(anchors_of(shown)) if draft is not None else None,
    )


def _titles(doc: Document, labels: Labels) -> Titles:
    """The document's own titles; where it gives none, the sober defaults, in its own words for
    its levels when it names them (« Les enjeux », « Les axes », « Fiches-actions
    transversales »)."""
    given: dict[str, str | None] = {}
    if "action" in labels.given:
        given["transversales"] = labels.transversal()
    for key in ("objectif", "plan"):
        if key in labels.given:
            noun = labels.objectif if key == "objectif" else labels.plan
            text = noun.the(plural=True)
            given[f"{key}s"] = text[:1].upper() + text[1:]
    if doc.cadre:
        given["cadre"] = doc.cadre.titre
    if doc.principes:
        given["principes"] = doc.principes.titre
    sections = doc.sections
    if sections and sections.objectifs:
        given["objectifs"] = sections.objectifs.titre
        given["nationaux"] = sections.objectifs.titre_nationaux
        given["locaux"] = sections.objectifs.titre_locaux
    if sections and sections.plans:
        given["plans"] = sections.plans.titre
    if sections and sections.actions and sections.actions.titre:
        given["transversales"] = sections.actions.titre
    return Titles(**{k: v for k, v in given.items() if v})


def _objective_groups(
    doc: Document,
    plans: list[PlanView],
    transversal: list[ActionView],
    resolver: Resolver,
    labels: Labels,
) -> list[ObjectiveGroup]:
    """National priorities, then local ones; objectives of unstated origin keep their place."""
    views = objective_views(doc, plans, transversal, resolver, labels)
    if not any(v.model.origine for v in views):
        return [ObjectiveGroup(None, views)] if views else []
    titles = _titles(doc, labels)
    groups: dict[str | None, list[ObjectiveView]] = {}
    for v in views:
        groups.setdefault(v.model.origine, []).append(v)
    names = {"nationale": titles.nationaux, "locale": titles.locaux}
    return [ObjectiveGroup(names.get(k) if k else None, items) for k, items in groups.items()]


def _cover(doc: Document, resolver: Resolver) -> Cover:
    s = doc.strategie
    period = effective_period(doc)
    gov = doc.gouvernance
    periode = period.initial_span() if period else None
    if period is not None:
        prorogation = period.extension()
    else:  # an avenant that prorogues a strategy whose period is not given
        avenant = end_set_by(gov.avenants if gov else [])
        prorogation = (
            extension_text(avenant.nouvelle_fin, avenant.date, "prorogée")
            if avenant is not None and avenant.nouvelle_fin is not None
            else None
        )
    adoption = None
    if s.adoption and (s.adoption.date or s.adoption.instance):
        parts = [date_on(s.adoption.date)] if s.adoption.date else []
        if s.adoption.instance:
            parts.append(f"en {s.adoption.instance}")
        adoption = ", ".join(parts)
    frame = frameworks().get(s.referentiel) if s.referentiel else None
    signataires = [
        Signatory(
            nom=sig.libelle or resolver.actor(sig.acteur).texte,
            representant=sig.representant,
            date=sig.date,
            restreint=is_restricted(sig),
        )
        for sig in (gov.signataires if gov else [])
    ]
    return Cover(
        instance=doc.territoire.instance,
        instance_label=label("instance", doc.territoire.instance),
        periode=periode,
        prorogation=prorogation,
        adoption=adoption,
        referentiel=(frame.titre if frame else s.referentiel),
        signataires=signataires,
    )
