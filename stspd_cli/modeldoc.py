"""docs/modele.md, generated from the pydantic model so that it never drifts from the code."""

from __future__ import annotations

import json
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from stspd_cli.model import Document

_SCALARS = {
    "str": "texte",
    "int": "entier",
    "float": "nombre",
    "date": "date (AAAA-MM-JJ)",
    "PartialDate": 'date : année, mois ou jour (`2021`, `"2026-09"`, `2026-09-30`)',
    "bool": "true/false",
}


def _describe(annotation: Any, models: list[type[BaseModel]]) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        vocabulary = next((m for m in args[1:] if type(m).__name__ == "Vocabulary"), None)
        if vocabulary is not None:
            return f"vocabulaire `{vocabulary.name}`"
        return _describe(args[0], models)
    if origin is typing.Literal:
        return " ou ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        parts = [_describe(a, models) for a in args if a is not type(None)]
        return " ou ".join(parts)
    if origin is list:
        return f"liste de {_describe(args[0], models)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in models:
            models.append(annotation)
        title = annotation.model_config.get("title") or annotation.__name__
        return f"[{title}](#{_anchor(annotation)})"
    name = getattr(annotation, "__name__", str(annotation))
    return _SCALARS.get(name, name)


def _anchor(model: type[BaseModel]) -> str:
    return model.__name__.lower()


def _required(info: FieldInfo) -> str:
    return "oui" if info.is_required() else ""


def model_markdown() -> str:
    models: list[type[BaseModel]] = [Document]
    lines = [
        "# Le modèle stspd/1",
        "",
        "<!-- Fichier généré depuis stspd_cli/model/ (`make docs`) ; ne pas le modifier. -->",
        "",
        "Une stratégie est un fichier YAML en UTF-8 dont la première clé est `schema: stspd/1`. "
        "Les textes marqués Markdown acceptent paragraphes, listes et emphase. Un identifiant "
        "(`id`) s'écrit en minuscules sans accents, avec des chiffres et des tirets.",
        "",
        "Une **date** s'écrit à la précision de la source, jamais plus : une année (`2021`), un "
        'mois (`"2026-09"`) ou un jour (`2026-09-30`). Elle vaut pour tous ses jours : une '
        "échéance `\"2026-09\"` n'est dépassée qu'à partir du 1er octobre 2026, une période de "
        "`2021` à `2024` court du 1er janvier 2021 au 31 décembre 2024. Les documents l'écrivent à "
        "sa précision (« 2021 », « septembre 2026 », « 30 septembre 2026 »).",
        "",
        "Une **action** peut ne pas avoir de numéro (`numerotation: aucune`, ou une liste à "
        "puces dans la source) : elle est alors désignée par son titre, sans « n° ». Une action "
        "que la source ne rattache à aucun plan va dans la liste `actions` du premier niveau "
        "(« Actions transversales »). `strategie.libelles` donne les mots du document pour ses "
        "niveaux (« Enjeu », « Axe », « Fiche-action ») ; tous les documents et messages les "
        "emploient.",
        "",
        *_vocabularies(),
    ]
    index = 0
    while index < len(models):
        model = models[index]
        index += 1
        title = model.model_config.get("title") or model.__name__
        lines += [f'<a id="{_anchor(model)}"></a>', "", f"## {title}", ""]
        if model.__doc__:
            lines += [model.__doc__.strip(), ""]
        lines += ["| clé | type | obligatoire | description |", "| --- | --- | --- | --- |"]
        for name, info in model.model_fields.items():
            key = info.alias or name
            vocab = next((m for m in info.metadata if type(m).__name__ == "Vocabulary"), None)
            kind = (
                f"vocabulaire `{getattr(vocab, 'name', '')}`"
                if vocab is not None
                else _describe(info.annotation, models)
            )
            text = " ".join(filter(None, [info.title and f"**{info.title}**.", info.description]))
            if info.examples:
                shown = (
                    e if isinstance(e, str) else json.dumps(e, ensure_ascii=False)
                    for e in info.examples
                )
                text += " Exemple : " + ", ".join(f"`{e}`" for e in shown)
            text = text.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{key}` | {kind} | {_required(info)} | {text} |")
        lines.append("")
    return "\n".join(lines)


def _vocabularies() -> list[str]:
    from stspd_cli.resources import load_data  # noqa: PLC0415

    lines = ["## Vocabulaires", ""]
    for name, values in load_data("vocabulaires.yaml").items():
        shown = ", ".join(f"`{key}` ({text})" for key, text in values.items())
        lines += [f"- `{name}` : {shown}", ""]
    return lines
