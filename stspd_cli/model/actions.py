"""Fiches-actions and what they carry: calendar, funding, indicators, contacts, places."""

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
    """Calendrier de l'action : chaque date à la précision de la source (année, mois ou jour)."""

    model_config = ConfigDict(title="Calendrier")

    debut: Date | None = Field(None, title="Début", description="Date de démarrage de l'action.")
    fin: Date | None = Field(None, title="Fin", description="Date de fin prévue de l'action.")
    echeance: Date | None = Field(
        None,
        title="Échéance",
        description=(
            "Date à laquelle l'action doit être réalisée ; sert au suivi des retards. Une "
            "échéance `\"2026-09\"` n'est dépassée qu'à partir du 1er octobre 2026."
        ),
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
        None,
        title="Commentaire",
        examples=["demande en cours d'instruction"],
        description="Précision sur la ligne de financement.",
    )


class Mesure(Base):
    """Une valeur mesurée de l'indicateur à une date."""

    model_config = ConfigDict(title="Mesure")

    date: Date = Field(title="Date", description="Date de la mesure.")
    valeur: Nombre = Field(title="Valeur", description="Valeur mesurée (nombre).", examples=[42])
    commentaire: Texte | None = Field(
        None,
        title="Commentaire",
        description="Précision sur la mesure (source, périmètre).",
        examples=["chiffre provisoire"],
    )


class Indicateur(Diffusable):
    """Indicateur d'évaluation de l'action ; identifié par son libellé au sein de l'action."""

    model_config = ConfigDict(title="Indicateur")

    libelle: Texte = Field(
        title="Libellé",
        description="Ce que l'on mesure ; unique au sein de l'action.",
        examples=["Nombre de jeunes accompagnés"],
    )
    unite: Texte | None = Field(
        None,
        title="Unité",
        examples=["jeunes", "%", "interventions"],
        description="Unité de la valeur mesurée.",
    )
    valeur_initiale: Nombre | None = Field(
        None,
        title="Valeur initiale",
        description="Valeur de référence au départ (base).",
        examples=[35],
    )
    date_initiale: Date | None = Field(
        None, title="Date de la valeur initiale", description="Date de la valeur de référence."
    )
    cible: Nombre | None = Field(None, title="Cible", description="Valeur visée.", examples=[50])
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

    nom: Texte | None = Field(
        None,
        title="Nom",
        description="Prénom et nom : une donnée personnelle.",
        examples=["Camille Martin"],
    )
    fonction: Texte | None = Field(
        None,
        title="Fonction",
        examples=["coordonnateur du CLSPD"],
        description="Fonction de la personne, à écrire plutôt que son nom dans un document public.",
    )
    acteur: Identifiant | None = Field(
        None,
        title="Acteur",
        description="Identifiant de l'acteur (structure) de rattachement.",
        examples=["ville-lille"],
    )
    courriel: Texte | None = Field(
        None,
        title="Courriel",
        description="Adresse électronique.",
        examples=["prevention@ville.example"],
    )
    telephone: Texte | None = Field(
        None,
        title="Téléphone",
        description="Entre guillemets pour garder le zéro initial.",
        examples=["03 20 00 00 00"],
    )


class Lieu(Diffusable):
    """Un lieu où se déroule l'action (peut être sensible : diffusion restreinte)."""

    model_config = ConfigDict(title="Lieu")

    nom: Texte = Field(title="Nom", examples=["Maison de quartier"], description="Nom du lieu.")
    adresse: Texte | None = Field(
        None,
        title="Adresse",
        description="Adresse du lieu : à mettre en diffusion restreinte s'il est sensible.",
        examples=["12 rue de la Paix"],
    )
    commentaire: Texte | None = Field(
        None,
        title="Commentaire",
        description="Précision sur le lieu.",
        examples=["accès par la cour"],
    )


class Action(Diffusable):
    """Fiche-action : une action du plan, avec son pilote, son calendrier et son suivi."""

    model_config = ConfigDict(title="Fiche-action")

    id: Identifiant = Field(
        title="Identifiant",
        description=(
            "Identité stable de l'action d'une version à l'autre (minuscules, chiffres, tirets). "
            "Ne change pas si l'action est renumérotée ou renommée."
        ),
        examples=["comite-prevention-jeunes"],
    )
    numero: Numero | None = Field(
        None,
        title="Numéro",
        description=(
            "Numéro affiché (« Action n°3 ») ; unique dans sa portée (voir `numerotation`). "
            "Sans numéro, l'action est désignée par son titre, sans « n° »."
        ),
        examples=[3],
    )
    titre: Texte = Field(
        title="Titre",
        examples=["Comité de Prévention Jeunes"],
        description="Intitulé de l'action, tel que le document l'écrit.",
    )
    finalite: Texte | None = Field(
        None,
        title="Finalité",
        description="La proposition « pour ... », sans le « pour » initial.",
        examples=["repérer et intervenir auprès des jeunes exposés"],
    )
    constat: TexteMd | None = Field(
        None,
        title="Constat",
        description="Diagnostic qui justifie l'action (Markdown).",
        examples=["Des collégiens exclus temporairement restent sans solution éducative."],
    )
    description: TexteMd | None = Field(
        None,
        title="Description",
        description="Contenu de l'action (Markdown).",
        examples=["Des éducateurs vont à la rencontre des jeunes le vendredi soir."],
    )
    public_cible: Texte | None = Field(
        None,
        title="Public cible",
        examples=["jeunes de 16 à 25 ans"],
        description="À qui l'action s'adresse.",
    )
    territoire: Texte | None = Field(
        None,
        title="Territoire",
        description="Communes ou secteur concernés.",
        examples=["quartiers prioritaires de la commune"],
    )
    quartiers: list[Texte] = Field(
        default_factory=list,
        title="Quartiers",
        description="Quartiers visés (QPV notamment).",
        examples=[["Bois-Blancs", "Faubourg de Béthune"]],
    )
    pilote: Identifiant | None = Field(
        None,
        title="Pilote",
        description="Identifiant de l'acteur qui porte l'action.",
        examples=["ville-lille"],
    )
    copilotes: list[Identifiant] = Field(
        default_factory=list,
        title="Copilotes",
        description="Acteurs qui copilotent l'action.",
        examples=[["education-nationale"]],
    )
    partenaires: list[Identifiant] = Field(
        default_factory=list,
        title="Partenaires",
        description="Identifiants des acteurs associés.",
        examples=[["police-nationale", "bailleur-social"]],
    )
    objectifs: list[Identifiant] = Field(
        default_factory=list,
        title="Objectifs",
        description="Objectifs servis, s'ils diffèrent de ceux du plan.",
        examples=[["ameliorer-tranquillite-publique"]],
    )
    axes: list[AxeRef] = Field(
        default_factory=list,
        title="Axes nationaux",
        description="Axes du référentiel national auxquels l'action répond directement.",
        examples=[["snpd-2020-2024/axe-1"]],
    )
    groupe_travail: Identifiant | None = Field(
        None,
        title="Groupe de travail",
        description="Identifiant du groupe de travail (gouvernance) qui suit l'action.",
        examples=["gt-jeunesse"],
    )
    origine: Texte | None = Field(
        None,
        title="Origine",
        description="D'où vient l'action.",
        examples=["proposition citoyenne"],
    )
    moyens: TexteMd | None = Field(
        None,
        title="Moyens",
        description="Moyens mobilisés (Markdown).",
        examples=["Deux éducateurs à mi-temps ; un local prêté par la ville."],
    )
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
        None,
        title="Commentaire de suivi",
        description="Point d'étape le plus récent (Markdown).",
        examples=["Bilan à mi-parcours présenté en séance plénière."],
    )
