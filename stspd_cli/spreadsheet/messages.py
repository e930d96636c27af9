"""What ``stspd import`` prints: the changes on standard output, told as ``stspd diff`` tells
them, then one summary sentence; remarks, warnings and refusals on the error output."""

from __future__ import annotations

from stspd_cli.fr import plural
from stspd_cli.spreadsheet.importer import ImportOutcome
from stspd_cli.terminal import Shown, visible


def report_text(outcome: ImportOutcome, *, color: bool) -> str:
    from stspd_cli.diff.formats import FORMATS, DiffOutput  # noqa: PLC0415

    if outcome.problems:
        return ""
    count = len(outcome.changes)
    if not count:
        return visible(
            f"Aucune modification : {outcome.table} ne change rien à {outcome.strategy}.\n"
        )
    text = ""
    if outcome.presentation is not None:
        shown = FORMATS["text"](DiffOutput(outcome.changes, outcome.presentation, color=color))
        assert isinstance(shown, str)  # the text format writes text (others may write bytes)
        text = shown
    changes = plural(count, "modification")
    if outcome.written:
        written = "écrite" if count == 1 else "écrites"
        summary = f"{changes} {written} dans {outcome.strategy}."
    else:
        summary = f"{changes} à appliquer ; relancez avec --apply pour les écrire."
    # The changes come from the diff's console (styled, safe); the names are shown here.
    return Shown(text + visible(f"\n{summary}\n"))


def diagnostics_text(outcome: ImportOutcome) -> str:
    lines = [f"remarque : {note}" for note in outcome.notes]
    lines += [f"avertissement : {warning}" for warning in outcome.warnings]
    hints: set[str] = set()
    for problem in outcome.problems:
        lines.append(str(problem))
        if problem.hint and problem.hint not in hints:
            hints.add(problem.hint)
            lines.append(f"  conseil : {problem.hint}")
    if outcome.problems:
        count = plural(len(outcome.problems), "problème")
        lines.append(
            f"stspd : import de {outcome.table} refusé ({count}) : rien n'a été écrit dans "
            f"{outcome.strategy}"
        )
    return "".join(f"{line}\n" for line in lines)
