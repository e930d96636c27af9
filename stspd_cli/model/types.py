"""Field types shared by the stspd/1 model."""

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints
from pydantic_core import PydanticCustomError

from stspd_cli.vocabulary import Vocabulary


def _date_not_number(value: Any) -> Any:
    # pydantic would read a number as a Unix timestamp; a year alone is a common slip.
    if isinstance(value, int | float):
        raise PydanticCustomError("date_type", "nombre au lieu d'une date")
    return value


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
Identifiant = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
    Field(examples=["comite-prevention-jeunes"]),
]
AxeRef = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Field(examples=["snpd-2020-2024/axe-1"]),
]
Date = Annotated[date, BeforeValidator(_date_not_number), Field(examples=["2017-06-27"])]
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
