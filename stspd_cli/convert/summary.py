"""The summary printed at the end of ``stspd convertir``, in French text or JSON
(``"format": "stspd-convertir/1"``, schema/stspd-convertir-1.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from stspd_cli.convert.pipeline import Conversion
from stspd_cli.fr import percent_fr, plural

FORMAT = "stspd-convertir/1"
SHOWN = 8  # sentences not placed, furniture left out: the first ones shown in the text summary

_FIELD_NAMES = {
    "pilote": "pilote", "copilotes": "copilotes", "partenaires": "partenaires",
    "public_cible": "public cible", "territoire": "territoire", "quartiers": "quartiers",
    "calendrier": "calendrier", "debut": "début", "fin": "fin", "echeance": "échéance",
    "indicateurs": "indicateurs", "financement": "financement", "budget": "budget",
    "statut": "statut", "avancement": "avancement", "constat": "constat",
    "description": "description", "moyens": "moyens", "origine": "origine",
    "commentaire": "point d'étape", "objectifs": "objectifs",
}  # fmt: skip


# What the governance holds, as the summary names it: key -> (one, several).
_GOVERNANCE = {
    "instances": ("instance", "instances"),
    "membres": ("membre du conseil", "membres du conseil"),
    "seances": ("séance", "séances"),
    "avenants": ("avenant", "avenants"),
    "groupes_travail": ("groupe de travail", "groupes de travail"),
}


def counts(data: dict[str, Any]) -> dict[str, int]:
    plans = data.get("plans", [])
    actions = [a for p in plans for a in p.get("actions", [])] + data.get("actions", [])
    objectives = data.get("objectifs", [])
    return {
        "objectifs": len(objectives),
        "sous_objectifs": sum(len(o.get("sous_objectifs", [])) for o in objectives),
        "plans": len(plans),
        "actions": len(actions),
        "actions_numerotees": sum("numero" in a for a in actions),
        "actions_transversales": len(data.get("actions", [])),
        "acteurs": len(data.get("acteurs", [])),
        "principes": len(data.get("principes", {}).get("liste", [])),
        "references": len(data.get("cadre", {}).get("references", [])),
        **{key: len(data.get("gouvernance", {}).get(key, [])) for key in _GOVERNANCE},
        "chapitres": len(data.get("chapitres", [])),
        "notes": len(data.get("notes", [])),
    }


def as_json(done: Conversion) -> str:
    value = {
        "format": FORMAT,
        "source": done.source,
        "type_source": done.kind,
        "sortie": done.target,
        "reconnu": counts(done.data),
        "champs": dict(sorted(done.fields.items())),
        "phrases": {
            "total": done.coverage.sentences,
            "placees": done.coverage.placed,
            "part": round(done.coverage.share, 4),
            "non_placees": done.coverage.missing,
        },
        "a_verifier": done.checks,
        "laisse_de_cote": done.left_out,
        "remarques": done.notes,
        "constats": [
            {"code": f.code, "gravite": f.severity.value, "ligne": f.line, "message": f.message}
            for f in done.findings
        ],
        "valide": not done.errors,
    }
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def as_text(done: Conversion) -> str:
    found = counts(done.data)
    lines = [f"stspd : {done.source} converti" + (f" en {done.target}" if done.target else "")]
    recognised = [
        plural(found["objectifs"], "objectif"),
        plural(found["sous_objectifs"], "sous-objectif"),
        plural(found["plans"], "plan"),
        plural(found["actions"], "action")
        + (f" (dont {found['actions_numerotees']} numérotées)" if found["actions"] else ""),
        plural(found["acteurs"], "acteur"),
    ]
    if found["principes"]:
        recognised.append(plural(found["principes"], "principe"))
    if found["references"]:
        recognised.append(plural(found["references"], "texte de référence", "textes de référence"))
    recognised += [plural(found[key], *words) for key, words in _GOVERNANCE.items() if found[key]]
    lines.append("Reconnu : " + ", ".join(recognised) + ".")
    if done.fields:
        shown = ", ".join(f"{_FIELD_NAMES.get(k, k)} ({v})" for k, v in sorted(done.fields.items()))
        lines.append(f"Champs des fiches lus : {shown}.")
    if found["chapitres"] or found["notes"]:
        lines.append(
            "Gardé tel quel : "
            + ", ".join([plural(found["chapitres"], "chapitre"), plural(found["notes"], "note")])
            + " (ce que le modèle ne range pas ailleurs)."
        )
    share = percent_fr(100 * done.coverage.share)
    lines.append(
        f"Phrases de la source placées dans le YAML : {done.coverage.placed} sur "
        f"{done.coverage.sentences} ({share})."
    )
    lines += [f"  non retrouvée : « {s} »" for s in done.coverage.missing[:SHOWN]]
    if done.left_out:
        lines.append(
            f"Laissé de côté (mobilier de page, {plural(len(done.left_out), 'élément')}) : "
            + " ; ".join(f"« {t} »" for t in done.left_out[:SHOWN])
            + (" ; …" if len(done.left_out) > SHOWN else "")
        )
    lines += [f"Remarque : {note}." for note in done.notes]
    lines.append(
        f"À vérifier à la main : {plural(done.checks, 'commentaire')} « # à vérifier » dans le "
        "fichier, à relire puis retirer."
    )
    if done.errors:
        lines.append(f"Le fichier ne se valide pas encore ({plural(len(done.errors), 'erreur')}) :")
        lines += [f"  {f.location}: {f.code} {f.message}" for f in done.errors]
    else:
        warnings = len(done.findings)
        tail = (
            f" ({plural(warnings, 'avertissement')} : stspd validate les liste)" if warnings else ""
        )
        lines.append(f"Le fichier est valide{tail}.")
    return "\n".join(lines) + "\n"


FORMATS = {"text": as_text, "json": as_json}
