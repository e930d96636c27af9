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
