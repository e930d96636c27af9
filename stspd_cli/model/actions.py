"""Fiches-actions and what they carry: calendar, funding, indicators, contacts, places."""

from __future__ import annotations

from pydantic import ConfigDict, Field, StrictBool

from stspd_cli.model.types import (
    Annee,
    AxeRef,
    Base,
    Date,
    Diffusable,
    Identifiant,
    Montant,
    Nombre,
    Numero,
    Pourcentage,
    Sens,
    Statut,
    Texte,
    TexteMd,
)


class Calendrier(Base):
    """Calendrier de l'action : dates au format AAAA-MM-JJ."""

    model_config = ConfigDict(title="Calendrier")

    debut: Date | None = Field(None, title="Début", description="Date de démarrage de l'action.")
    fin: Date | None = Field(None, title="Fin", description="Date de fin prévue de l'action.")
    echeance: Date | None = Field(
        None,
        title="Échéance",
        description="Date à laquelle l'action doit être réalisée ; sert au suivi des retards.",
    )
    precision: Texte | None = Field(
        None,
        title="Précision",
        description="Rythme ou précision en toutes lettres.",
        examples=["chaque trimestre", "pendant les vacances scolaires"],
    )


class Financement(Diffusable):
    """Une ligne de financement de l'action."""

    model_config = ConfigDict(title="Financement")

    source: Texte = Field(
        title="Source",
        description="Financeur ou fonds.",
        examples=["FIPD", "Ville de Loos", "Contrat de ville"],
    )
    montant: Montant | None = Field(None, title="Montant", description="Montant en euros.")
    annee: Annee | None = Field(None, title="Année", description="Année budgétaire.")
    acquis: StrictBool | None = Field(
        None,
        title="Acquis",
        description="`true` : financement notifié ; `false` : demandé, pas encore accordé.",
    )
    commentaire: Texte | None = Field(
        None, title="Commentaire", examples=["demande en cours d'instruction"]
    )


class Mesure(Base):
    """Une valeur mesurée de l'indicateur à une date."""

    model_config = ConfigDict(title="Mesure")

    date: Date = Field(title="Date", description="Date de la mesure.")
    valeur: Nombre = Field(title="Valeur", description="Valeur mesurée (nombre).", examples=[42])
    commentaire: Texte | None = Field(None, title="Commentaire")


class Indicateur(Diffusable):
    """Indicateur d'évaluation de l'action ; identifié par son libellé au sein de l'action."""

    model_config = ConfigDict(title="Indicateur")

    libelle: Texte = Field(
        title="Libellé",
        description="Ce que l'on mesure ; unique au sein de l'action.",
        examples=["Nombre de jeunes accompagnés"],
    )
    unite: Texte | None = Field(None, title="Unité", examples=["jeunes", "%", "interventions"])
    valeur_initiale: Nombre | None = Field(
        None, title="Valeur initiale", description="Valeur de référence au départ (base)."
    )
    date_initiale: Date | None = Field(
        None, title="Date de la valeur initiale", description="Date de la valeur de référence."
    )
    cible: Nombre | None = Field(None, title="Cible", description="Valeur visée.")
    sens: Sens | None = Field(
        None,
        title="Sens",
        description=(
            "`hausse` ou `baisse` ; déduit de la valeur initiale et de la cible s'il est absent."
        ),
    )
    source: Texte | None = Field(
        None, title="Source", description="D'où vient la donnée.", examples=["main courante"]
    )
    mesures: list[Mesure] = Field(
        default_factory=list, title="Mesures", description="Valeurs mesurées au fil du temps."
    )


class Contact(Diffusable):
    """Une personne à joindre. Donnée personnelle : à mettre en diffusion restreinte."""

    model_config = ConfigDict(title="Contact")

    nom: Texte | None = Field(None, title="Nom")
    fonction: Texte | None = Field(None, title="Fonction", examples=["coordonnateur du CLSPD"])
    acteur: Identifiant | None = Field(
        None, title="Acteur", description="Identifiant de l'acteur (structure) de rattachement."
    )
    courriel: Texte | None = Field(None, title="Courriel")
    telephone: Texte | None = Field(
        None, title="Téléphone", description="Entre guillemets pour garder le zéro initial."
    )


class Lieu(Diffusable):
    """Un lieu où se déroule l'action (peut être sensible : diffusion restreinte)."""

    model_config = ConfigDict(title="Lieu")

    nom: Texte = Field(title="Nom", examples=["Maison de quartier"])
    adresse: Texte | None = Field(None, title="Adresse")
    commentaire: Texte | None = Field(None, title="Commentaire")


class Action(Diffusable):
    """Fiche-action : une action du plan, avec son pilote, son calendrier et son suivi."""

    model_config = ConfigDict(title="Fiche-action")

    id: Identifiant = Field(
        title="Identifiant",
        description=(
            "Identité stable de l'action d'une version à l'autre (minuscules, chiffres, tirets). "
            "Ne change pas si l'action est renumérotée ou renommée."
        ),
    )
    numero: Numero = Field(
        title="Numéro",
        description=(
            "Numéro affiché (« Action n°3 ») ; unique dans sa portée (voir `numerotation`)."
        ),
        examples=[3],
    )
    titre: Texte = Field(title="Titre", examples=["Comité de Prévention Jeunes"])
    finalite: Texte | None = Field(
        None,
        title="Finalité",
        description="La proposition « pour ... », sans le « pour » initial.",
        examples=["repérer et intervenir auprès des jeunes exposés"],
    )
    constat: TexteMd | None = Field(
        None, title="Constat", description="Diagnostic qui justifie l'action (Markdown)."
    )
    description: TexteMd | None = Field(
        None, title="Description", description="Contenu de l'action (Markdown)."
    )
    public_cible: Texte | None = Field(
        None, title="Public cible", examples=["jeunes de 16 à 25 ans"]
    )
    territoire: Texte | None = Field(
        None, title="Territoire", description="Communes ou secteur concernés."
    )
    quartiers: list[Texte] = Field(
        default_factory=list, title="Quartiers", description="Quartiers visés (QPV notamment)."
    )
    pilote: Identifiant | None = Field(
        None, title="Pilote", description="Identifiant de l'acteur qui porte l'action."
    )
    copilotes: list[Identifiant] = Field(
        default_factory=list, title="Copilotes", description="Acteurs qui copilotent l'action."
    )
    partenaires: list[Identifiant] = Field(
        default_factory=list, title="Partenaires", description="Identifiants des acteurs associés."
    )
    objectifs: list[Identifiant] = Field(
        default_factory=list,
        title="Objectifs",
        description="Objectifs servis, s'ils diffèrent de ceux du plan.",
    )
    axes: list[AxeRef] = Field(
        default_factory=list,
        title="Axes nationaux",
        description="Axes du référentiel national auxquels l'action répond directement.",
    )
    groupe_travail: Identifiant | None = Field(
        None,
        title="Groupe de travail",
        description="Identifiant du groupe de travail (gouvernance) qui suit l'action.",
    )
    origine: Texte | None = Field(
        None,
        title="Origine",
        description="D'où vient l'action.",
        examples=["proposition citoyenne"],
    )
    moyens: TexteMd | None = Field(None, title="Moyens", description="Moyens mobilisés (Markdown).")
    calendrier: Calendrier | None = Field(None, title="Calendrier")
    statut: Statut | None = Field(
        None, title="Statut", description="État d'avancement de l'action."
    )
    avancement: Pourcentage | None = Field(
        None, title="Avancement", description="Avancement estimé, en pourcentage (0 à 100)."
    )
    financement: list[Financement] = Field(
        default_factory=list, title="Financement", description="Lignes de financement."
    )
    indicateurs: list[Indicateur] = Field(
        default_factory=list, title="Indicateurs", description="Indicateurs d'évaluation."
    )
    contacts: list[Contact] = Field(default_factory=list, title="Contacts")
    lieux: list[Lieu] = Field(default_factory=list, title="Lieux")
    commentaire: TexteMd | None = Field(
        None, title="Commentaire de suivi", description="Point d'étape le plus récent (Markdown)."
    )
