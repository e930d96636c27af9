"""``stspd fmt``, ``stspd new`` and ``stspd init``: the commands that write strategies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from stspd_cli.errors import UsageError
from stspd_cli.outcome import Outcome

if TYPE_CHECKING:
    from stspd_cli.edit.skeleton import Answers

# Asks a question in a terminal: (question, default) -> answer. None when nothing may be asked
# (standard input is not a terminal: a script, CI).
Ask = Callable[[str, str | None], str] | None


def fmt_command(paths: list[Path] | None, *, check: bool = False) -> Outcome:
    from stspd_cli.discovery import STDIN  # noqa: PLC0415

    if paths and STDIN in paths:
        return _fmt_stdin(paths, check=check)
    from stspd_cli.edit.fmt import fmt_paths  # noqa: PLC0415

    report = fmt_paths(paths, check=check)
    outcome = Outcome(exit_code=report.exit_code(check=check))
    if check:
        outcome.stdout = "".join(result.diff() for result in report.changed)
    outcome.messages.extend(report.summary(check=check))
    outcome.errors.extend(report.failures)
    return outcome


def _fmt_stdin(paths: list[Path], *, check: bool) -> Outcome:
    """``stspd fmt -``: the strategy read on standard input, formatted on standard output (with
    ``--check``: the diff, and exit code 1 if it is not formatted), as editors expect."""
    from stspd_cli.edit.fmt import Formatted, format_bytes  # noqa: PLC0415
    from stspd_cli.errors import EXIT_INVALID  # noqa: PLC0415
    from stspd_cli.inputs import STDIN_NAME, stdin_bytes  # noqa: PLC0415

    if len(paths) > 1:
        raise UsageError("« - » se met en forme seul : pas d'autre fichier avec l'entrée standard")
    data = stdin_bytes()
    result = Formatted(STDIN_NAME, data, format_bytes(data, STDIN_NAME))
    if not check:
        return Outcome(stdout=result.after)
    return Outcome(stdout=result.diff(), exit_code=EXIT_INVALID if result.changed else 0)


def answers(
    territoire: str | None,
    instance: str | None,
    communes: list[str] | None,
    referentiel: str | None,
    ask: Ask,
) -> Answers:
    """The skeleton's answers; missing ones are asked for in a terminal, never when piped."""
    from stspd_cli.edit.skeleton import Answers, parse_communes  # noqa: PLC0415

    example = "--territoire Lille --instance CLSPD"
    if territoire is None:
        if ask is None:
            raise UsageError("option --territoire manquante", hint=f"par exemple : {example}")
        territoire = ask("Nom du territoire (commune ou intercommunalité)", None)
    if instance is None:
        if ask is None:
            raise UsageError("option --instance manquante", hint=f"par exemple : {example}")
        instance = ask("Instance (CLSPD, CISPD ou CMSPD)", "CLSPD")
    names = parse_communes(communes or [])
    if not names and ask is not None and instance.strip().upper() != "CLSPD":
        names = parse_communes([ask("Communes, séparées par des virgules", "")])
    return Answers(territoire, instance, names, referentiel)


def new_command(path: Path, given: Answers, *, today: date | None = None) -> Outcome:
    from stspd_cli.edit.skeleton import (  # noqa: PLC0415
        frame_words,
        schema_ref_for,
        skeleton_text,
        write_new,
    )

    day = today or date.today()
    schema_ref, found = schema_ref_for(path)
    text = skeleton_text(given, shown_as=str(path), schema_ref=schema_ref, today=day)
    write_new(path, text)
    outcome = Outcome()
    outcome.say(f"{path} créé ; complétez-le puis vérifiez : stspd validate {path}")
    outcome.messages.append(f"  {frame_words(given, day)}")
    if not found:
        outcome.messages.append(
            f"  conseil : pour la complétion dans l'éditeur, écrivez le schéma à l'endroit que "
            f"vise le fichier ({schema_ref}) : stspd schema -o schema/stspd-1.schema.json"
        )
    return outcome


def init_command(folder: Path, given: Answers, *, today: date | None = None) -> Outcome:
    from stspd_cli.edit.init import init_repository  # noqa: PLC0415
    from stspd_cli.edit.skeleton import frame_words  # noqa: PLC0415

    day = today or date.today()
    result = init_repository(folder, given, day)
    lines = [f"stspd : dépôt de stratégies préparé dans {folder} :"]
    lines += [f"  {path.relative_to(folder)}" for path in result.written]
    if result.git:
        lines.append(f"  ({result.git})")
    lines.append(f"  {frame_words(given, day)}")
    strategy = result.strategy.relative_to(folder)
    # Name what to commit: never « git add . », which would take any document produced since.
    tracked = sorted({_top(path.relative_to(folder)) for path in result.written})
    import shlex  # noqa: PLC0415

    here = folder.resolve() == Path.cwd().resolve()
    lines += [
        "Ensuite :",
        *([] if here else [f"  cd {shlex.quote(str(folder))}"]),
        f"  stspd validate {strategy}",
        f'  git add {" ".join(tracked)} && git commit -m "Stratégie : premier squelette"',
        "  pre-commit install    (si pre-commit est installé : vérifie avant chaque commit)",
    ]
    return Outcome(raw_stderr="".join(f"{line}\n" for line in lines))


def _top(relative: Path) -> str:
    """``strategies/`` for ``strategies/clspd-lille.yaml``, ``README.md`` for itself."""
    first = relative.parts[0]
    return f"{first}/" if len(relative.parts) > 1 else first
