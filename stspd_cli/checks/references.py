"""Reference rules: every id a field points to is declared somewhere, and a public text does not
name a restricted item (the fields are listed in :mod:`stspd_cli.model.references`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from stspd_cli.checks import CheckContext, check
from stspd_cli.findings import Path_
from stspd_cli.fr import plural
from stspd_cli.frameworks import frameworks, resolve_axis
from stspd_cli.model.references import (
    ACTION,
    ACTOR,
    GROUP,
    OBJECTIVE,
    Ref,
    declared,
    references,
)
from stspd_cli.nouns import Noun

# Kinds whose rule names the field in its message itself.
_OWN_MESSAGE = {GROUP: "R006", ACTION: "R009"}


# Comparisons of an unknown id with known ones, per check. A suggestion compares the id with
# every known one: thousands of unknown references against thousands of ids would cost their
# product (minutes); past this budget, unknown ids are still reported, without a suggestion.
SUGGESTION_BUDGET = 100_000


class _Suggestions:
    """« vouliez-vous dire » for unknown ids of one kind, within SUGGESTION_BUDGET."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = list(known)
        self.budget = SUGGESTION_BUDGET

    def __call__(self, ref: str) -> str:
        self.budget -= len(self.known)
        if self.budget < 0:
            return ""
        close = difflib.get_close_matches(ref, self.known, n=1, cutoff=0.6)
        return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def _suggest(ref: str, known: Iterable[str]) -> str:
    return _Suggestions(known)(ref)


@check("R001", "R002", "R006", "R009", "R010")
def references_exist(ctx: CheckContext) -> None:
    """Pilotes, partenaires, members and signatories name declared actors; plans and actions
    serve declared objectives; the working group following an objective, a plan or an action is
    declared in the governance (a working group or an instance); a proposal names the actions it
    became by their ids."""
    known = declared(ctx.doc)
    suggest = {kind: _Suggestions(names) for kind, names in known.items()}
    unknown = [
        ref
        for ref in references(ctx.doc)
        # An item pruned for a structure error is reported there, not at each reference.
        if ref.ident not in known[ref.kind] and ref.ident not in ctx.pruned_ids(ref.kind)
    ]
    undeclared = {k for k, names in known.items() if not names and not ctx.pruned_ids(k)}
    for kind in sorted(undeclared):
        refs = [ref for ref in unknown if ref.kind == kind]
        if refs:
            _nothing_declared(ctx, kind, refs)
    for ref in unknown:
        if ref.kind in undeclared:
            continue
        suggestion = suggest[ref.kind](ref.ident)
        if ref.kind in _OWN_MESSAGE:  # R006 and R009 name their field in their message
            ctx.report(_OWN_MESSAGE[ref.kind], ref.path, ref=ref.ident, suggestion=suggestion)
        else:
            code = "R001" if ref.kind == ACTOR else "R002"
            ctx.report(code, ref.path, champ=ref.field, ref=ref.ident, suggestion=suggestion)


# Each kind of declared item: its noun, and the block that declares it.
_DECLARED_IN = {
    ACTOR: ("acteur", "bloc « acteurs »"),
    OBJECTIVE: ("objectif", "bloc « objectifs »"),
    GROUP: ("groupe de travail", "« gouvernance.groupes_travail » et « gouvernance.instances »"),
    ACTION: ("action", "« plans » et « actions »"),
}


def _nothing_declared(ctx: CheckContext, kind: str, refs: list[Ref]) -> None:
    """One finding for one cause: no item of that kind is declared at all (R010)."""
    word, block = _DECLARED_IN[kind]
    noun = Noun.of(word)
    first, others = refs[0], len(refs) - 1
    autres = (
        f" ; {plural(others, 'autre référence')} au même bloc, non signalées une à une"
        if others
        else ""
    )
    ctx.report(
        "R010",
        first.path,
        champ=first.field,
        element=noun.word(),
        ref=first.ident,
        e="e" if noun.feminine else "",
        bloc=block,
        autres=autres,
    )


@check("R007")
def public_references_to_restricted_items(ctx: CheckContext) -> None:
    """A public text names a restricted actor, objective or working group: public documents
    write « acteur non public » (or the like) in its place; the warning says so before they do."""
    from stspd_cli.confidentiality import hidden_label, kind_name  # noqa: PLC0415

    full = declared(ctx.doc)
    shown = declared(ctx.doc, public=True)
    for ref in references(ctx.doc):
        if ref.public and ref.ident in full[ref.kind] and ref.ident not in shown[ref.kind]:
            ctx.report(
                "R007",
                ref.path,
                champ=ref.field,
                element=kind_name(ref.kind),
                ref=ref.ident,
                libelle=hidden_label(ref.kind),
            )


@check("R003", "R005")
def frameworks_exist(ctx: CheckContext) -> None:
    """The national frame named by the strategy and by references is one stspd knows."""
    known = frameworks()
    refs: list[tuple[str, Path_]] = []
    if ctx.doc.strategie.referentiel:
        refs.append((ctx.doc.strategie.referentiel, ("strategie", "referentiel")))
    if ctx.doc.cadre:
        refs += [
            (r.referentiel, ("cadre", "references", i, "referentiel"))
            for i, r in enumerate(ctx.doc.cadre.references)
            if r.referentiel
        ]
    for ref, path in refs:
        frame = known.get(ref)
        if frame is None:
            ctx.report("R003", path, champ="referentiel", ref=ref, possibles=", ".join(known))
        elif frame.provisional and path == ("strategie", "referentiel"):
            ctx.report("R005", path, ref=ref, detail=frame.note)


def _axis_refs(ctx: CheckContext) -> Iterator[tuple[str, Path_]]:
    for i, obj in enumerate(ctx.doc.objectifs):
        for j, ref in enumerate(obj.axes):
            yield ref, ("objectifs", i, "axes", j)
    for action_ref in ctx.doc.iter_actions():
        for j, ref in enumerate(action_ref.action.axes):
            yield ref, (*action_ref.path, "axes", j)


@check("R004")
def axes_exist(ctx: CheckContext) -> None:
    """National axes are written `frame/axis` and exist in that frame."""
    for ref, path in _axis_refs(ctx):
        frame, axis = resolve_axis(ref)
        if axis is not None:
            continue
        if frame is None:
            every = [f"{f.id}/{x.id}" for f in frameworks().values() for x in f.axes]
            suggestion = _suggest(ref, every)
        else:
            suggestion = " ; axes de ce référentiel : " + ", ".join(
                f"{frame.id}/{x.id}" for x in frame.axes
            )
        ctx.report("R004", path, champ="axes", ref=ref, suggestion=suggestion)
