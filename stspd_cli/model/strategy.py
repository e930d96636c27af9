"""The stspd/1 document: territory, strategy, frame, principles, objectives, plans, actors."""

from typing import Literal, NamedTuple

from pydantic import ConfigDict, Field, StrictBool

from stspd_cli.findings import Path_
from stspd_cli.model.actions import Action, Contact
from stspd_cli.model.types import (
    Annee,
    AxeRef,
    Base,
    Date,
    Diffusable,
    Genre,
    Identifiant,
    Instance,
    NiveauInstance,
    Numero,
    Numerotation,
    Origine,
    Partie,
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

    nom: Texte = Field(
        title="Nom",
        examples=["Loos, Haubourdin et Emmerin", "Lille"],
        description=(
            "Nom du territoire tel que la stratégie le désigne : la commune, ou les communes "
            "d'un conseil intercommunal."
        ),
    )
    instance: Instance = Field(
        title="Instance",
        description="CLSPD, CISPD, CMSPD, ou CLSPDR et CISPDR (« … et de la radicalisation »).",
    )
    communes: list[Texte] = Field(
        default_factory=list,
        title="Communes",
        examples=[["Loos", "Haubourdin", "Emmerin"]],
        description="Communes couvertes par le conseil.",
    )
    departement: Texte | None = Field(
        None, title="Département", examples=["Nord"], description="Département du territoire."
    )
    epci: Texte | None = Field(
        None,
        title="EPCI",
        description="Intercommunalité de rattachement, s'il y a lieu.",
        examples=["Métropole Européenne de Lille"],
    )


class Periode(Base):
    """Période d'application."""

    model_config = ConfigDict(title="Période")

    debut: Date = Field(
        title="Début",
        description=(
            "Début d'application, à la précision de la source : `2021` (la période part du "
            '1er janvier), `"2021-09"` ou `2021-09-01`.'
        ),
    )
    fin: Date = Field(
        title="Fin",
        description=(
            "Fin d'application (`2024` : jusqu'au 31 décembre 2024) ; un avenant peut la "
            "proroger (`nouvelle_fin`)."
        ),
    )


class Adoption(Base):
    """Adoption de la stratégie."""

    model_config = ConfigDict(title="Adoption")

    date: Date | None = Field(
        None,
        title="Date d'adoption",
        description=(
            "Date de la séance plénière qui a adopté la stratégie (un mois si la source ne "
            "donne que « adoptée en novembre 2021 »)."
        ),
    )
    instance: Texte | None = Field(
        None,
        title="Instance",
        examples=["séance plénière du CLSPD"],
        description="L'instance qui a adopté la stratégie.",
    )


class Libelle(Base):
    """Un libellé que stspd ne connaît pas : son pluriel et son genre, pour l'écrire juste."""

    model_config = ConfigDict(title="Libellé détaillé")

    singulier: Texte = Field(title="Singulier", examples=["Chantier"], description="Au singulier.")
    pluriel: Texte | None = Field(
        None,
        title="Pluriel",
        examples=["Chantiers"],
        description="Au pluriel ; déduit du singulier s'il est absent.",
    )
    genre: Genre = Field(
        title="Genre", description="`masculin` ou `feminin` (« le chantier », « la mesure »)."
    )


# The examples of each level are those of its field: an objective is not called « Fiche-action ».
NomDeNiveau = Texte | Libelle


class Libelles(Base):
    """Les mots du document pour ses niveaux, chacun au singulier (« Enjeu », « Fiche-action »)."""

    model_config = ConfigDict(title="Libellés des niveaux")

    objectif: NomDeNiveau | None = Field(
        None,
        title="Objectif",
        description="Ce que le document appelle un objectif (« Enjeu », « Orientation »...).",
        examples=["Enjeu", "Orientation"],
    )
    plan: NomDeNiveau | None = Field(
        None,
        title="Plan",
        description=(
            "Ce que le document appelle un plan (« Axe », « Thème »...), quand le plan ne "
            "donne pas son propre `type`."
        ),
        examples=["Axe", "Thème"],
    )
    action: NomDeNiveau | None = Field(
        None,
        title="Action",
        description="Ce que le document appelle une action (« Fiche-action », « Dispositif »...).",
        examples=["Fiche-action", "Dispositif"],
    )


class Strategie(Base):
    """La stratégie elle-même : titre, période, adoption, version et cadre national suivi."""

    model_config = ConfigDict(title="Stratégie")

    titre: Texte = Field(
        title="Titre",
        examples=["Stratégie territoriale de sécurité et de prévention de la délinquance"],
        description="Titre du document, tel qu'il est écrit en couverture.",
    )
    sous_titre: Texte | None = Field(
        None,
        title="Sous-titre",
        description="Ligne sous le titre : territoire, période...",
        examples=["CLSPD de Lille, 2017-2020"],
    )
    presentation: TexteMd | None = Field(
        None,
        title="Présentation",
        description="Texte de présentation (chapeau), en Markdown.",
        examples=["La stratégie fixe pour trois ans les priorités du conseil."],
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
        description=(
            "`globale` (n°1 à n°N dans tout le document), `par_plan` (reprise à 1 dans chaque "
            "plan) ou `aucune` (actions listées sans numéro)."
        ),
    )
    libelles: Libelles | None = Field(
        None,
        title="Libellés des niveaux",
        description=(
            "Les mots du document pour ses niveaux (« Enjeu », « Axe », « Fiche-action ») : "
            "titres, sommaire, bilan, note de modification, messages et tableau de suivi les "
            "emploient."
        ),
    )


class Reference(Diffusable):
    """Un texte (loi, stratégie, plan, instance) auquel la stratégie répond."""

    model_config = ConfigDict(title="Référence")

    id: Identifiant = Field(
        title="Identifiant",
        examples=["loi-2007-297"],
        description="Identifiant stable du texte (minuscules, chiffres, tirets).",
    )
    titre: Texte = Field(
        title="Intitulé",
        examples=["La loi du 5 mars 2007 relative à la prévention de la délinquance"],
        description="Intitulé du texte, tel que la stratégie le cite.",
    )
    type: TypeReference | None = Field(
        None,
        title="Type",
        description="Nature du texte : loi, décret, code, stratégie nationale, plan...",
    )
    date: Date | None = Field(
        None, title="Date", description="Date du texte (année, mois ou jour, comme la source)."
    )
    referentiel: Identifiant | None = Field(
        None,
        title="Référentiel",
        description="Référentiel national correspondant, s'il y a lieu.",
        examples=["snpd-2020-2024"],
    )
    url: Url | None = Field(
        None,
        title="Adresse web",
        description="Adresse où lire le texte (Légifrance, site de la préfecture...).",
    )


class Repartition(Base):
    """Qui détient quelle compétence."""

    model_config = ConfigDict(title="Compétence")

    acteurs: list[Identifiant] = Field(
        min_length=1,
        title="Acteurs",
        description="Identifiants des acteurs qui détiennent la compétence.",
        examples=[["conseil-departemental"]],
    )
    domaine: Texte = Field(
        title="Domaine",
        examples=["action sociale et protection de l'enfance"],
        description="La compétence, dans les mots du document.",
    )


class Competences(Base):
    """La répartition des compétences, en texte et sous forme structurée."""

    model_config = ConfigDict(title="Compétences")

    texte: TexteMd | None = Field(
        None,
        title="Texte",
        description="La répartition des compétences, dans les mots du document (Markdown).",
        examples=["Les Maires coordonnent la prévention de la délinquance sur leur commune."],
    )
    repartition: list[Repartition] = Field(default_factory=list, title="Répartition")


class Cadre(Diffusable):
    """Le cadre institutionnel : textes de référence et compétences."""

    model_config = ConfigDict(title="Cadre institutionnel")

    titre: Texte | None = Field(
        None,
        title="Titre de la section",
        description="Par défaut : « Le cadre institutionnel ».",
        examples=["Le cadre institutionnel"],
    )
    introduction: TexteMd | None = Field(
        None,
        title="Introduction",
        description="Texte d'introduction de la section (Markdown).",
        examples=["Ce document répond à des dispositions nationales et départementales :"],
    )
    references: list[Reference] = Field(default_factory=list, title="Textes de référence")
    competences: Competences | None = Field(None, title="Compétences")
    conclusion: TexteMd | None = Field(
        None,
        title="Conclusion",
        description="Texte qui clôt la section (Markdown).",
        examples=["Ce document s'appuie sur les acquis d'expérience commune."],
    )


class Principe(Diffusable):
    """Un principe d'action."""

    model_config = ConfigDict(title="Principe")

    id: Identifiant | None = Field(
        None,
        title="Identifiant",
        description="Identifiant stable du principe, s'il faut le citer.",
        examples=["principe-proximite"],
    )
    texte: TexteMd = Field(
        title="Texte",
        description="Le principe, en une phrase ou un paragraphe (Markdown).",
        examples=["Le principe de proximité pour le pilotage des actions."],
    )


class Principes(Diffusable):
    """La démarche et les principes retenus."""

    model_config = ConfigDict(title="Démarche et principes")

    titre: Texte | None = Field(
        None,
        title="Titre de la section",
        description="Titre de la section, tel que le document l'écrit.",
        examples=["Une démarche, des principes"],
    )
    demarche: TexteMd | None = Field(
        None,
        title="Démarche",
        description="La méthode (Markdown).",
        examples=["La stratégie a été construite à partir d'un diagnostic local partagé."],
    )
    liste: list[Principe] = Field(default_factory=list, title="Principes")


class SousObjectif(Diffusable):
    """Un objectif opérationnel rattaché à un objectif général."""

    model_config = ConfigDict(title="Sous-objectif")

    id: Identifiant = Field(
        title="Identifiant",
        description="Identifiant stable du sous-objectif (minuscules, chiffres, tirets).",
        examples=["reduire-decrochage-scolaire"],
    )
    titre: Texte = Field(
        title="Intitulé",
        description="Intitulé du sous-objectif.",
        examples=["Consolider la médiation sociale"],
    )
    texte: TexteMd | None = Field(
        None,
        title="Texte",
        description="Présentation du sous-objectif (Markdown).",
        examples=["Étendre la médiation aux abords des établissements scolaires."],
    )


class Objectif(Diffusable):
    """Un objectif général (enjeu, priorité), national ou local."""

    model_config = ConfigDict(title="Objectif")

    id: Identifiant = Field(
        title="Identifiant",
        description="Identifiant stable de l'objectif, cité par les plans et les actions.",
        examples=["ameliorer-tranquillite-publique"],
    )
    numero: Numero | None = Field(
        None,
        title="Numéro",
        description="Numéro affiché (« Objectif n°2 », « Enjeu n°2 »).",
        examples=[2],
    )
    titre: Texte = Field(
        title="Intitulé",
        description="Intitulé de l'objectif, tel que le document l'écrit.",
        examples=["Améliorer la tranquillité publique"],
    )
    texte: TexteMd | None = Field(
        None,
        title="Texte",
        description="Présentation (Markdown).",
        examples=[
            "Lutter contre le sentiment d'insécurité par des actions visibles et mesurables."
        ],
    )
    origine: Origine | None = Field(
        None, title="Origine", description="`nationale` (issu du cadre national) ou `locale`."
    )
    axes: list[AxeRef] = Field(
        default_factory=list,
        title="Axes nationaux",
        description="Axes du référentiel national auxquels l'objectif répond.",
        examples=[["snpd-2020-2024/axe-1"]],
    )
    sous_objectifs: list[SousObjectif] = Field(default_factory=list, title="Sous-objectifs")
    groupe_travail: Identifiant | None = Field(
        None,
        title="Groupe de travail",
        description=(
            "Identifiant du groupe de travail ou de l'instance (gouvernance) qui suit l'objectif."
        ),
        examples=["gt-jeunesse"],
    )


class Section(Base):
    """Titre et introduction propres au document pour une section."""

    model_config = ConfigDict(title="Section")

    titre: Texte | None = Field(
        None,
        title="Titre",
        description="Titre de la section, tel que le document l'écrit.",
        examples=["Les plans d'action"],
    )
    introduction: TexteMd | None = Field(
        None,
        title="Introduction",
        description="Texte d'introduction de la section (Markdown).",
        examples=["Les actions sont numérotées de 1 à 19."],
    )


class SectionObjectifs(Section):
    """Titres de la section des objectifs, dont les intertitres des priorités."""

    model_config = ConfigDict(title="Section des objectifs")

    titre_nationaux: Texte | None = Field(
        None,
        title="Intertitre des priorités nationales",
        description="Avant les objectifs nationaux.",
        examples=["Priorités issues de la stratégie nationale :"],
    )
    titre_locaux: Texte | None = Field(
        None,
        title="Intertitre des priorités locales",
        description="Avant les objectifs locaux.",
        examples=["Priorités identifiées au niveau local :"],
    )


class Sections(Base):
    """Titres et introductions des sections objectifs et plans, tels que le document les écrit."""

    model_config = ConfigDict(title="Sections")

    objectifs: SectionObjectifs | None = Field(None, title="Objectifs")
    plans: Section | None = Field(None, title="Plans")
    actions: Section | None = Field(
        None,
        title="Actions transversales",
        description="Titre et introduction de la partie des actions rattachées à aucun plan.",
    )


class Plan(Diffusable):
    """Un plan d'action (plan, programme, schéma...) qui regroupe des fiches-actions."""

    model_config = ConfigDict(title="Plan d'action")

    id: Identifiant = Field(
        title="Identifiant",
        description="Identifiant stable du plan (minuscules, chiffres, tirets).",
        examples=["plan-jeunesse"],
    )
    numero: Numero | None = Field(
        None, title="Numéro", description="Numéro affiché du plan.", examples=[1]
    )
    titre: Texte = Field(
        title="Intitulé",
        description="Intitulé du plan, tel que le document l'écrit.",
        examples=["Programme d'actions à l'intention des jeunes exposés à la délinquance"],
    )
    type: TypePlan | None = Field(None, title="Type", description="plan, programme, schéma...")
    objectifs: list[Identifiant] = Field(
        default_factory=list,
        title="Objectifs",
        description="Objectifs servis par le plan.",
        examples=[["ameliorer-tranquillite-publique"]],
    )
    description: TexteMd | None = Field(
        None,
        title="Description",
        description="Présentation du plan (Markdown).",
        examples=["Les actions de ce programme visent les 12-25 ans."],
    )
    pilote: Identifiant | None = Field(
        None,
        title="Pilote du plan",
        description="Identifiant de l'acteur qui anime le plan.",
        examples=["ville-lille"],
    )
    groupe_travail: Identifiant | None = Field(
        None,
        title="Groupe de travail",
        description="Identifiant du groupe de travail ou de l'instance qui suit le plan.",
        examples=["gt-jeunesse"],
    )
    actions: list[Action] = Field(default_factory=list, title="Fiches-actions")


class Acteur(Diffusable):
    """Une structure partenaire : commune, service de l'État, association..."""

    model_config = ConfigDict(title="Acteur")

    id: Identifiant = Field(
        title="Identifiant",
        examples=["ville-lille"],
        description=(
            "Identifiant stable de l'acteur, cité par les pilotes, partenaires, membres et "
            "signataires."
        ),
    )
    nom: Texte = Field(
        title="Nom", examples=["Ville de Lille"], description="Nom complet de la structure."
    )
    sigle: Texte | None = Field(
        None,
        title="Sigle",
        examples=["LMH"],
        description="Sigle usuel, repris dans le glossaire des documents.",
    )
    type: TypeActeur | None = Field(
        None,
        title="Type",
        description="Catégorie de la structure : commune, État, police, justice, bailleur...",
    )
    description: Texte | None = Field(
        None,
        title="Description",
        description="Rôle de la structure dans la stratégie.",
        examples=["bailleur social présent dans les quartiers prioritaires"],
    )
    url: Url | None = Field(None, title="Adresse web", description="Site de la structure.")
    contacts: list[Contact] = Field(default_factory=list, title="Contacts")


class Signataire(Diffusable):
    """Un signataire de la stratégie."""

    model_config = ConfigDict(title="Signataire")

    acteur: Identifiant = Field(
        title="Acteur",
        description="Identifiant de l'acteur signataire (liste « acteurs »).",
        examples=["prefecture"],
    )
    libelle: Texte | None = Field(
        None,
        title="Libellé",
        description="Désignation telle que le document l'écrit.",
        examples=["la Ville de Lille et ses communes associées"],
    )
    representant: Texte | None = Field(
        None, title="Représentant", examples=["le Maire"], description="Qualité du signataire."
    )
    date: Date | None = Field(
        None,
        title="Date de signature",
        description='Date de la signature (« signée en novembre 2021 » : `"2021-11"`).',
    )


class Seance(Diffusable):
    """Une réunion du conseil (plénière, formation restreinte, groupe de travail)."""

    model_config = ConfigDict(title="Séance")

    date: Date = Field(title="Date", description="Date de la réunion (un mois ou un jour).")
    type: TypeSeance | None = Field(
        None,
        title="Type",
        description="Séance plénière, formation restreinte ou groupe de travail.",
    )
    objet: Texte | None = Field(
        None,
        title="Objet",
        examples=["bilan annuel"],
        description="Ce qui a été présenté ou décidé.",
    )


class Avenant(Diffusable):
    """Un avenant ou une prorogation de la stratégie."""

    model_config = ConfigDict(title="Avenant")

    id: Identifiant = Field(
        title="Identifiant", description="Identifiant stable de l'avenant.", examples=["avenant-1"]
    )
    date: Date | None = Field(None, title="Date", description="Date de l'avenant.")
    objet: TexteMd = Field(
        title="Objet",
        description="Ce que l'avenant change (Markdown).",
        examples=["Prorogation de la stratégie jusqu'au 31 décembre 2027."],
    )
    nouvelle_fin: Date | None = Field(
        None,
        title="Nouvelle fin",
        description=(
            "Fin de période après prorogation (« prorogée jusqu'en septembre 2026 » : "
            '`"2026-09"`). La dernière donnée dans la liste des avenants fait foi.'
        ),
    )


class GroupeTravail(Diffusable):
    """Un groupe de travail et d'échange d'informations (CSI L132-5)."""

    model_config = ConfigDict(title="Groupe de travail")

    id: Identifiant = Field(
        title="Identifiant",
        description="Identifiant stable du groupe, cité par les actions qu'il suit.",
        examples=["gt-jeunesse"],
    )
    titre: Texte = Field(
        title="Intitulé",
        description="Nom du groupe de travail.",
        examples=["Groupe de travail jeunesse"],
    )
    pilote: Identifiant | None = Field(
        None,
        title="Pilote",
        description="Identifiant de l'acteur qui anime le groupe.",
        examples=["ville-lille"],
    )
    membres: list[Identifiant] = Field(
        default_factory=list,
        title="Membres",
        description="Identifiants des acteurs qui y siègent.",
        examples=[["ville-lille", "education-nationale"]],
    )
    description: TexteMd | None = Field(
        None,
        title="Description",
        description="Mandat du groupe (Markdown). Ses échanges sont confidentiels (CSI L132-5).",
        examples=["Suivi des jeunes repérés par les partenaires."],
    )


class InstanceGouvernance(Diffusable):
    """Une instance du conseil : séance plénière, conseil restreint, cellule de veille..."""

    model_config = ConfigDict(title="Instance de gouvernance")

    id: Identifiant = Field(
        title="Identifiant",
        description="Identifiant stable de l'instance, que les objectifs et plans peuvent citer.",
        examples=["cellule-veille"],
    )
    nom: Texte = Field(
        title="Nom", description="Nom de l'instance.", examples=["Cellule de veille"]
    )
    niveau: NiveauInstance | None = Field(
        None,
        title="Niveau",
        description=(
            "`decisionnel` (la plénière), `operationnel` (cellules de veille, observatoire, "
            "groupes de travail) ou `executif` (conseil restreint)."
        ),
    )
    rythme: Texte | None = Field(
        None,
        title="Rythme",
        description="Fréquence des réunions, dans les mots du document.",
        examples=["tous les quinze jours", "au moins une fois par an"],
    )
    membres: list[Identifiant] = Field(
        default_factory=list,
        title="Membres",
        description="Identifiants des acteurs qui y siègent.",
        examples=[["ville-lille", "prefecture"]],
    )
    description: TexteMd | None = Field(
        None,
        title="Description",
        description="Rôle de l'instance (Markdown).",
        examples=["Elle examine chaque quinzaine les situations signalées par les partenaires."],
    )


class Gouvernance(Diffusable):
    """Le conseil : instances, membres, signataires, séances, avenants et groupes de travail."""

    model_config = ConfigDict(title="Gouvernance")

    president: Identifiant | None = Field(
        None, title="Présidence", description="Acteur qui préside.", examples=["ville-lille"]
    )
    instances: list[InstanceGouvernance] = Field(
        default_factory=list,
        title="Instances",
        description="Les niveaux du conseil : décisionnel, opérationnel, exécutif.",
    )
    membres: list[Identifiant] = Field(
        default_factory=list,
        title="Membres",
        description="Acteurs membres du conseil.",
        examples=[["ville-lille", "prefecture"]],
    )
    signataires: list[Signataire] = Field(default_factory=list, title="Signataires")
    seances: list[Seance] = Field(default_factory=list, title="Séances")
    avenants: list[Avenant] = Field(default_factory=list, title="Avenants")
    groupes_travail: list[GroupeTravail] = Field(default_factory=list, title="Groupes de travail")


class Proposition(Diffusable):
    """Une proposition (d'une conférence citoyenne, d'un diagnostic partagé...) et ce qu'elle est
    devenue."""

    model_config = ConfigDict(title="Proposition")

    id: Identifiant = Field(
        title="Identifiant", description="Identifiant stable de la proposition.", examples=["p1"]
    )
    texte: TexteMd = Field(
        title="Texte",
        description="La proposition, dans les mots du document (Markdown).",
        examples=["Installer des bancs et un éclairage le long du canal."],
    )
    origine: Texte | None = Field(
        None,
        title="Origine",
        description="Qui l'a faite, où.",
        examples=["conférence citoyenne"],
    )
    date: Date | None = Field(None, title="Date", description="Date de la proposition.")
    retenue: StrictBool | None = Field(
        None,
        title="Retenue",
        description="`true` : retenue dans la stratégie ; `false` : écartée.",
    )
    actions: list[Identifiant] = Field(
        default_factory=list,
        title="Actions",
        description="Identifiants des actions qu'elle est devenue.",
        examples=[["eclairage-canal"]],
    )


class Chapitre(Diffusable):
    """Un chapitre propre au document (« Chapitre 1 – La gouvernance du CLSPD »)."""

    model_config = ConfigDict(title="Chapitre")

    id: Identifiant = Field(
        title="Identifiant", description="Identifiant stable du chapitre.", examples=["methode"]
    )
    titre: Texte = Field(
        title="Titre",
        description="Titre du chapitre, tel que le document l'écrit.",
        examples=["Chapitre 1 – La gouvernance du CLSPD"],
    )
    texte: TexteMd | None = Field(
        None,
        title="Texte",
        description="Le chapitre (Markdown : paragraphes, listes, intertitres).",
        examples=["Le CLSPD se réunit en séance plénière au moins une fois par an."],
    )
    apres: Partie | None = Field(
        None,
        title="Après",
        description=(
            "La partie qu'il suit : `presentation`, `cadre`, `principes`, `objectifs`, `plans` "
            "ou `gouvernance` ; à la fin du document (avant les annexes) s'il est absent."
        ),
    )


class Note(Diffusable):
    """Un fait que le document rapporte (historique, contexte)."""

    model_config = ConfigDict(title="Note")

    titre: Texte | None = Field(
        None, title="Titre", examples=["Le saviez-vous ?"], description="Titre de l'encadré."
    )
    texte: TexteMd = Field(
        title="Texte",
        description="Le fait rapporté (Markdown).",
        examples=["Lille a signé un Contrat Local de Sécurité dès 1999."],
    )
    annee: Annee | None = Field(None, title="Année", description="Année du fait rapporté.")


class ActionRef(NamedTuple):
    """An action and where it sits: ``path`` is its place in the YAML (``("plans", 0,
    "actions", 2)`` or ``("actions", 0)`` for an action outside any plan)."""

    path: Path_
    plan: Plan | None
    action: Action
    position: int  # in its list

    @property
    def dotted(self) -> str:
        """``plans[0].actions[2]``, ``actions[0]``: the place as JSON outputs name it."""
        return ".".join(f"{k}[{i}]" for k, i in zip(self.path[::2], self.path[1::2], strict=True))


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
    actions: list[Action] = Field(
        default_factory=list,
        title="Actions transversales",
        description="Actions que le document ne rattache à aucun plan.",
    )
    acteurs: list[Acteur] = Field(default_factory=list, title="Acteurs")
    gouvernance: Gouvernance | None = Field(None, title="Gouvernance")
    propositions: list[Proposition] = Field(
        default_factory=list,
        title="Propositions",
        description=(
            "Propositions reçues (conférence citoyenne...) et les actions qu'elles ont fait naître."
        ),
    )
    chapitres: list[Chapitre] = Field(
        default_factory=list, title="Chapitres", description="Chapitres propres au document."
    )
    notes: list[Note] = Field(default_factory=list, title="Notes")

    def iter_actions(self) -> list[ActionRef]:
        """Every action, in plans then outside any plan, in document order, with its place."""
        refs = [
            ActionRef(("plans", p, "actions", a), plan, action, a)
            for p, plan in enumerate(self.plans)
            for a, action in enumerate(plan.actions)
        ]
        refs += [
            ActionRef(("actions", a), None, action, a) for a, action in enumerate(self.actions)
        ]
        return refs


__all__ = ["ActionRef", "AxeRef", "Document"]
