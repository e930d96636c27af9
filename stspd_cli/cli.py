"""The command line: declarations only. Every command declares its options, calls one library
function of :mod:`stspd_cli.commands` and hands its outcome to :func:`finish`; the inputs are read
by one path (:mod:`stspd_cli.discovery`), the outputs written by one (:mod:`stspd_cli.target`),
and errors are caught once, in :func:`main`.

No ``from __future__ import annotations`` here: typer reads the annotations of every command at
start-up, and evaluating them from strings cost 20 ms on each run (docs/performance.md)."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from stspd_cli.boundary import guarded, say
from stspd_cli.clifr import FrenchGroup
from stspd_cli.express import usage_hint_for

if TYPE_CHECKING:
    from stspd_cli.edit.skeleton import Answers
    from stspd_cli.outcome import Outcome


app = typer.Typer(
    name="stspd",
    cls=FrenchGroup,
    help=(
        "Outils pour la stratégie territoriale de sécurité et de prévention de la délinquance "
        "(STSPD) d'un CLSPD, CISPD ou CMSPD : vérifier, mettre en forme, comparer, suivre."
    ),
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from stspd_cli.origin import version_words  # noqa: PLC0415

        typer.echo(version_words())
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Affiche la version et quitte."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="En cas d'erreur interne, affiche la trace complète.")
    ] = False,
) -> None:
    """Outils pour les stratégies territoriales de sécurité et de prévention de la délinquance."""


# --- Options that mean the same in every command ---------------------------------------------


def _complete_format(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of --format: the formats of the command's registry."""
    from stspd_cli.formats.registries import REGISTRIES, registry  # noqa: PLC0415

    name = ctx.info_name or ""
    known = list(registry(name)) if name in REGISTRIES else []
    return [n for n in known if n.startswith(incomplete)]


Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help=(
            "Fichiers ou dossiers de stratégies ; « - » : l'entrée standard "
            "(par défaut : strategies/ du dépôt)."
        ),
        show_default=False,
    ),
]
Format = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="Format de sortie (par défaut : celui de l'extension de -o, sinon le premier).",
        show_default=False,
        autocompletion=_complete_format,
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help=(
            "Fichier ou dossier (terminé par /) de sortie ; « - » : la sortie standard "
            "(par défaut : la sortie standard, ou build/ pour un format binaire ou plusieurs "
            "documents)."
        ),
        show_default=False,
    ),
]
Day = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Date de référence AAAA-MM-JJ des échéances (par défaut : aujourd'hui).",
        show_default=False,
    ),
]
Interne = Annotated[
    bool,
    typer.Option(
        "--interne",
        help="Version interne : inclut les éléments en diffusion restreinte, signalés.",
    ),
]


def finish(outcome: "Outcome") -> NoReturn:
    """Write what a command gave back (:func:`stspd_cli.boundary.write_outcome`) and exit with
    its code."""
    from stspd_cli.boundary import write_outcome  # noqa: PLC0415

    raise typer.Exit(write_outcome(outcome))


# --- Commands --------------------------------------------------------------------------------


@app.command()
def validate(
    paths: Paths = None,
    format_: Format = None,
    output: Output = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Les avertissements font aussi échouer (code 1).")
    ] = False,
    today: Day = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Revérifie tout, sans réutiliser les résultats déjà calculés."
        ),
    ] = False,
) -> None:
    """Vérifie une ou plusieurs stratégies et liste chaque problème avec sa position.

    Exemple : `stspd validate strategies/clspd-lille.yaml --format json`

    Codes de sortie : 0 valide ; 1 erreurs (ou avertissements avec --strict) ;
    2 erreur d'usage ou fichier illisible.
    """
    from stspd_cli.commands.validate import validate_command  # noqa: PLC0415

    finish(
        validate_command(
            paths,
            format_name=format_,
            output=output,
            strict=strict,
            today=today,
            use_cache=not no_cache,
        )
    )


@app.command()
def render(
    paths: Paths = None,
    format_: Format = None,
    output: Output = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Dossier de modèles de la commune (charte graphique), prioritaire.",
            show_default=False,
        ),
    ] = None,
    interne: Interne = False,
    brouillon: Annotated[
        bool,
        typer.Option(
            "--brouillon",
            help=(
                "Rend aussi une stratégie qui a des erreurs : « BROUILLON » sur chaque page, "
                "chaque problème à sa place et en annexe ; le code de sortie reste 1."
            ),
        ),
    ] = False,
    today: Day = None,
) -> None:
    """Produit la feuille de route imprimable (HTML, Markdown, PDF, Word ou LibreOffice).

    Un dossier (par défaut strategies/) donne un document par stratégie, dans build/ sans -o.

    Exemple : `stspd render strategies/clspd-lille.yaml -o lille.pdf`

    Sans `--interne`, les éléments en diffusion restreinte sont retirés ; un document interne
    dont stspd choisit le nom finit par « -interne ». Un fichier YAML n'est jamais écrasé.
    Codes de sortie : 0 écrit ; 1 stratégie invalide (avec --brouillon : brouillon écrit,
    stratégie toujours invalide) ; 2 erreur d'usage.
    """
    from stspd_cli.commands import parse_date  # noqa: PLC0415
    from stspd_cli.render.output import render_paths  # noqa: PLC0415

    finish(
        render_paths(
            paths,
            output=output,
            format_name=format_,
            interne=interne,
            templates=templates,
            brouillon=brouillon,
            today=parse_date(today),
        )
    )


@app.command()
def schema(output: Output = None) -> None:
    """Affiche le schéma JSON (draft 2020-12) du modèle stspd/1.

    Les éditeurs (VS Code avec l'extension YAML) s'en servent pour compléter et vérifier
    pendant la saisie. Exemple : `stspd schema -o schema/stspd-1.schema.json`
    """
    from stspd_cli.commands.info import schema_command  # noqa: PLC0415

    finish(schema_command(output=output))


@app.command()
def regles(format_: Format = None, output: Output = None) -> None:
    """Liste les règles de vérification : code, gravité, titre et explication.

    Exemple : `stspd regles --format md -o regles.md`
    """
    from stspd_cli.commands.info import regles_command  # noqa: PLC0415

    finish(regles_command(format_name=format_, output=output))


@app.command()
def referentiels() -> None:
    """Liste les référentiels nationaux connus, leur période et leurs axes, avec les
    identifiants à citer.

    Exemple : `stspd referentiels`
    """
    from stspd_cli.commands.info import referentiels_command  # noqa: PLC0415

    finish(referentiels_command())


@app.command()
def diff(
    old: Annotated[
        str,
        typer.Argument(
            help="Ancienne version : fichier, ou REV:CHEMIN (ex. v2026:strategies/lille.yaml).",
            show_default=False,
        ),
    ],
    new: Annotated[
        str, typer.Argument(help="Nouvelle version : fichier, ou REV:CHEMIN.", show_default=False)
    ],
    format_: Format = None,
    output: Output = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Code 1 s'il y a des modifications, 0 sinon (comme git diff)."
        ),
    ] = False,
    interne: Interne = False,
) -> None:
    """Montre ce qui a changé entre deux versions d'une stratégie (note de modification).

    Les entités sont rapprochées par leur identifiant : une action renommée reste la même action.

    Exemple : `stspd diff HEAD:strategies/clspd-lille.yaml strategies/clspd-lille.yaml`
    """
    from stspd_cli.commands.compare import diff_command  # noqa: PLC0415

    finish(
        diff_command(
            old, new, format_name=format_, output=output, exit_code=exit_code, interne=interne
        )
    )


@app.command()
def texte(
    file: Annotated[
        str | None,
        typer.Argument(
            help=(
                "Stratégie : fichier, REV:CHEMIN ou « - » (entrée standard) ; par défaut, "
                "la seule stratégie de strategies/."
            ),
            show_default=False,
        ),
    ] = None,
    output: Output = None,
    interne: Interne = False,
) -> None:
    """Affiche la stratégie en texte, une information par ligne, rangée par identifiant.

    Sert de filtre `textconv` pour que `git diff` et `git log -p` montrent les changements
    comme stspd les voit (voir docs/diff.md).

    Exemple : `stspd texte strategies/clspd-lille.yaml`
    """
    from stspd_cli.commands.compare import texte_command  # noqa: PLC0415

    finish(texte_command(file, output=output, interne=interne))


@app.command()
def report(
    paths: Paths = None,
    format_: Format = None,
    output: Output = None,
    today: Day = None,
    interne: Interne = False,
) -> None:
    """Fait le bilan d'avancement : réalisé, en retard, qui porte quoi, financement, indicateurs.

    Plusieurs fichiers ou un dossier donnent chaque territoire et une vue consolidée.

    Exemple : `stspd report strategies/ --date 2026-12-31 --format html -o bilan.html`
    """
    from stspd_cli.commands.report import report_command  # noqa: PLC0415

    finish(report_command(paths, format_name=format_, output=output, today=today, interne=interne))


@app.command()
def export(
    paths: Paths = None,
    format_: Format = None,
    output: Output = None,
    interne: Annotated[
        bool,
        typer.Option(
            "--interne", help="Inclut les actions et indicateurs en diffusion restreinte."
        ),
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Date d'export AAAA-MM-JJ inscrite dans le tableau (par défaut : aujourd'hui).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Produit le tableau de suivi à envoyer aux partenaires (xlsx ou csv), à relire avec import.

    Une ligne par action (statut, avancement, commentaire à remplir), une ligne par indicateur
    (nouvelle mesure à saisir). Sans `--interne`, les éléments restreints sont retirés. Sans -o,
    le tableau va dans build/ (STRATÉGIE-suivi.xlsx, -suivi-interne.xlsx pour la version interne).

    Exemple : `stspd export strategies/cispd-loos-haubourdin-emmerin.yaml -o loos-suivi.xlsx`
    """
    from stspd_cli.commands.tables import export_command  # noqa: PLC0415

    finish(export_command(paths, format_name=format_, output=output, today=today, interne=interne))


@app.command(name="import")
def import_(
    file: Annotated[
        Path, typer.Argument(help="Fichier de stratégie à mettre à jour.", show_default=False)
    ],
    table: Annotated[
        Path,
        typer.Argument(
            help="Tableau rempli par les partenaires (xlsx ou csv).", show_default=False
        ),
    ],
    apply: Annotated[
        bool,
        typer.Option("--apply", help="Écrit les modifications (sans elle : les montre seulement)."),
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--date",
            help=(
                "Date de référence AAAA-MM-JJ : une mesure ne peut pas la dépasser (par "
                "défaut : aujourd'hui)."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Relit le tableau de suivi rempli par les partenaires et reporte leurs mises à jour.

    Sans `--apply`, montre les modifications et n'écrit rien ; avec `--apply`, les écrit en
    gardant commentaires et mise en page. Au moindre problème, rien n'est écrit.

    Exemple : `stspd import strategies/cispd-loos-haubourdin-emmerin.yaml loos-suivi.xlsx`

    Codes de sortie : 0 importé (ou rien à importer) ; 1 refusé (cellule, conflit, validation) ;
    2 tableau illisible ou erreur d'usage.
    """
    from stspd_cli.commands.tables import import_command  # noqa: PLC0415

    finish(import_command(file, table, apply=apply, today=today))


@app.command()
def fmt(
    paths: Paths = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help=(
                "Ne modifie rien : montre ce qui changerait (diff) et sort avec le code 1 "
                "si un fichier n'est pas en forme."
            ),
        ),
    ] = False,
) -> None:
    """Met les stratégies en forme : ordre des clés du modèle, indentation, guillemets, lignes
    de 100 colonnes, dates AAAA-MM-JJ.

    Chaque commentaire et chaque valeur sont gardés ; l'écriture est atomique. Les autres
    fichiers YAML d'un dossier ne sont jamais touchés. « - » : lit l'entrée standard et écrit
    le résultat sur la sortie standard (pour un éditeur).

    Exemple : `stspd fmt strategies/ --check`

    Codes de sortie : 0 en forme (ou mis en forme) ; 1 à mettre en forme (--check) ou YAML
    invalide ; 2 fichier illisible.
    """
    from stspd_cli.commands.edit import fmt_command  # noqa: PLC0415

    finish(fmt_command(paths, check=check))


def _ask(question: str, default: str | None) -> str:
    """A question in the terminal, with French spacing before the colon."""
    answer = typer.prompt(question, default=default, prompt_suffix="\u00a0: ")
    return str(answer)


def _answers(
    territoire: str | None,
    instance: str | None,
    communes: list[str] | None,
    referentiel: str | None,
) -> "Answers":
    from stspd_cli.commands.edit import answers  # noqa: PLC0415

    ask = _ask if sys.stdin.isatty() else None
    return answers(territoire, instance, communes, referentiel, ask)


TerritoireOption = Annotated[
    str | None,
    typer.Option(
        "--territoire",
        help="Nom du territoire (demandé s'il manque, dans un terminal).",
        show_default=False,
    ),
]
InstanceOption = Annotated[
    str | None,
    typer.Option(
        "--instance", help="CLSPD, CISPD ou CMSPD (demandé s'il manque).", show_default=False
    ),
]
CommunesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--communes",
        help="Communes couvertes, séparées par des virgules (ou option répétée).",
        show_default=False,
    ),
]
ReferentielOption = Annotated[
    str | None,
    typer.Option(
        "--referentiel",
        help=(
            "Stratégie nationale suivie (voir stspd referentiels ; par défaut : celle en "
            "vigueur au début de la période)."
        ),
        show_default=False,
    ),
]


@app.command()
def new(
    path: Annotated[
        Path, typer.Argument(help="Fichier à créer (.yaml) ; jamais écrasé.", show_default=False)
    ],
    territoire: TerritoireOption = None,
    instance: InstanceOption = None,
    communes: CommunesOption = None,
    referentiel: ReferentielOption = None,
) -> None:
    """Crée une stratégie à partir d'un squelette commenté et valide, à compléter.

    La période commence le 1er du mois suivant ; le référentiel national est celui en vigueur
    au début de la période. La ligne `yaml-language-server` relie le fichier au schéma pour la
    complétion dans l'éditeur.

    Exemple : `stspd new strategies/clspd-roubaix.yaml --territoire Roubaix --instance CLSPD`
    """
    from stspd_cli.commands.edit import new_command  # noqa: PLC0415

    finish(new_command(path, _answers(territoire, instance, communes, referentiel)))


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Dossier du nouveau dépôt (créé s'il n'existe pas).", show_default=False
        ),
    ],
    territoire: TerritoireOption = None,
    instance: InstanceOption = None,
    communes: CommunesOption = None,
    referentiel: ReferentielOption = None,
) -> None:
    """Prépare un dépôt de stratégies : README pour la coordination, première stratégie,
    schéma, pre-commit, intégration continue GitLab et GitHub.

    Aucun fichier existant n'est écrasé.

    Exemple : `stspd init strategie-lille --territoire Lille --instance CLSPD`
    """
    from stspd_cli.commands.edit import init_command  # noqa: PLC0415

    finish(init_command(folder, _answers(territoire, instance, communes, referentiel)))


# --- The one boundary where errors become messages and exit codes ---------------------------


@app.command()
def convertir(
    source: Annotated[
        Path,
        typer.Argument(
            help="Document existant : .docx, .odt, .pdf (avec texte), .html, .md ou .txt.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help=(
                "Stratégie à créer (.yaml), jamais écrasée ; par défaut : le nom du document "
                "en .yaml dans le dossier courant ; « - » : sortie standard."
            ),
            show_default=False,
        ),
    ] = None,
    format_: Annotated[
        str, typer.Option("--format", "-f", help="Format du résumé : text ou json.")
    ] = "text",
) -> None:
    """Convertit une stratégie existante (Word, LibreOffice, PDF, page web, texte) en YAML.

    Objectifs, plans, fiches-actions et leurs champs (pilote, partenaires, calendrier,
    financement...) sont reconnus ; chaque placement deviné porte un commentaire
    « # à vérifier ». Rien n'est perdu : ce qui ne se range pas va dans un chapitre.
    Le résumé dit ce qui a été reconnu et la part des phrases placées.

    Exemple : `stspd convertir strategie-2021.docx -o strategies/clspd-ma-ville.yaml`

    Codes de sortie : 0 converti ; 1 converti mais pas encore valide (erreurs listées) ;
    2 document illisible ou refusé, ou fichier de sortie existant.
    """
    from stspd_cli.commands.convert import convertir_command  # noqa: PLC0415

    finish(convertir_command(source, output=output, format_name=format_))


def _usage_hint(args: list[str]) -> str:
    """The one-line hint after a usage error: the help of the command used, else the list."""
    commands = typer.main.get_command(app)
    assert isinstance(commands, typer.core.TyperGroup)
    name = next((a for a in args if not a.startswith("-")), None)
    if name is not None and name in commands.commands:
        return usage_hint_for(name)
    return "stspd --help liste les commandes et leurs options."


def main(argv: list[str] | None = None) -> None:
    """typer's way in; errors become messages and exit codes at one boundary
    (:func:`stspd_cli.boundary.guarded`)."""
    from stspd_cli.clifr import translate_error  # noqa: PLC0415

    args = sys.argv[1:] if argv is None else argv

    def run() -> int:
        try:
            code = app(args=args, prog_name="stspd", standalone_mode=False)
        except typer.Exit as done:
            return done.exit_code
        except typer.Abort:
            raise KeyboardInterrupt from None
        except typer.TyperException as error:
            message = translate_error(error.format_message())
            if message:  # else no command was given: the help was shown, nothing more to say
                say(f"stspd : {message}\n")
                say(f"  conseil : {_usage_hint(args)}\n")
            return error.exit_code
        return code if isinstance(code, int) else 0

    guarded(run, args, lambda: _usage_hint(args))
