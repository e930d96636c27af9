"""The stspd/1 document: territory, strategy, frame, principles, objectives, plans, actors."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from stspd_cli.model.actions import Action, Contact
from stspd_cli.model.types import (
    Annee,
    AxeRef,
    Base,
    Date,
    Diffusable,
    Identifiant,
    Instance,
    Numero,
    Numerotation,
    Origine,
    Texte,
    TexteMd,
    TypeActeur,
    TypePlan,
    TypeReference,
    TypeSeance,
    Url,
)


class Territoire(Base):
    """Le territoire couvert et le conseil qui porte la stratégie."""

    model_config = ConfigDict(title="Territoire")

    nom: Texte = Field(title="Nom", examples=["Loos, Haubourdin et Emmerin", "Lille"])
    instance: Instance = Field(title="Instance", description="CLSPD, CISPD ou CMSPD.")
    communes: list[Texte] = Field(
        default_factory=list, title="Communes", examples=[["Loos", "Haubourdin", "Emmerin"]]
    )
    departement: Texte | None = Field(None, title="Département", examples=["Nord"])
    epci: Texte | None = Field(
        None, title="EPCI", description="Intercommunalité de rattachement, s'il y a lieu."
    )


class Periode(Base):
    """Période d'application."""

    model_config = ConfigDict(title="Période")

    debut: Date = Field(title="Début")
    fin: Date = Field(title="Fin")


class Adoption(Base):
    """Adoption de la stratégie."""

    model_config = ConfigDict(title="Adoption")

    date: Date | None = Field(None, title="Date d'adoption")
    instance: Texte | None = Field(None, title="Instance", examples=["séance plénière du CLSPD"])


class Strategie(Base):
    """La stratégie elle-même : titre, période, adoption, version et cadre national suivi."""

    model_config = ConfigDict(title="Stratégie")

    titre: Texte = Field(
        title="Titre",
        examples=["Stratégie territoriale de sécurité et de prévention de la délinquance"],
    )
    sous_titre: Texte | None = Field(None, title="Sous-titre")
    presentation: TexteMd | None = Field(
        None, title="Présentation", description="Texte de présentation (chapeau), en Markdown."
    )
    version: Texte | None = Field(
        None, title="Version", description="Libellé de la version.", examples=["2017", "avenant 1"]
    )
    periode: Periode | None = Field(None, title="Période")
    adoption: Adoption | None = Field(None, title="Adoption")
    referentiel: Identifiant | None = Field(
        None,
        title="Référentiel national",
        description="Stratégie nationale suivie (`stspd referentiels` les liste).",
        examples=["snpd-2020-2024"],
    )
    numerotation: Numerotation = Field(
        "globale",
        title="Numérotation des actions",
        description="`globale` (n°1 à n°N dans tout le document) ou `par_plan` (reprise à 1).",
    )


class Reference(Diffusable):
    """Un texte (loi, stratégie, plan, instance) auquel la stratégie répond."""

    model_config = ConfigDict(title="Référence")

    id: Identifiant = Field(title="Identifiant", examples=["loi-2007-297"])
    titre: Texte = Field(
        title="Intitulé",
        examples=["La loi du 5 mars 2007 relative à la prévention de la délinquance"],
    )
    type: TypeReference | None = Field(None, title="Type")
    date: Date | None = Field(None, title="Date")
    referentiel: Identifiant | None = Field(
        None, title="Référentiel", description="Référentiel national correspondant, s'il y a lieu."
    )
    url: Url | None = Field(None, title="Adresse web")


class Repartition(Base):
    """Qui détient quelle compétence."""

    model_config = ConfigDict(title="Compétence")

    acteurs: list[Identifiant] = Field(min_length=1, title="Acteurs")
    domaine: Texte = Field(title="Domaine", examples=["action sociale et protection de l'enfance"])


class Competences(Base):
    """La répartition des compétences, en texte et sous forme structurée."""

    model_config = ConfigDict(title="Compétences")

    texte: TexteMd | None = Field(None, title="Texte")
    repartition: list[Repartition] = Field(default_factory=list, title="Répartition")


class Cadre(Diffusable):
    """Le cadre institutionnel : textes de référence et compétences."""

    model_config = ConfigDict(title="Cadre institutionnel")

    titre: Texte | None = Field(
        None, title="Titre de la section", description="Par défaut : « Le cadre institutionnel »."
    )
    introduction: TexteMd | None = Field(None, title="Introduction")
    references: list[Reference] = Field(default_factory=list, title="Textes de référence")
    competences: Competences | None = Field(None, title="Compétences")
    conclusion: TexteMd | None = Field(None, title="Conclusion")


class Principe(Diffusable):
    """Un principe d'action."""

    model_config = ConfigDict(title="Principe")

    id: Identifiant | None = Field(None, title="Identifiant")
    texte: TexteMd = Field(title="Texte")


class Principes(Diffusable):
    """La démarche et les principes retenus."""

    model_config = ConfigDict(title="Démarche et principes")

    titre: Texte | None = Field(None, title="Titre de la section")
    demarche: TexteMd | None = Field(None, title="Démarche", description="La méthode (Markdown).")
    liste: list[Principe] = Field(default_factory=list, title="Principes")


class SousObjectif(Diffusable):
    """Un objectif opérationnel rattaché à un objectif général."""

    model_config = ConfigDict(title="Sous-objectif")

    id: Identifiant = Field(title="Identifiant")
    titre: Texte = Field(title="Intitulé")
    texte: TexteMd | None = Field(None, title="Texte")


class Objectif(Diffusable):
    """Un objectif général (enjeu, priorité), national ou local."""

    model_config = ConfigDict(title="Objectif")

    id: Identifiant = Field(title="Identifiant")
    numero: Numero | None = Field(None, title="Numéro")
    titre: Texte = Field(title="Intitulé")
    texte: TexteMd | None = Field(None, title="Texte", description="Présentation (Markdown).")
    origine: Origine | None = Field(
        None, title="Origine", description="`nationale` (issu du cadre national) ou `locale`."
    )
    axes: list[AxeRef] = Field(
        default_factory=list,
        title="Axes nationaux",
        description="Axes du référentiel national auxquels l'objectif répond.",
    )
    sous_objectifs: list[SousObjectif] = Field(default_factory=list, title="Sous-objectifs")


class Section(Base):
    """Titre et introduction propres au document pour une section."""

    model_config = ConfigDict(title="Section")

    titre: Texte | None = Field(None, title="Titre")
    introduction: TexteMd | None = Field(None, title="Introduction")


class SectionObjectifs(Section):
    """Titres de la section des objectifs, dont les intertitres des priorités."""

    model_config = ConfigDict(title="Section des objectifs")

    titre_nationaux: Texte | None = Field(
        None,
        title="Intertitre des priorités nationales",
        description="Avant les objectifs nationaux.",
    )
    titre_locaux: Texte | None = Field(
        None, title="Intertitre des priorités locales", description="Avant les objectifs locaux."
    )


class Sections(Base):
    """Titres et introductions des sections objectifs et plans, tels que le document les écrit."""

    model_config = ConfigDict(title="Sections")

    objectifs: SectionObjectifs | None = Field(None, title="Objectifs")
    plans: Section | None = Field(None, title="Plans")


class Plan(Diffusable):
    """Un plan d'action (plan, programme, schéma...) qui regroupe des fiches-actions."""

    model_config = ConfigDict(title="Plan d'action")

    id: Identifiant = Field(title="Identifiant")
    numero: Numero | None = Field(None, title="Numéro")
    titre: Texte = Field(title="Intitulé")
    type: TypePlan | None = Field(None, title="Type", description="plan, programme, schéma...")
    objectifs: list[Identifiant] = Field(
        default_factory=list, title="Objectifs", description="Objectifs servis par le plan."
    )
    description: TexteMd | None = Field(None, title="Description")
    pilote: Identifiant | None = Field(None, title="Pilote du plan")
    actions: list[Action] = Field(default_factory=list, title="Fiches-actions")


class Acteur(Diffusable):
    """Une structure partenaire : commune, service de l'État, association..."""

    model_config = ConfigDict(title="Acteur")

    id: Identifiant = Field(title="Identifiant", examples=["ville-lille"])
    nom: Texte = Field(title="Nom", examples=["Ville de Lille"])
    sigle: Texte | None = Field(None, title="Sigle", examples=["LMH"])
    type: TypeActeur | None = Field(None, title="Type")
    description: Texte | None = Field(None, title="Description")
    url: Url | None = Field(None, title="Adresse web")
    contacts: list[Contact] = Field(default_factory=list, title="Contacts")


class Signataire(Diffusable):
    """Un signataire de la stratégie."""

    model_config = ConfigDict(title="Signataire")

    acteur: Identifiant = Field(title="Acteur")
    libelle: Texte | None = Field(
        None,
        title="Libellé",
        description="Désignation telle que le document l'écrit.",
        examples=["la Ville de Lille et ses communes associées"],
    )
    representant: Texte | None = Field(
        None, title="Représentant", examples=["le Maire"], description="Qualité du signataire."
    )
    date: Date | None = Field(None, title="Date de signature")


class Seance(Diffusable):
    """Une réunion du conseil (plénière, formation restreinte, groupe de travail)."""

    model_config = ConfigDict(title="Séance")

    date: Date = Field(title="Date")
    type: TypeSeance | None = Field(None, title="Type")
    objet: Texte | None = Field(None, title="Objet", examples=["bilan annuel"])


class Avenant(Diffusable):
    """Un avenant ou une prorogation de la stratégie."""

    model_config = ConfigDict(title="Avenant")

    id: Identifiant = Field(title="Identifiant")
    date: Date | None = Field(None, title="Date")
    objet: TexteMd = Field(title="Objet")
    nouvelle_fin: Date | None = Field(
        None, title="Nouvelle fin", description="Fin de période après prorogation."
    )


class GroupeTravail(Diffusable):
    """Un groupe de travail et d'échange d'informations (CSI L132-5)."""

    model_config = ConfigDict(title="Groupe de travail")

    id: Identifiant = Field(title="Identifiant")
    titre: Texte = Field(title="Intitulé")
    pilote: Identifiant | None = Field(None, title="Pilote")
    membres: list[Identifiant] = Field(default_factory=list, title="Membres")
    description: TexteMd | None = Field(None, title="Description")


class Gouvernance(Diffusable):
    """Le conseil : membres, signataires, séances, avenants et groupes de travail."""

    model_config = ConfigDict(title="Gouvernance")

    president: Identifiant | None = Field(
        None, title="Présidence", description="Acteur qui préside."
    )
    membres: list[Identifiant] = Field(
        default_factory=list, title="Membres", description="Acteurs membres du conseil."
    )
    signataires: list[Signataire] = Field(default_factory=list, title="Signataires")
    seances: list[Seance] = Field(default_factory=list, title="Séances")
    avenants: list[Avenant] = Field(default_factory=list, title="Avenants")
    groupes_travail: list[GroupeTravail] = Field(default_factory=list, title="Groupes de travail")


class Note(Diffusable):
    """Un fait que le document rapporte (historique, contexte)."""

    model_config = ConfigDict(title="Note")

    titre: Texte | None = Field(None, title="Titre", examples=["Le saviez-vous ?"])
    texte: TexteMd = Field(title="Texte")
    annee: Annee | None = Field(None, title="Année")


class Document(Base):
    """Stratégie territoriale de sécurité et de prévention de la délinquance (modèle stspd/1)."""

    model_config = ConfigDict(title="Stratégie territoriale (stspd/1)")

    version_schema: Literal["stspd/1"] = Field(
        alias="schema", title="Schéma", description="Toujours `stspd/1` : version du modèle."
    )
    territoire: Territoire = Field(title="Territoire")
    strategie: Strategie = Field(title="Stratégie")
    cadre: Cadre | None = Field(None, title="Cadre institutionnel")
    principes: Principes | None = Field(None, title="Démarche et principes")
    sections: Sections | None = Field(None, title="Sections")
    objectifs: list[Objectif] = Field(default_factory=list, title="Objectifs")
    plans: list[Plan] = Field(default_factory=list, title="Plans d'action")
    acteurs: list[Acteur] = Field(default_factory=list, title="Acteurs")
    gouvernance: Gouvernance | None = Field(None, title="Gouvernance")
    notes: list[Note] = Field(default_factory=list, title="Notes")

    def iter_actions(self) -> list[tuple[int, Plan, int, Action]]:
        """Every action with its plan and their indexes, in document order."""
        return [
            (p, plan, a, action)
            for p, plan in enumerate(self.plans)
            for a, action in enumerate(plan.actions)
        ]


__all__ = ["AxeRef", "Document"]
