"""Field types shared by the stspd/1 model."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

from stspd_cli.dates import PartialDate
from stspd_cli.vocabulary import Vocabulary


class Base(BaseModel):
    """Every model: unknown keys refused, immutable once loaded."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, regex_engine="python-re", defer_build=True
    )


Texte = Annotated[str, Strict(), StringConstraints(min_length=1)]
TexteMd = Annotated[
    str,
    Strict(),
    StringConstraints(min_length=1),
    Field(json_schema_extra={"contentMediaType": "text/markdown"}),
]
# No example here: an identifier's example depends on what it names (an action's id, the actor
# a pilote cites), so each field gives its own, shown once by editors.
Identifiant = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
]
AxeRef = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Field(examples=["snpd-2020-2024/axe-1"]),
]
# A year (2021), a month ("2026-09") or a day (2026-09-30), as precise as the source.
Date = Annotated[PartialDate, Field(examples=["2026-09-30", "2026-09", 2021])]
Numero = Annotated[int, Strict(), Field(ge=1, le=9999)]
Annee = Annotated[int, Strict(), Field(ge=1900, le=2200, examples=[2019])]
Montant = Annotated[float, Strict(), Field(ge=0, allow_inf_nan=False, examples=[12000])]
Nombre = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Pourcentage = Annotated[int, Strict(), Field(ge=0, le=100, examples=[40])]
# A web address that every output can show as a link: http(s) only (no ``javascript:``), and
# nothing that would end a Markdown autolink or an HTML attribute (< > quotes, backquote,
# backslash), no space, no control character (M008 otherwise).
URL_PATTERN = r"^https?://[^\s<>\"'`\\\x00-\x1f\x7f-\x9f]+$"
Url = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=URL_PATTERN),
    Field(examples=["https://www.lille.fr"]),
]

Instance = Annotated[str, Vocabulary("instance")]
Statut = Annotated[str, Vocabulary("statut")]
Diffusion = Annotated[str, Vocabulary("diffusion")]
Origine = Annotated[str, Vocabulary("origine")]
Numerotation = Annotated[str, Vocabulary("numerotation")]
TypePlan = Annotated[str, Vocabulary("type_plan")]
TypeActeur = Annotated[str, Vocabulary("type_acteur")]
TypeReference = Annotated[str, Vocabulary("type_reference")]
TypeSeance = Annotated[str, Vocabulary("type_seance")]
Sens = Annotated[str, Vocabulary("sens")]
NiveauInstance = Annotated[str, Vocabulary("niveau_instance")]
Partie = Annotated[str, Vocabulary("partie")]
Genre = Annotated[str, Vocabulary("genre")]


class Diffusable(Base):
    """An item that may be restricted to the council (CSI L132-5)."""

    diffusion: Diffusion = Field(
        "publique",
        title="Diffusion",
        description=(
            "`publique` (par défaut) : figure dans tous les documents. `restreinte` : réservé aux "
            "membres du conseil, n'apparaît que dans les documents produits avec `--interne`."
        ),
    )
