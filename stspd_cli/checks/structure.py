"""Schema stage: build the pydantic model and turn its errors into French findings."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from stspd_cli.checks.prune import prune_and_validate
from stspd_cli.checks.pruned import Pruned
from stspd_cli.findings import Finding, Path_
from stspd_cli.fr import number_fr, words_for
from stspd_cli.load import MAX_FINDINGS, Loaded, capped
from stspd_cli.model import Document
from stspd_cli.model.introspect import error_path, fields_by_key, model_at
from stspd_cli.rules import make_finding

# What French speakers call each expected type.
_EXPECTED = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "int_from_float": "un nombre entier",
    "int_parsing": "un nombre entier",
    "float_type": "un nombre",
    "float_parsing": "un nombre",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "list_type": "une liste (lignes commençant par « - »)",
    "model_type": "un bloc de clés (dictionnaire)",
    "model_attributes_type": "un bloc de clés (dictionnaire)",
    "dict_type": "un bloc de clés (dictionnaire)",
}
_LIMIT_ERRORS = {
    "greater_than_equal",
    "greater_than",
    "less_than_equal",
    "less_than",
    "finite_number",
    "string_too_short",
    "string_too_long",
    "too_short",
    "too_long",
}
# A number as typed has at most MAX_DIGITS (100) digits, its sign, point and exponent.
_RAW_WIDTH = 120
DATE_FORMS = 'attendu une année (2021), un mois ("2026-09") ou un jour (2026-09-30)'
_YAML11_BOOLEANS = {"oui", "non", "yes", "no", "on", "off", "y", "n", "vrai", "faux"}

# Names of the entities found in each list of the document, for "dans ..." context.
_ENTITIES = {
    "plans": "plan",
    "actions": "action",
    "objectifs": "objectif",
    "sous_objectifs": "sous-objectif",
    "acteurs": "acteur",
    "references": "référence",
    "signataires": "signataire",
    "indicateurs": "indicateur",
    "financement": "financement",
    "mesures": "mesure",
    "seances": "séance",
    "avenants": "avenant",
    "groupes_travail": "groupe de travail",
    "notes": "note",
    "contacts": "contact",
    "lieux": "lieu",
    "liste": "principe",
    "repartition": "compétence",
}


@dataclass(slots=True)
class Built:
    """The model stage's result: the findings, and the model of what can be read, pruned of
    what failed (``pruned``; :mod:`stspd_cli.checks.prune`), or None when nothing can be."""

    model: Document | None
    findings: list[Finding]
    pruned: Pruned = field(default_factory=Pruned)


def build_model(loaded: Loaded) -> Built:
    """Validate ``loaded.data`` against stspd/1: its findings, and a model of what is left
    once the failing parts are pruned, so that the semantic rules still run."""
    assert loaded.data is not None
    try:
        return Built(Document.model_validate(loaded.data), [])
    except ValidationError as error:
        errors = error.errors(include_url=False)
    model, pruned = prune_and_validate(loaded.data, errors)
    return Built(model, _findings(loaded, errors), pruned)


def _findings(loaded: Loaded, errors: list[Any]) -> list[Finding]:
    """The findings of the first MAX_FINDINGS errors in file order; the others are only counted
    (a message can cost: a key suggestion compares the key with every allowed one)."""
    unique = {(error_path(err), err["type"]): err for err in reversed(errors)}
    ordered = sorted(unique.values(), key=lambda err: _place(loaded, err))
    findings: list[Finding] = []
    seen: set[tuple[int, int, str, str]] = set()
    for n, err in enumerate(ordered):
        if len(findings) == MAX_FINDINGS:
            return capped(findings, loaded.file, omitted=len(ordered) - n)
        finding = _finding(loaded, err)
        key = (finding.line, finding.column, finding.code, finding.message)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    return findings


def _place(loaded: Loaded, err: Any) -> tuple[int, int]:
    """Where a model error is shown: the mapping that lacks a field, an unknown key, a value."""
    loc = error_path(err)
    if err["type"] == "missing":
        return loaded.at(loc[:-1])
    return loaded.at(loc, key=err["type"] == "extra_forbidden")


def _finding(loaded: Loaded, err: Any) -> Finding:
    loc = error_path(err)
    kind: str = err["type"]
    value = err.get("input")
    field = _field_name(loc)
    file = loaded.file
    line, col = _place(loaded, err)
    if kind == "missing":
        return make_finding(
            "M001", file, line, col, loc, champ=field, dans=_context(loaded.data, loc[:-1])
        )
    if kind == "extra_forbidden":
        return make_finding("M004", file, line, col, loc, cle=field, suggestion=_suggest_key(loc))
    if loc == ("schema",):
        return make_finding("M007", file, line, col, loc, valeur=value)
    if kind == "literal_error":
        return make_finding(
            "M003", file, line, col, loc, champ=field, valeur=value, conseil=_value_hint(loc, err)
        )
    if kind == "partial_date":  # stspd_cli.dates says why, in French, and what to write
        ctx = err.get("ctx", {})
        return make_finding(
            "M005",
            file,
            line,
            col,
            loc,
            champ=field,
            detail=ctx.get("detail", ""),
            conseil=ctx.get("conseil") or DATE_FORMS,
        )
    if kind == "bool_type" and isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
        return make_finding("M009", file, line, col, loc, champ=field, valeur=value)
    if kind in _LIMIT_ERRORS:
        return make_finding("M006", file, line, col, loc, champ=field, detail=_limit(kind, err))
    if kind == "string_pattern_mismatch":
        return make_finding(
            "M008", file, line, col, loc, champ=field, detail=_pattern(field, value)
        )
    expected = _EXPECTED.get(kind, "une autre valeur")
    raw = _raw(loaded, line, col)
    return make_finding(
        "M002",
        file,
        line,
        col,
        loc,
        champ=field,
        attendu=expected,
        trouve=_describe_value(value, raw),
        conseil=_type_hint(kind, value, raw) or _colon_hint(loc, kind, value),
    )


def _field_name(loc: Path_) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "document"


def _describe_value(value: Any, raw: str = "") -> str:
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return f"le booléen {str(value).lower()}"
    if isinstance(value, int | float):
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        return f"le nombre {raw or shown}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"le texte « {shown} »"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un bloc de clés"
    return type(value).__name__


def _raw(loaded: Loaded, line: int, col: int) -> str:
    """The scalar as the user typed it (``1.0`` rather than ``1``), for hints."""
    rest = loaded.excerpt(line, col, _RAW_WIDTH)
    return rest.split(" #", 1)[0].strip().rstrip(",]}").strip()


def _type_hint(kind: str, value: Any, raw: str) -> str:
    if kind == "string_type" and isinstance(value, int | float | bool):
        return f' ; si c\'est un texte, mettez-le entre guillemets : "{raw or value}"'
    if kind == "list_type" and isinstance(value, str):
        return f" ; écrivez une liste : [{value}]"
    if kind == "float_type" and isinstance(value, str):
        return " ; écrivez le nombre sans guillemets ni espaces, avec un point décimal (12.5)"
    if kind in {"int_type", "int_from_float"}:
        return " ; écrivez un nombre entier, sans guillemets ni décimales"
    return ""


def _value_hint(loc: Path_, err: Any) -> str:
    """« vouliez-vous dire « realisee » (affiché « réalisée ») ? » for a value of a closed
    vocabulary written another way; else the values it takes."""
    from stspd_cli.model.introspect import vocabulary_of  # noqa: PLC0415
    from stspd_cli.vocabulary import label, suggest_value  # noqa: PLC0415

    model = _model_at(loc[:-1])
    info = fields_by_key(model).get(str(loc[-1])) if model else None
    name = vocabulary_of(info) if info else None
    value = suggest_value(name, err.get("input")) if name else None
    if name and value:
        shown = label(name, value)
        display = f" (affiché « {shown} »)" if shown != value else ""
        return f" ; vouliez-vous dire « {value} »{display} ?"
    expected = err.get("ctx", {}).get("expected", "")
    choices = ", ".join(part.strip(" '") for part in expected.replace(" or ", ", ").split(","))
    return f" ; valeurs possibles : {choices}"


_BLOCK_TYPES = {"model_type", "model_attributes_type", "dict_type"}


def _colon_hint(loc: Path_, kind: str, value: Any) -> str:
    """A block read as a text that starts with one of its keys: the colon after it was left
    out (« titre Stratégie... » under ``strategie:``)."""
    if kind not in _BLOCK_TYPES or not isinstance(value, str):
        return ""
    key, _, rest = value.partition(" ")
    model = _model_at(loc)
    if model is None or key not in fields_by_key(model):
        return ""
    shown = rest if len(rest) <= 30 else rest[:27] + "..."
    return f" ; deux-points oublié après « {key} » ? écrivez « {key}: {shown} »"


def _limit(kind: str, err: Any) -> str:
    ctx = err.get("ctx", {})
    texts = {
        "greater_than_equal": "doit être supérieur ou égal à {ge}",
        "greater_than": "doit être strictement supérieur à {gt}",
        "less_than_equal": "doit être inférieur ou égal à {le}",
        "less_than": "doit être strictement inférieur à {lt}",
        "finite_number": "doit être un nombre fini",
        "string_too_short": "le texte ne peut pas être vide",
        "string_too_long": "texte trop long (au plus {max_length} caractères)",
        "too_short": "la liste doit contenir au moins {min_length} {elements}",
        "too_long": "la liste contient trop d'éléments",
    }
    text = texts[kind]
    shown = {k: number_fr(v) if isinstance(v, int | float) else v for k, v in ctx.items()}
    shown["elements"] = words_for(int(ctx.get("min_length", 2)), "élément")
    try:
        return text.format(**shown)
    except KeyError:
        return text


def _pattern(field: str, value: Any) -> str:
    if field in {"url"}:
        return (
            f"« {value} » n'est pas une adresse web : elle commence par https:// (ou http://) "
            "et ne contient ni espace, ni <, >, guillemets, accent grave ou barre oblique inverse"
        )
    if field == "axes" or "/" in str(value):
        return f"« {value} » : un axe s'écrit référentiel/axe, par exemple snpd-2020-2024/axe-1"
    from stspd_cli.slug import slug as make_slug  # noqa: PLC0415  (error path only)

    slug = make_slug(str(value))
    return f"identifiant « {value} » invalide : minuscules sans accents, chiffres et tirets" + (
        f" (par exemple « {slug} »)" if slug else ""
    )


def _context(data: Any, loc: Path_) -> str:
    """A French phrase naming the innermost entity around ``loc``: ' (action n°3 « ... »)'."""
    node = data
    best = ""
    for i, part in enumerate(loc):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and i > 0 and isinstance(loc[i - 1], str):
            name = _ENTITIES.get(str(loc[i - 1]))
            if name and isinstance(node, dict):
                label = node.get("id") or node.get("titre") or node.get("libelle")
                numero = node.get("numero")
                best = (
                    f" ({name}{f' n°{numero}' if numero else ''}{f' « {label} »' if label else ''})"
                )
    if not best and loc:
        best = f" (dans « {loc[-1]} »)" if isinstance(loc[-1], str) else ""
    return best


def _model_at(loc: Path_) -> type[BaseModel] | None:
    """The model whose fields are allowed at ``loc`` (a mapping's path of the document)."""
    return model_at(Document, loc)


def _suggest_key(loc: Path_) -> str:
    model = _model_at(loc[:-1])
    if model is None:
        return ""
    allowed = [f.alias or n for n, f in model.model_fields.items()]
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
    if close:
        return f" ; vouliez-vous dire « {close[0]} » ?"
    return " ; clés possibles : " + ", ".join(allowed)
