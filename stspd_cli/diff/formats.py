"""Output formats of ``stspd diff`` (registry ``FORMATS``): text, json, md, html, pdf, docx, odt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from stspd_cli.diff.engine import Change
from stspd_cli.diff.present import Presentation, words
from stspd_cli.fr import plural
from stspd_cli.terminal import console as terminal_console
from stspd_cli.terminal import json_text, rendered


@dataclass(frozen=True, slots=True)
class DiffOutput:
    changes: list[Change]
    presentation: Presentation
    color: bool = False
    interne: bool = False


# The name and version of the JSON output (docs/sorties.md, schema/stspd-diff-1.schema.json).
JSON_FORMAT = "stspd-diff/1"

Formatter = Callable[[DiffOutput], str | bytes]
FORMATS: dict[str, Formatter] = {}


def formatter(name: str) -> Callable[[Formatter], Formatter]:
    def register(fn: Formatter) -> Formatter:
        FORMATS[name] = fn
        return fn

    return register


def summary_sentence(p: Presentation) -> str:
    if not p.total:
        return "Aucune modification."
    kinds = ", ".join(plural(n, singular, many) for singular, many, n in p.kinds)
    if len(p.kinds) == 1:  # « 3 modifications. », not « 3 modifications : 3 modifications. »
        return f"{kinds}."
    return f"{plural(p.total, 'changement')} : {kinds}."


_STYLES = {
    "added": "green",
    "removed": "red",
    "modified": "yellow",
    "moved": "cyan",
    "renumbered": "cyan",
}
_MARKS = {"added": "+", "removed": "−", "modified": "~", "moved": "→", "renumbered": "#"}


@formatter("text")
def as_text(out: DiffOutput) -> str:
    from rich.text import Text  # noqa: PLC0415

    p = out.presentation
    console, buffer = terminal_console(color=out.color, width=120, soft_wrap=True)
    console.print(Text(f"Modifications de {p.old_side} à {p.new_side}", style="bold"))
    if p.old_version or p.new_version:  # the files compared, when the versions have names
        console.print(f"Fichiers comparés : {p.old_name} → {p.new_name}")
    console.print(summary_sentence(p))
    for group in p.groups:
        count = plural(len(group.items), "modification")
        console.print()
        console.print(Text(f"{group.title} ({count})", style="bold underline"))
        for subject, items in groupby(group.items, key=lambda i: i.subject):
            console.print(Text(f"  {subject}", style="bold"))
            for item in items:
                kind = item.change.kind
                line = Text(f"    {_MARKS[kind]} ", style=_STYLES[kind])
                line.append(item.text)
                console.print(line)
                for detail in item.details:
                    console.print(Text(f"        {detail}"))
                if item.consequences:
                    console.print(Text("      qui renumérote :"))
                for consequence in item.consequences:
                    follow = Text(f"        {_MARKS['renumbered']} ", style=_STYLES["renumbered"])
                    follow.append(consequence.text)
                    console.print(follow)
                if item.segments:
                    words_line = Text("      ")
                    for op, chunk in item.segments:
                        style = {"=": "", "-": "red strike", "+": "green underline"}[op]
                        # Without colour, mark removed and added words as [-mot-] and {+mot+}.
                        shown = chunk
                        if not out.color and op == "-":
                            shown = f"[-{chunk}-]"
                        elif not out.color and op == "+":
                            shown = f"{{+{chunk}+}}"
                        words_line.append(shown, style=style)
                    console.print(words_line)
    return rendered(buffer)


@formatter("json")
def as_json(out: DiffOutput) -> str:
    p = out.presentation
    payload = {
        "format": JSON_FORMAT,
        "old": {"source": p.old_name, "version": p.old_version},
        "new": {"source": p.new_name, "version": p.new_version},
        "summary": {
            "total": p.total,
            "par_genre": p.counts,
            "par_plan": {g.id or "document": len(g.items) for g in p.groups},
        },
        "changes": [c.as_dict() for c in out.changes],
    }
    return json_text(payload)


def _note(out: DiffOutput, template: str) -> str:
    from stspd_cli.render.environment import build_environment  # noqa: PLC0415
    from stspd_cli.render.page import page_context  # noqa: PLC0415

    p = out.presentation
    env = build_environment()
    return env.get_template(template).render(
        note=p,
        ctx=page_context(p.instance, p.territoire, interne=out.interne),
        resume=summary_sentence(p),
        genres=words()["genres"],
    )


@formatter("html")
def as_html(out: DiffOutput) -> str:
    return _note(out, "note.html")


@formatter("md")
def as_markdown(out: DiffOutput) -> str:
    import re  # noqa: PLC0415

    text = _note(out, "note.md")
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+\n", "\n\n", text).strip() + "\n"


def _office(out: DiffOutput, kind: str) -> bytes:
    from stspd_cli.office import OfficeMeta, office_page  # noqa: PLC0415  (optional extra)

    p = out.presentation
    who = f"{p.instance} {p.territoire}"
    meta = OfficeMeta(
        title=f"Note de modification — {who}", author=who, subject=who, interne=out.interne
    )
    return office_page(_note(out, "note.html"), kind, meta)


@formatter("pdf")
def as_pdf(out: DiffOutput) -> bytes:
    from stspd_cli.render.pdf import html_to_pdf  # noqa: PLC0415  (WeasyPrint is optional)

    return html_to_pdf(_note(out, "note.html"), public=not out.interne)


@formatter("docx")
def as_docx(out: DiffOutput) -> bytes:
    return _office(out, "docx")


@formatter("odt")
def as_odt(out: DiffOutput) -> bytes:
    return _office(out, "odt")
