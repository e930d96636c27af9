"""Rules about the document's own words: the labels of its levels, where its chapters go."""

from __future__ import annotations

from stspd_cli.checks import CheckContext, check
from stspd_cli.labels import noun
from stspd_cli.vocabulary import label

# The parts a chapter may follow, and whether the document has them.
_PARTS = ("presentation", "cadre", "principes", "objectifs", "plans", "gouvernance")


@check("L001")
def labels_known(ctx: CheckContext) -> None:
    """A level's label given as a bare word is one whose gender stspd knows."""
    given = ctx.doc.strategie.libelles
    if given is None:
        return
    for key, value in given:
        if isinstance(value, str) and not noun(value).known:
            ctx.report(
                "L001",
                ("strategie", "libelles", key),
                libelle=value,
                pluriel=noun(value).plural,
            )


def _present(ctx: CheckContext) -> set[str]:
    doc = ctx.doc
    gov = doc.gouvernance
    present = {
        "presentation": bool(doc.strategie.presentation or doc.notes),
        "cadre": doc.cadre is not None,
        "principes": doc.principes is not None,
        "objectifs": bool(doc.objectifs) or bool(doc.sections and doc.sections.objectifs),
        "plans": bool(doc.plans or doc.actions) or bool(doc.sections and doc.sections.plans),
        "gouvernance": gov is not None,
    }
    return {part for part in _PARTS if present[part]}


@check("R008")
def chapters_follow_a_part(ctx: CheckContext) -> None:
    """A chapter follows a part the document has."""
    present = _present(ctx)
    for i, chapter in enumerate(ctx.doc.chapitres):
        if chapter.apres and chapter.apres not in present:
            ctx.report(
                "R008",
                ("chapitres", i, "apres"),
                titre=chapter.titre,
                partie=f"« {label('partie', chapter.apres)} »",
            )
