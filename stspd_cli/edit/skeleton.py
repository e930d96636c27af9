"""``stspd new``: a commented, valid skeleton of a strategy, from a few answers.

The skeleton is a data file (``data/squelette.yaml``) whose French comments explain each section;
the answers are written into it as YAML values, then the result goes through ``fmt``'s own layout
so that a new file is already in canonical form.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from stspd_cli.edit.scalars import inline
from stspd_cli.errors import OutputError, UsageError

if TYPE_CHECKING:
    from stspd_cli.frameworks import Framework

SCHEMA_FILE = "schema/stspd-1.schema.json"
DEFAULT_SCHEMA_REF = "../" + SCHEMA_FILE  # strategies/x.yaml in a repository made by stspd init


def slugify(text: str, *, limit: int = 60) -> str:
    """An identifier from a name (:func:`stspd_cli.slug.slug`), « territoire » if it has none."""
    from stspd_cli.slug import slug  # noqa: PLC0415

    return slug(text, limit=limit) or "territoire"


def parse_instance(value: str) -> str:
    from stspd_cli.vocabulary import vocabulary  # noqa: PLC0415

    known = list(vocabulary("instance"))
    for name in known:
        if value.strip().upper() == name:
            return name
    msg = f"instance « {value} » inconnue ; valeurs possibles : {', '.join(known)}"
    raise UsageError(
        msg, hint="CLSPD pour une commune, CISPD pour plusieurs, CMSPD pour une métropole."
    )


def parse_communes(values: list[str]) -> list[str]:
    """``--communes Loos --communes "Haubourdin, Emmerin"`` -> three communes."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def check_referentiel(value: str | None) -> str | None:
    from stspd_cli.frameworks import frameworks  # noqa: PLC0415

    if value is not None and value not in frameworks():
        msg = f"référentiel « {value} » inconnu ; référentiels connus : {', '.join(frameworks())}"
        raise UsageError(msg, hint="stspd referentiels les liste avec leurs axes.")
    return value


@dataclass(slots=True)
class Answers:
    """What a skeleton needs to know about the territory."""

    nom: str
    instance: str
    communes: list[str] = field(default_factory=list)
    # None: the national frame in force at the start of the period (:func:`chosen_frame`).
    referentiel: str | None = None

    def __post_init__(self) -> None:
        self.nom = self.nom.strip()
        if not self.nom:
            raise UsageError("le nom du territoire est vide", hint="par exemple --territoire Lille")
        self.instance = parse_instance(self.instance)
        if self.instance == "CLSPD" and not self.communes:
            self.communes = [self.nom]  # a CLSPD is the council of one commune
        self.referentiel = check_referentiel(self.referentiel)

    def file_name(self) -> str:
        """``clspd-lille.yaml``, as the strategies of this project are named."""
        return f"{self.instance.lower()}-{slugify(self.nom)}.yaml"


def _town(name: str) -> str:
    """``Ville de Lille``, ``Ville d'Emmerin``."""
    return f"Ville d'{name}" if slugify(name)[0] in "aeiouy" else f"Ville de {name}"


def _actors(answers: Answers) -> tuple[list[tuple[str, str, str]], str]:
    """(id, nom, type) of the actors the skeleton declares, and the one who chairs."""
    actors = [(f"ville-{slugify(c)}", _town(c), "commune") for c in answers.communes]
    if answers.instance == "CLSPD":
        return actors, actors[0][0]
    council = (f"{answers.instance.lower()}-{slugify(answers.nom)}", answers.nom, "epci")
    return [council, *actors], council[0]


def default_period(today: date) -> tuple[date, date]:
    """The period of a new strategy: from the 1st of next month (never before the day it is
    made: adopted in the coming weeks), to the 31 December that closes three full calendar
    years (1 April 2026 -> 31 December 2028; 1 January 2027 -> 31 December 2029)."""
    start = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    return start, date(start.year + (2 if start.month == 1 else 3), 12, 31)


def chosen_frame(answers: Answers, today: date) -> Framework:
    """The frame given with --referentiel, else the one in force at the period's start (the
    most recent one if the start is after every known frame)."""
    from stspd_cli.frameworks import frameworks  # noqa: PLC0415

    known = frameworks()
    if answers.referentiel is not None:
        return known[answers.referentiel]
    start = default_period(today)[0].isoformat()
    in_force = [f for f in known.values() if f.debut <= start <= f.fin]
    return max(in_force or known.values(), key=lambda f: f.debut)


def frame_words(answers: Answers, today: date) -> str:
    """What the skeleton chose, for the message of ``stspd new`` and ``stspd init``."""
    from stspd_cli.fr import date_span  # noqa: PLC0415

    frame = chosen_frame(answers, today)
    start, end = default_period(today)
    how = "choisi" if answers.referentiel else "en vigueur au début de la période"
    state = f" ; provisoire : {frame.note}" if frame.provisional else ""
    return f"période {date_span(start, end)} ; référentiel {frame.id} ({how}{state})"


def skeleton_text(answers: Answers, *, shown_as: str, schema_ref: str, today: date) -> str:
    """The skeleton's text; ``shown_as`` is the file name its comments use in commands."""
    from stspd_cli.edit.fmt import format_text  # noqa: PLC0415
    from stspd_cli.resources import data_dir  # noqa: PLC0415

    frame = chosen_frame(answers, today)
    actors, chair = _actors(answers)
    communes = "".join(f"    - {inline(c)}\n" for c in answers.communes)
    start, end = default_period(today)
    values = {
        "schema": schema_ref,
        "nom_commentaire": answers.nom,
        "aujourdhui": today.isoformat(),
        "fichier": shown_as,
        "nom": inline(answers.nom),
        "instance": answers.instance,
        "communes": f"  communes:\n{communes}" if communes else "",
        "sous_titre": inline(f"{answers.instance} {answers.nom}, {start.year}-{end.year}"),
        "debut": start.isoformat(),
        "fin": end.isoformat(),
        "referentiel": frame.id,
        "referentiel_etat": _frame_comment(frame),
        "referentiel_titre": inline(frame.titre),
        "axe": f"{frame.id}/{frame.axes[0].id}",
        "pilote": chair,
        "acteurs": "".join(
            f"  - id: {ident}\n    nom: {inline(name)}\n    type: {kind}\n"
            for ident, name, kind in actors
        ),
        "membres": "".join(f"    - {ident}\n" for ident, _, _ in actors),
    }
    template = (data_dir() / "squelette.yaml").read_text(encoding="utf-8")
    return format_text(Template(template).substitute(values), shown_as)


def _frame_comment(frame: Framework) -> str:
    """The comment above ``referentiel``: a provisional frame says so, and why."""
    import textwrap  # noqa: PLC0415

    if not frame.provisional:
        return ""
    text = (
        f"{frame.id} est provisoire : {frame.note}. Vérifiez ses axes à sa parution "
        "(stspd validate le rappelle : avertissement R005)."
    )
    return "".join(f"  # {line}\n" for line in textwrap.wrap(text, 94))


def schema_ref_for(path: Path) -> tuple[str, bool]:
    """The schema line's target for a new file: the nearest ``schema/stspd-1.schema.json`` in a
    folder above it, relative to the file; else the place ``stspd init`` puts it (False)."""
    folder = path.resolve().parent
    for candidate in (folder, *folder.parents):
        target = candidate / SCHEMA_FILE
        if target.is_file():
            return Path(os.path.relpath(target, folder)).as_posix(), True
        if (candidate / ".git").exists():
            break
    return DEFAULT_SCHEMA_REF, False


def write_new(path: Path, text: str) -> None:
    """Create ``path``; never overwrite an existing file."""
    from stspd_cli.output import write_atomic  # noqa: PLC0415

    if path.suffix.lower() not in (".yaml", ".yml"):
        msg = f"« {path} » : une stratégie est un fichier .yaml"
        raise UsageError(msg, hint=f"par exemple : stspd new {path.with_suffix('.yaml')}")
    if path.exists() or path.is_symlink():
        msg = f"« {path} » existe déjà : stspd new n'écrase jamais un fichier"
        raise OutputError(msg, hint="choisissez un autre nom, ou supprimez d'abord ce fichier.")
    write_atomic(path, text.encode("utf-8"))
