"""The command line: typer commands only. Every command parses its options, calls the library
and returns an exit code; errors are caught once, in :func:`main`.

No ``from __future__ import annotations`` here: typer reads the annotations of every command at
start-up, and evaluating them from strings cost 20 ms on each run (docs/performance.md)."""

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stspd_cli import __version__
from stspd_cli.clifr import FrenchGroup
from stspd_cli.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, StspdError, UsageError

if TYPE_CHECKING:
    from stspd_cli.edit.skeleton import Answers


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

DEFAULT_STRATEGIES = Path("strategies")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stspd {__version__}")
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


def parse_date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        msg = f"date « {value} » invalide pour --date : écrivez AAAA-MM-JJ, par exemple 2026-06-30"
        raise UsageError(msg) from None


def _use_color() -> bool:
    # https://no-color.org: NO_COLOR set to a non-empty value turns colour off.
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _write(text: str | bytes) -> None:
    """Standard output: shown, never obeyed, on a terminal (see stspd_cli.terminal)."""
    from stspd_cli.output import write_output  # noqa: PLC0415

    write_output(text, None)


def _say(text: str) -> None:
    """The error output, always read by a person: what a value holds is shown, never obeyed."""
    from stspd_cli.terminal import visible  # noqa: PLC0415

    sys.stderr.write(visible(text))
    sys.stderr.flush()


StrategyPaths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Fichiers ou dossiers de stratégies (par défaut : strategies/).",
        show_default=False,
    ),
]


@app.command()
def validate(
    paths: StrategyPaths = None,
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Format de sortie : text, json, github (annotations) ou gitlab (Code Quality).",
        ),
    ] = "text",
    strict: Annotated[
        bool, typer.Option("--strict", help="Les avertissements font aussi échouer (code 1).")
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Date de référence AAAA-MM-JJ pour les échéances (par défaut : aujourd'hui).",
            show_default=False,
        ),
    ] = None,
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
    from stspd_cli.formats.findings import FORMATS, OutputOptions  # noqa: PLC0415
    from stspd_cli.validate import validate_paths  # noqa: PLC0415

    if format_ not in FORMATS:
        msg = f"format « {format_} » inconnu ; formats possibles : {', '.join(FORMATS)}"
        raise UsageError(msg)
    reference = parse_date(today)
    report = validate_paths(paths or [DEFAULT_STRATEGIES], reference, use_cache=not no_cache)
    options = OutputOptions(color=_use_color(), strict=strict)
    _write(FORMATS[format_](report, options))
    raise typer.Exit(report.exit_code(strict=strict))


@app.command()
def render(
    source: Annotated[
        Path,
        typer.Argument(
            help="Fichier de stratégie, ou dossier dont chaque stratégie est rendue.",
            show_default=False,
        ),
    ],
    format_: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Format : html, md ou pdf (par défaut : selon l'extension de -o, sinon html).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help=(
                "Fichier ou dossier de sortie ; « - » ou rien : sortie standard (html, md). "
                "Obligatoire (dossier) quand SOURCE est un dossier."
            ),
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Dossier de modèles de la commune (charte graphique), prioritaire.",
            show_default=False,
        ),
    ] = None,
    interne: Annotated[
        bool,
        typer.Option(
            "--interne",
            help="Version interne : inclut les éléments en diffusion restreinte, signalés.",
        ),
    ] = False,
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
) -> None:
    """Produit la feuille de route imprimable (HTML, Markdown ou PDF) d'une stratégie.

    Exemple : `stspd render strategies/clspd-lille.yaml -o lille.pdf`

    Sans `--interne`, les éléments en diffusion restreinte sont retirés. Un fichier YAML
    n'est jamais écrasé. Codes de sortie : 0 écrit ; 1 stratégie invalide (avec --brouillon :
    brouillon écrit, stratégie toujours invalide) ; 2 erreur d'usage.
    """
    from stspd_cli.render.output import render_paths  # noqa: PLC0415

    result = render_paths(
        source,
        output=output,
        format_name=format_,
        interne=interne,
        templates=templates,
        brouillon=brouillon,
    )
    if result.stdout is not None:
        _write(result.stdout)
    for path in result.written:
        _say(f"stspd : {path} écrit\n")
    result.raise_failures()


@app.command()
def schema() -> None:
    """Affiche le schéma JSON (draft 2020-12) du modèle stspd/1.

    Les éditeurs (VS Code avec l'extension YAML) s'en servent pour compléter et vérifier
    pendant la saisie. Exemple : `stspd schema > stspd-1.schema.json`
    """
    from stspd_cli.schema import json_schema_text  # noqa: PLC0415

    _write(json_schema_text())


@app.command()
def regles(
    format_: Annotated[
        str, typer.Option("--format", "-f", help="Format : text ou md (documentation).")
    ] = "text",
) -> None:
    """Liste les règles de vérification : code, gravité, titre et explication.

    Exemple : `stspd regles --format md > docs/regles.md`
    """
    from stspd_cli.rulesdoc import RULE_FORMATS  # noqa: PLC0415

    if format_ not in RULE_FORMATS:
        msg = f"format « {format_} » inconnu ; formats possibles : {', '.join(RULE_FORMATS)}"
        raise UsageError(msg)
    _write(RULE_FORMATS[format_]())


@app.command()
def referentiels() -> None:
    """Liste les référentiels nationaux connus et leurs axes, avec les identifiants à citer.

    Exemple : `stspd referentiels`
    """
    from stspd_cli.frameworks import frameworks  # noqa: PLC0415

    lines = []
    for frame in frameworks().values():
        state = " (provisoire)" if frame.provisional else ""
        lines.append(f"{frame.id} : {frame.titre}{state}")
        lines.extend(f"  {frame.id}/{axis.id} : {axis.titre}" for axis in frame.axes)
    _write("\n".join(lines) + "\n")


@app.command()
def diff(
    old: Annotated[
        str,
        typer.Argument(
            help="Ancienne version : fichier, ou REV:CHEMIN (ex. v2017:strategies/lille.yaml)."
        ),
    ],
    new: Annotated[str, typer.Argument(help="Nouvelle version : fichier, ou REV:CHEMIN.")],
    format_: Annotated[
        str, typer.Option("--format", "-f", help="Format : text, md, html ou json.")
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Fichier de sortie (par défaut : sortie standard)."),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Code 1 s'il y a des modifications, 0 sinon (comme git diff)."
        ),
    ] = False,
    interne: Annotated[
        bool,
        typer.Option("--interne", help="Inclut les éléments en diffusion restreinte."),
    ] = False,
) -> None:
    """Montre ce qui a changé entre deux versions d'une stratégie (note de modification).

    Les entités sont rapprochées par leur identifiant : une action renommée reste la même action.

    Exemple : `stspd diff v2017:strategies/lille.yaml strategies/lille.yaml --format md -o note.md`
    """
    from stspd_cli.diff import diff_versions  # noqa: PLC0415
    from stspd_cli.diff.formats import FORMATS, DiffOutput  # noqa: PLC0415
    from stspd_cli.output import write_output  # noqa: PLC0415

    if format_ not in FORMATS:
        msg = f"format « {format_} » inconnu ; formats possibles : {', '.join(FORMATS)}"
        raise UsageError(msg)
    changes, presentation = diff_versions(old, new, interne=interne)
    to_terminal = output is None or str(output) == "-"
    text = FORMATS[format_](
        DiffOutput(changes, presentation, color=to_terminal and _use_color(), interne=interne)
    )
    write_output(text, output)
    raise typer.Exit(1 if exit_code and changes else 0)


@app.command()
def texte(
    file: Annotated[str, typer.Argument(help="Stratégie : fichier, ou REV:CHEMIN.")],
    interne: Annotated[
        bool, typer.Option("--interne", help="Inclut les éléments en diffusion restreinte.")
    ] = False,
) -> None:
    """Affiche la stratégie en texte, une information par ligne, rangée par identifiant.

    Sert de filtre `textconv` pour que `git diff` et `git log -p` montrent les changements
    comme stspd les voit (voir docs/diff.md).

    Exemple : `stspd texte strategies/clspd-lille.yaml`
    """
    from stspd_cli.confidentiality import view  # noqa: PLC0415
    from stspd_cli.diff.sources import load_version  # noqa: PLC0415
    from stspd_cli.diff.textconv import as_text  # noqa: PLC0415

    _write(as_text(view(load_version(file), interne=interne)))


@app.command()
def report(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Stratégies : un fichier par territoire, ou un dossier.", show_default=False
        ),
    ],
    format_: Annotated[
        str, typer.Option("--format", "-f", help="Format : text, md, html, json ou csv.")
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Fichier de sortie (par défaut : sortie standard)."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Date du bilan AAAA-MM-JJ (par défaut : aujourd'hui) : rapport reproductible.",
            show_default=False,
        ),
    ] = None,
    interne: Annotated[
        bool, typer.Option("--interne", help="Inclut les éléments en diffusion restreinte.")
    ] = False,
) -> None:
    """Fait le bilan d'avancement : réalisé, en retard, qui porte quoi, financement, indicateurs.

    Plusieurs fichiers ou un dossier donnent chaque territoire et une vue consolidée.

    Exemple : `stspd report strategies/ --date 2026-12-31 --format html -o bilan.html`
    """
    from stspd_cli.output import write_output  # noqa: PLC0415
    from stspd_cli.report import build_report  # noqa: PLC0415
    from stspd_cli.report.formats import FORMATS  # noqa: PLC0415

    if format_ not in FORMATS:
        msg = f"format « {format_} » inconnu ; formats possibles : {', '.join(FORMATS)}"
        raise UsageError(msg)
    data = build_report(paths, parse_date(today), interne=interne)
    to_terminal = output is None or str(output) == "-"
    write_output(FORMATS[format_](data, to_terminal and _use_color()), output)


@app.command()
def export(
    file: Annotated[Path, typer.Argument(help="Fichier de stratégie.", show_default=False)],
    format_: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Format : xlsx ou csv (par défaut : selon l'extension de -o, sinon xlsx).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help=(
                "Fichier de sortie (par défaut : STRATÉGIE-suivi.xlsx dans le dossier courant) ; "
                "« - » : sortie standard (csv)."
            ),
            show_default=False,
        ),
    ] = None,
    interne: Annotated[
        bool,
        typer.Option(
            "--interne", help="Inclut les actions et indicateurs en diffusion restreinte."
        ),
    ] = False,
) -> None:
    """Produit le tableau de suivi à envoyer aux partenaires (xlsx ou csv), à relire avec import.

    Une ligne par action (statut, avancement, commentaire à remplir), une ligne par indicateur
    (nouvelle mesure à saisir). Sans `--interne`, les éléments restreints sont retirés.

    Exemple : `stspd export strategies/cispd-loos-haubourdin-emmerin.yaml -o loos-suivi.xlsx`
    """
    from stspd_cli.spreadsheet.export import export_table  # noqa: PLC0415

    done = export_table(
        file, format_name=format_, output=output, interne=interne, today=date.today()
    )
    if done.target is None:
        _write(done.data)
        return
    from stspd_cli.fr import plural  # noqa: PLC0415

    audience = "version interne" if done.interne else "version publique"
    counts = f"{plural(done.actions, 'action')}, {plural(done.indicators, 'indicateur')}"
    _say(f"stspd : {done.target} écrit ({counts}, {audience})\n")


@app.command(name="import")
def import_(
    file: Annotated[Path, typer.Argument(help="Fichier de stratégie à mettre à jour.")],
    table: Annotated[
        Path, typer.Argument(help="Tableau rempli par les partenaires (xlsx ou csv).")
    ],
    apply: Annotated[
        bool,
        typer.Option("--apply", help="Écrit les modifications (sans elle : les montre seulement)."),
    ] = False,
) -> None:
    """Relit le tableau de suivi rempli par les partenaires et reporte leurs mises à jour.

    Sans `--apply`, montre les modifications et n'écrit rien ; avec `--apply`, les écrit en
    gardant commentaires et mise en page. Au moindre problème, rien n'est écrit.

    Exemple : `stspd import strategies/cispd-loos-haubourdin-emmerin.yaml loos-rempli.xlsx --apply`

    Codes de sortie : 0 importé (ou rien à importer) ; 1 refusé (cellule, conflit, validation) ;
    2 tableau illisible ou erreur d'usage.
    """
    from stspd_cli.spreadsheet.importer import import_table  # noqa: PLC0415
    from stspd_cli.spreadsheet.messages import diagnostics_text, report_text  # noqa: PLC0415

    outcome = import_table(file, table, apply=apply, today=date.today())
    _write(report_text(outcome, color=_use_color()))
    _say(diagnostics_text(outcome))
    raise typer.Exit(outcome.exit_code)


@app.command()
def fmt(
    paths: StrategyPaths = None,
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

    Chaque commentaire et chaque valeur sont gardés ; l'écriture est atomique.

    Exemple : `stspd fmt strategies/ --check`

    Codes de sortie : 0 en forme (ou mis en forme) ; 1 à mettre en forme (--check) ou YAML
    invalide ; 2 fichier illisible.
    """
    from stspd_cli.edit.fmt import fmt_paths  # noqa: PLC0415

    report = fmt_paths(paths or [DEFAULT_STRATEGIES], check=check)
    if check:
        _write("".join(result.diff() for result in report.changed))
    for line in report.summary(check=check):
        _say(f"stspd : {line}\n")
    for error in report.failures[:-1]:
        _print_error(error)
    if report.failures:
        raise report.failures[-1]
    raise typer.Exit(report.exit_code(check=check))


def _answers(
    territoire: str | None, instance: str | None, communes: list[str] | None, referentiel: str
) -> "Answers":
    """The skeleton's answers; missing ones are asked for in a terminal, never when piped."""
    from stspd_cli.edit.skeleton import Answers, parse_communes  # noqa: PLC0415

    interactive = sys.stdin.isatty()
    example = "--territoire Lille --instance CLSPD"
    if territoire is None:
        if not interactive:
            raise UsageError("option --territoire manquante", hint=f"par exemple : {example}")
        territoire = typer.prompt("Nom du territoire (commune ou intercommunalité)")
    if instance is None:
        if not interactive:
            raise UsageError("option --instance manquante", hint=f"par exemple : {example}")
        instance = typer.prompt("Instance (CLSPD, CISPD ou CMSPD)", default="CLSPD")
    names = parse_communes(communes or [])
    if not names and interactive and instance.strip().upper() != "CLSPD":
        names = parse_communes([typer.prompt("Communes, séparées par des virgules", default="")])
    return Answers(territoire, instance, names, referentiel)


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
    str,
    typer.Option("--referentiel", help="Stratégie nationale suivie (voir stspd referentiels)."),
]


@app.command()
def new(
    path: Annotated[
        Path, typer.Argument(help="Fichier à créer (.yaml) ; jamais écrasé.", show_default=False)
    ],
    territoire: TerritoireOption = None,
    instance: InstanceOption = None,
    communes: CommunesOption = None,
    referentiel: ReferentielOption = "snpd-2020-2024",
) -> None:
    """Crée une stratégie à partir d'un squelette commenté et valide, à compléter.

    Les commentaires expliquent chaque section ; la ligne `yaml-language-server` relie le
    fichier au schéma pour la complétion dans l'éditeur.

    Exemple : `stspd new strategies/clspd-lille.yaml --territoire Lille --instance CLSPD`
    """
    from stspd_cli.edit.skeleton import schema_ref_for, skeleton_text, write_new  # noqa: PLC0415

    answers = _answers(territoire, instance, communes, referentiel)
    schema_ref, found = schema_ref_for(path)
    text = skeleton_text(answers, shown_as=str(path), schema_ref=schema_ref, today=date.today())
    write_new(path, text)
    _say(f"stspd : {path} créé ; complétez-le puis vérifiez : stspd validate {path}\n")
    if not found:
        _say(
            f"  conseil : pour la complétion dans l'éditeur, écrivez le schéma à l'endroit que "
            f"vise le fichier ({schema_ref}) : stspd schema > schema/stspd-1.schema.json\n"
        )


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="Dossier du nouveau dépôt (créé s'il n'existe pas).")
    ],
    territoire: TerritoireOption = None,
    instance: InstanceOption = None,
    communes: CommunesOption = None,
    referentiel: ReferentielOption = "snpd-2020-2024",
) -> None:
    """Prépare un dépôt de stratégies : README pour la coordination, première stratégie,
    schéma, pre-commit, intégration continue GitLab et GitHub.

    Aucun fichier existant n'est écrasé.

    Exemple : `stspd init strategie-lille --territoire Lille --instance CLSPD`
    """
    from stspd_cli.edit.init import init_repository  # noqa: PLC0415

    answers = _answers(territoire, instance, communes, referentiel)
    result = init_repository(folder, answers, date.today())
    lines = [f"stspd : dépôt de stratégies préparé dans {folder} :"]
    lines += [f"  {path.relative_to(folder)}" for path in result.written]
    if result.git:
        lines.append(f"  ({result.git})")
    strategy = result.strategy.relative_to(folder)
    lines += [
        "Ensuite :",
        f"  cd {folder}",
        f"  stspd validate {strategy}",
        '  git add . && git commit -m "Stratégie : premier squelette"',
        "  pre-commit install    (si pre-commit est installé : vérifie avant chaque commit)",
    ]
    _say("\n".join(lines) + "\n")


def _print_error(error: StspdError) -> None:
    _say(f"stspd : {error.message}\n")
    if error.hint:
        _say(f"  conseil : {error.hint}\n")


def _usage_hint(args: list[str]) -> str:
    """The one-line hint after a usage error: the help of the command used, else the list."""
    commands = typer.main.get_command(app)
    assert isinstance(commands, typer.core.TyperGroup)
    name = next((a for a in args if not a.startswith("-")), None)
    if name in commands.commands:
        return f"stspd {name} --help décrit ses options, avec un exemple."
    return "stspd --help liste les commandes et leurs options."


def _report_bug(error: BaseException) -> None:
    _say(
        "stspd : erreur interne inattendue "
        f"({type(error).__name__}). Relancez la commande avec --debug pour voir la trace, "
        "puis signalez-la aux mainteneurs avec le fichier en cause si possible.\n"
    )


def main(argv: list[str] | None = None) -> None:
    """Entry point: the one place where errors become messages and exit codes."""
    from typer.exceptions import TyperException  # noqa: PLC0415

    from stspd_cli.clifr import translate_error  # noqa: PLC0415

    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        code = app(args=args, prog_name="stspd", standalone_mode=False)
    except StspdError as error:
        if error.hint is None and isinstance(error, UsageError):
            error.hint = _usage_hint(args)
        _print_error(error)
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        _say("stspd : interrompu.\n")
        sys.exit(EXIT_INTERRUPTED)
    except TyperException as error:
        message = translate_error(error.format_message())
        if not message:  # no command given: the help was shown, nothing more to say
            sys.exit(error.exit_code)
        _say(f"stspd : {message}\n")
        _say(f"  conseil : {_usage_hint(args)}\n")
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        _say("stspd : interrompu.\n")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:
        if debug:
            raise
        _report_bug(error)
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)
