"""National frames (SNPD 2013-2017, 2020-2024, 2025-2030...), shipped as data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from stspd_cli.resources import data_dir, load_data


@dataclass(frozen=True, slots=True)
class Axis:
    id: str
    numero: int
    titre: str


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    titre: str
    sigle: str
    debut: str
    fin: str
    provisional: bool
    note: str
    axes: tuple[Axis, ...]

    def axis(self, axis_id: str) -> Axis | None:
        return next((a for a in self.axes if a.id == axis_id), None)


@cache
def frameworks() -> dict[str, Framework]:
    result: dict[str, Framework] = {}
    for path in sorted((data_dir() / "referentiels").glob("*.yaml")):
        raw = load_data(f"referentiels/{path.name}")
        frame = Framework(
            id=raw["id"],
            titre=raw["titre"],
            sigle=raw.get("sigle", ""),
            debut=str(raw["periode"]["debut"]),
            fin=str(raw["periode"]["fin"]),
            provisional=raw.get("statut") == "provisoire",
            note=raw.get("note", ""),
            axes=tuple(Axis(a["id"], int(a["numero"]), a["titre"]) for a in raw["axes"]),
        )
        result[frame.id] = frame
    return result


def resolve_axis(ref: str) -> tuple[Framework | None, Axis | None]:
    """``snpd-2020-2024/axe-1`` -> (framework, axis); None where unknown."""
    frame_id, _, axis_id = ref.partition("/")
    frame = frameworks().get(frame_id)
    return frame, frame.axis(axis_id) if frame else None


def axis_name(frame: Framework, axis: Axis) -> str:
    """How a document names an axis: « SNPD 2020-2024, axe 1 » (« programme 2 » for the
    frames whose axes are programmes), without its title."""
    kind = axis.id.rsplit("-", 1)[0].replace("-", " ") if "-" in axis.id else "axe"
    years = f"{frame.debut[:4]}-{frame.fin[:4]}"
    name = f"{frame.sigle} {years}" if frame.sigle else frame.titre
    return f"{name}, {kind} {axis.numero}"


def axis_ref(text: str) -> str | None:
    """« SNPD 2020-2024, axe 1 : Les jeunes… » -> ``snpd-2020-2024/axe-1`` (the inverse of
    :func:`axis_name`); None when ``text`` names no known axis."""
    import re  # noqa: PLC0415

    wanted = " ".join(text.split()).casefold()
    for frame in frameworks().values():
        for axis in frame.axes:
            name = axis_name(frame, axis).casefold()
            if re.match(rf"{re.escape(name)}(?!\d)", wanted):
                return f"{frame.id}/{axis.id}"
    return None
