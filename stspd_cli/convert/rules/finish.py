"""What is settled once every block is placed: the territory and council the text names, the
numbering kind, the document's words for its levels, the plans' objectives, the actors."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from stspd_cli.convert.rules import parts
from stspd_cli.convert.rules.draft import Draft, trim
from stspd_cli.convert.rules.links import resolve_links
from stspd_cli.convert.rules.walker import Walker
from stspd_cli.convert.words import fold, folded
from stspd_cli.labels import DEFAULTS
from stspd_cli.placeholder import placeholder

_OVERLAP = 0.3  # share of significant words a plan's title shares with an objective's


def finish(walker: Walker, text: str, fallback_title: str) -> Draft:
    draft = walker.draft
    data = draft.data
    strategie = data.setdefault("strategie", {})
    if "titre" not in strategie:
        strategie["titre"] = fallback_title
        draft.check(strategie, "titre", "le document n'a pas de titre lisible : nom du fichier")
    _territory(draft, text)
    _cover_names(draft)
    _numbering(draft, walker)
    _labels(draft, walker)
    _principles(draft)
    resolve_links(draft)  # before the guess: « Mis en œuvre par » says what it guessed
    _plan_objectives(draft)
    _empty_part_chapters(draft)
    _same_actors(draft, walker)
    _one_signature_each(data.get("gouvernance", {}))
    if walker.actors.entries:
        data["acteurs"] = walker.actors.entries
        for actor in walker.actors.entries:
            if "type" in actor and actor["id"] not in walker.typed:
                draft.check(actor, "type", "type deviné d'après le nom")
    ordered = {"schema": "stspd/1"}
    ordered.update(data)
    draft.data = ordered
    return draft


def _same_actors(draft: Draft, walker: Walker) -> None:
    """One actor for two names of it (every reference goes to the second): « le bailleur
    Habitat Fictif » (a signatory) and « Habitat Fictif » (a bailleur partner), the first the
    second's name after a word of its own type (``acteurs`` in data/convertir.yaml), its words
    in any order (« le transporteur Transpole-Keolis », « Keolis-Transpole »); « la Ville de
    Lille et ses communes associées » and « Ville de Lille »."""
    entries = walker.actors.entries
    merged: dict[str, str] = {}
    for actor in entries:
        other = _named_within(actor, entries)
        if other is not None:
            merged[actor["id"]] = other["id"]
    if not merged:
        return
    walker.actors.entries[:] = [a for a in entries if a["id"] not in merged]
    _replace_refs(draft.data, merged)


def _one_signature_each(gouvernance: dict[str, Any]) -> None:
    """An actor signs once: a signatory the document names twice (on its cover, then in a
    sentence of its presentation; « LMH », then « les bailleurs LMH ») is its first entry,
    which takes what only the second says (who signs, when)."""
    signatures = gouvernance.get("signataires")
    if not signatures:
        return
    first: dict[str, dict[str, Any]] = {}
    kept: list[dict[str, Any]] = []
    for signature in signatures:
        actor = signature.get("acteur")
        if actor not in first:
            first[actor] = signature
            kept.append(signature)
            continue
        for key, value in signature.items():
            if key != "libelle":
                first[actor].setdefault(key, value)
    signatures[:] = kept


def _named_within(actor: dict[str, Any], entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The other actor ``actor``'s name names, if any (:func:`_same_actors`)."""
    from stspd_cli.convert.words import folded_table  # noqa: PLC0415

    name = fold(actor["nom"])
    for other in entries:
        if other is actor:
            continue
        known = fold(other["nom"])
        if re.match(rf"{re.escape(known)} et (?:ses|son|sa) \w", name):
            return other  # « Ville de Lille et ses communes associées »
        for phrase, kind in folded_table("acteurs"):
            rest = name.removeprefix(phrase + " ")
            same_words = sorted(rest.split()) == sorted(known.split())
            if rest != name and same_words and other.get("type") == kind:
                return other
    return None


_REF_KEYS = {"pilote", "copilotes", "partenaires", "membres", "acteur", "acteurs", "president"}


def _replace_refs(node: Any, merged: dict[str, str], key: str | None = None) -> None:
    if isinstance(node, dict):
        for child_key, child in node.items():
            if child_key in _REF_KEYS and isinstance(child, str):
                node[child_key] = merged.get(child, child)
            elif child_key in _REF_KEYS and isinstance(child, list):
                kept: list[Any] = []
                for ref in child:
                    new = merged.get(ref, ref) if isinstance(ref, str) else ref
                    if new not in kept:
                        kept.append(new)
                node[child_key] = kept
            else:
                _replace_refs(child, merged, child_key)
    elif isinstance(node, list):
        for child in node:
            _replace_refs(child, merged, key)


def _principles(draft: Draft) -> None:
    """Principles kept as written when each is a sentence (« … des quartiers. »); the
    punctuation of an enumeration (« …territoire, », « …délinquance. » at its end) is the
    list's, not theirs."""
    liste = draft.data.get("principes", {}).get("liste", [])
    if liste and not all(p["texte"].endswith(".") for p in liste):
        for principle in liste:
            principle["texte"] = trim(principle["texte"])


def _empty_part_chapters(draft: Draft) -> None:
    """The chapter a governance or annexes part made, once all it said is read into the
    model: gone (its heading is the section's own, which the feuille de route prints); so is
    a title alone that is the territory's name (a cover sets it above the document's title)."""
    chapters = draft.data.get("chapitres", [])
    territory = fold(str(draft.data.get("territoire", {}).get("nom", "")))
    for chapter in list(chapters):
        part = parts.part_of(chapter["titre"])
        cover = fold(chapter["titre"]) == territory  # the cover's name, set above the title
        if chapter.get("texte") or (part not in {"gouvernance", "annexes"} and not cover):
            continue
        chapters.remove(chapter)
        draft.structure.add(chapter["titre"])
        draft.chapters_made -= 1
    if not chapters:
        draft.data.pop("chapitres", None)


def _territory(draft: Draft, text: str) -> None:
    territoire: dict[str, Any] = draft.data.pop("territoire_lu", {})
    instance = parts.council(text)
    name = parts.territory(text)
    if name:
        territoire["nom"] = name
        draft.check(territoire, "nom", "nom du territoire lu dans le texte")
    else:
        territoire["nom"] = placeholder()
        draft.check(territoire, "nom", "le document ne nomme pas le territoire : à écrire")
    if instance:
        territoire["instance"] = instance
    else:
        territoire["instance"] = "CLSPD"
        draft.check(
            territoire, "instance", "le document ne nomme pas le conseil : CLSPD par défaut"
        )
    if name and "communes" not in territoire:  # the cover's own list, when it gives one
        communes = [c for c in re.split(r",\s*|\s+et\s+", name) if c.strip()]
        if instance in {"CLSPD", "CLSPDR"} or len(communes) > 1:
            territoire["communes"] = communes
    draft.data["territoire"] = territoire


# What a cover line that only names the council and its territory may hold besides them.
_COUNCILS = ("conseil local de securite et de prevention de la delinquance",
             "conseil intercommunal de securite et de prevention de la delinquance",
             "conseil metropolitain de securite et de prevention de la delinquance")  # fmt: skip
_NAME_WORDS = {"clspd", "cispd", "cmspd", "clspdr", "cispdr", "de", "du", "d", "des", "la", "le"}


def _names_only(paragraph: str, territory: str | None) -> bool:
    """« Conseil local de sécurité et de prévention de la délinquance (CLSPD) », « Val-Fictif »,
    « Val-Fictif – Conseil local… »: a line that names the council or the territory, nothing
    else."""
    words = f" {fold(paragraph)} "
    for name in (*_COUNCILS, *([fold(territory)] if territory else [])):
        words = words.replace(f" {name} ", " ")
    return words.strip() != fold(paragraph) and set(words.split()) <= _NAME_WORDS


def _cover_names(draft: Draft) -> None:
    """The cover's lines that open the presentation and only name the council and the
    territory (read as ``territoire``) are placed there, not kept as the presentation's
    text: rendered again, they would be printed twice."""
    strategie = draft.data.get("strategie", {})
    name = draft.data["territoire"]["nom"]
    territory = None if name == placeholder() else name
    below_title = strategie.get("sous_titre")
    if isinstance(below_title, str) and _names_only(below_title, territory):
        draft.structure.add(below_title)  # the territory's name below the title, no subtitle
        del strategie["sous_titre"]
    text = strategie.get("presentation")
    if not isinstance(text, str):
        return
    paragraphs = text.split("\n\n")
    opening = 0
    while opening < len(paragraphs) and _names_only(paragraphs[opening], territory):
        opening += 1
    if opening == 0:
        return
    draft.structure.update(paragraphs[:opening])
    rest = "\n\n".join(paragraphs[opening:])
    if rest:
        strategie["presentation"] = rest
    else:
        del strategie["presentation"]


def _actions(data: dict[str, Any]) -> list[tuple[int | None, dict[str, Any]]]:
    found: list[tuple[int | None, dict[str, Any]]] = []
    for index, plan in enumerate(data.get("plans", [])):
        found += [(index, action) for action in plan.get("actions", [])]
    found += [(None, action) for action in data.get("actions", [])]
    return found


def _numbering(draft: Draft, walker: Walker) -> None:
    actions = _actions(draft.data)
    if not actions:
        return
    strategie = draft.data["strategie"]
    numbered = [(plan, a["numero"]) for plan, a in actions if "numero" in a]
    if not numbered:
        strategie["numerotation"] = "aucune"
        return
    in_plans = [a for plan, a in actions if plan is not None]
    if sum("numero" in a for a in in_plans) < len(in_plans):
        draft.check(strategie, None, "certaines actions ont un numéro, d'autres non")
        return
    two_level = any(len(numbers) > 1 for numbers in walker.plan_numbers)
    numbers = [n for _, n in numbered]
    if not two_level and len(set(numbers)) == len(numbers):
        strategie["numerotation"] = "globale"
    else:
        strategie["numerotation"] = "par_plan"


def _labels(draft: Draft, walker: Walker) -> None:
    """The words the document names its levels with, where they are not stspd's own. The word
    of the actions is written even when it is « Action »: a strategy that gives it says it in
    running text too (« reprises dans une action »), one that does not says « fiche-action »
    (:func:`stspd_cli.labels.labels_of`)."""
    strategie = draft.data["strategie"]
    libelles: dict[str, str] = {}
    for level, counts in walker.words.items():
        word = _main_word(counts)
        if word and (level == "action" or fold(word) != fold(DEFAULTS[level])):
            if level == "plan" and all("type" in p for p in draft.data.get("plans", [])):
                continue
            libelles[level] = word
    if libelles:
        strategie["libelles"] = libelles


def _main_word(counts: Counter[str]) -> str | None:
    if not counts:
        return None
    word = counts.most_common(1)[0][0].strip()
    word = re.sub(r"s(?=$|[\s\-])", "", word) if word.lower().endswith("s") else word
    word = " ".join(word.split())
    if word.isupper():  # « PRIORITÉ 1 » set in capitals: the word is « Priorité »
        word = word.lower()
    return word[:1].upper() + word[1:]


def _significant(text: str) -> set[str]:
    stop = set(folded("mots_vides"))
    return {w for w in fold(text).split() if w not in stop and len(w) > 3}


def _plan_objectives(draft: Draft) -> None:
    """A plan the document does not tie to an objective, tied to the one whose title shares
    most of its words (to check)."""
    objectives = draft.data.get("objectifs", [])
    for plan in draft.data.get("plans", []):
        if "objectifs" in plan or not objectives:
            continue
        words = _significant(plan["titre"])
        scored = [
            (len(words & _significant(o["titre"])) / max(1, len(words)), o["id"])
            for o in objectives
        ]
        score, best = max(scored)
        if score >= _OVERLAP:
            plan["objectifs"] = [best]
            draft.check(plan, "objectifs", "objectif choisi d'après les mots des titres")
