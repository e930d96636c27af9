"""The rules as documentation (``stspd regles``; docs/regles.md is generated from it)."""

from __future__ import annotations

from collections.abc import Callable

from stspd_cli.rules import all_rules

_FAMILIES = {
    "S": "Lecture du fichier (syntaxe YAML, encodage)",
    "M": "Structure (modèle stspd/1)",
    "I": "Identifiants et numérotation",
    "R": "Références",
    "D": "Dates",
    "A": "Actions et plans",
    "N": "Indicateurs",
    "L": "Libellés des niveaux",
    "P": "Données personnelles et confidentialité",
    "T": "Textes à compléter",
}
_SEVERITY = {"error": "erreur", "warning": "avertissement"}


def rules_markdown() -> str:
    lines = [
        "# Règles de vérification",
        "",
        "<!-- Fichier généré par `stspd regles --format md` ; ne pas modifier à la main. -->",
        "",
        "Chaque problème signalé par `stspd validate` porte un code stable. Les erreurs font "
        "échouer la vérification (code de sortie 1) ; les avertissements aussi avec `--strict`. "
        "Les problèmes marqués « fichier illisible » donnent le code de sortie 2.",
        "",
    ]
    family = ""
    # One section a family, in the order above; within it, the order of data/regles.yaml.
    order = list(_FAMILIES)
    for rule in sorted(all_rules().values(), key=lambda r: order.index(r.code[0])):
        if rule.code[0] != family:
            family = rule.code[0]
            lines += [f"## {_FAMILIES[family]}", ""]
        gravity = _SEVERITY[str(rule.severity)]
        if rule.unreadable:
            gravity += ", fichier illisible"
        lines += [
            f"### {rule.code} — {rule.title}",
            "",
            f"`{rule.name}` · {gravity}",
            "",
            f"Message : « {rule.message} »",
            "",
            rule.explanation,
            "",
        ]
    return "\n".join(lines)


def rules_text() -> str:
    return "".join(
        f"{r.code}  {_SEVERITY[str(r.severity)]:<13} {r.name:<26} {r.title}\n"
        for r in all_rules().values()
    )


RULE_FORMATS: dict[str, Callable[[], str]] = {"text": rules_text, "md": rules_markdown}
