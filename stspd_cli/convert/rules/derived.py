"""Annex tables stspd computes from the fiches (« Qui fait quoi », the funding summary by
source and year): checked row by row against what the walk read; when every row is what the
fiches make, the table is stspd's own and is not copied (it is printed again from the data);
a row that says anything else leaves the whole table as written."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from stspd_cli.convert.rules.draft import all_actions
from stspd_cli.convert.rules.tables import amount_of_row, lines_of_total, total_kind
from stspd_cli.convert.words import fold, folded, vocabulary

_CENT = 0.005


def _label_words() -> set[str]:
    """The words a designation adds to a title (« Action n°1.2 : »)."""
    words = {w for phrase in vocabulary()["niveaux"]["action"] for w in fold(str(phrase)).split()}
    return words | {"n", "no"}


def _words(text: str, labels: set[str]) -> Counter[str]:
    return Counter(w for w in fold(text).split() if w not in labels and not w.isdigit())


def _funding_lines(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [line for action in all_actions(data) for line in action.get("financement", [])]


def roles_match(rows: list[list[str]], data: dict[str, Any], find: Any) -> bool:
    """« Acteur | Pilote | Copilote | Partenaire »: each actor's cells hold the titles of the
    plans and actions the fiches give it in that role, and nothing else (``find``: an actor's
    identifier by its name)."""
    header = [fold(cell) for cell in rows[0]] if rows else []
    wanted = [fold(str(w)) for w in vocabulary()["annexes_lues"]["qui_fait_quoi"]]
    if not header or header[0] != wanted[0] or not set(header[1:]) <= set(wanted[1:]):
        return False
    labels = _label_words()
    expected: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for plan in data.get("plans", []):
        if plan.get("pilote"):
            expected[plan["pilote"], "pilote"] += _words(plan["titre"], labels)
    for action in all_actions(data):
        title = _words(action["titre"], labels)
        if action.get("pilote"):
            expected[action["pilote"], "pilote"] += title
        for role, key in (("copilote", "copilotes"), ("partenaire", "partenaires")):
            for ident in action.get(key, []):
                expected[ident, role] += title
    for row in rows[1:]:
        ident = find(row[0]) if row and row[0].strip() else None
        if ident is None:
            return False
        for role, cell in zip(header[1:], row[1:], strict=False):
            if _words(cell, labels) != expected.get((ident, role), Counter()):
                return False
    return len(rows) > 1


def summary_matches(rows: list[list[str]], data: dict[str, Any]) -> bool:
    """« Source | 2024 | 2025 | … | Total »: each source's amounts per year and in all, then
    the totals and their parts (« dont acquis »), as the fiches' funding lines make them."""
    header = [fold(cell) for cell in rows[0]] if rows else []
    first, last = (fold(str(w)) for w in vocabulary()["annexes_lues"]["recapitulatif"])
    if len(header) < 3 or header[0] != first or header[-1] != last:
        return False
    unknown_year = set(folded("annexes_lues", "annee_non_precisee"))
    years: list[int | None] = []
    for cell in header[1:-1]:
        if cell.isdigit():
            years.append(int(cell))
        elif cell in unknown_year:
            years.append(None)
        else:
            return False
    lines = _funding_lines(data)
    for row in rows[1:]:
        label = row[0].strip() if row else ""
        adds = total_kind(label)
        if adds is False:
            chosen = [line for line in lines if fold(line["source"]) == fold(label)]
            if not chosen:
                return False
        elif adds is None:
            return False  # « dont FIPD »: a part the model does not name
        else:
            chosen = lines_of_total(adds, lines)
        for year, cell in zip([*years, "tout"], row[1:], strict=False):
            made = sum(float(line.get("montant", 0)) for line in chosen
                       if year == "tout" or line.get("annee") == year)  # fmt: skip
            written = amount_of_row([cell]) if cell.strip() else 0.0
            if written is None or abs(made - written) > _CENT:
                return False
    return len(rows) > 1


def stspd_sentence(text: str) -> bool:
    """A sentence stspd writes above its own tables."""
    return fold(text) in folded("annexes_lues", "phrases_stspd")


def _acronyms(actors: list[dict[str, Any]]) -> dict[str, str]:
    """The acronyms stspd's glossary expands, for these actors (render/glossary.py)."""
    from stspd_cli.render.glossary import acronym_table  # noqa: PLC0415

    return acronym_table((actor.get("sigle"), actor["nom"]) for actor in actors)


def is_acronym(text: str, actors: list[dict[str, Any]]) -> bool:
    return text.strip() in _acronyms(actors)


def glossary_matches(text: str, actors: list[dict[str, Any]]) -> bool:
    """« ALPF : Association Les Passerelles fictives », or a whole paragraph of them run
    together (a PDF's two columns): each acronym expanded as stspd's glossary expands it
    (data/sigles.yaml, then the actors' own)."""
    known = _acronyms(actors)
    words = text.replace(" : ", " ").split()
    pairs: list[tuple[str, list[str]]] = []
    for word in words:
        if word in known:
            pairs.append((word, []))
        elif pairs:
            pairs[-1][1].append(word)
        else:
            return False
    return bool(pairs) and all(fold(" ".join(rest)) == fold(known[s]) for s, rest in pairs)
