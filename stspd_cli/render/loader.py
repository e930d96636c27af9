"""Where templates come from: the commune's folders, then the defaults, and nowhere else.

A template name is a relative path inside a template folder: no absolute path, no ``..``. The
file it names must really be in the folder: a symbolic link that leads out of it is refused
(one that stays inside is followed). So ``{% include %}``, ``{% extends %}`` and
``{% import %}`` never read a file outside the template folders, whatever a template says.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import BaseLoader, TemplateNotFound

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from jinja2 import Environment

# Larger than any template: a bigger file is refused before it is read.
MAX_TEMPLATE = 1024 * 1024


class TemplateRefused(TemplateNotFound):
    """A template that exists but may not be read: the search stops there."""


def _pieces(name: str) -> list[str]:
    """The path segments of a template name, or a refusal."""
    refused = (
        name.startswith(("/", "\\"))
        or "\\" in name
        or any(ord(ch) < 0x20 for ch in name)
        or (len(name) > 1 and name[1] == ":")  # C:...
    )
    pieces = [piece for piece in name.split("/") if piece not in ("", ".")]
    if refused or ".." in pieces or not pieces:
        msg = (
            f"nom de modèle « {name} » refusé : un modèle en nomme un autre par un chemin "
            "relatif à son dossier de modèles (ni chemin absolu, ni « .. »)"
        )
        raise TemplateRefused(name, msg)
    return pieces


class FolderLoader:
    """The templates of one folder, confined to it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = folder.resolve()

    def find(self, name: str) -> Path | None:
        """The real path of template ``name`` in this folder, None if it has none."""
        candidate = self.root.joinpath(*_pieces(name))
        if not os.path.lexists(candidate):
            return None
        real = candidate.resolve()
        if not real.is_relative_to(self.root):
            msg = (
                f"modèle « {name} » refusé : c'est un lien vers « {real} », hors du dossier "
                f"de modèles « {self.folder} »"
            )
            raise TemplateRefused(name, msg)
        return real if real.is_file() else None

    def source(self, name: str, path: Path) -> tuple[str, str, Callable[[], bool]]:
        try:
            with path.open("rb") as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TEMPLATE:
                    msg = (
                        f"modèle « {path} » refusé : plus de {MAX_TEMPLATE // 1024} Kio "
                        "ou pas un fichier ordinaire"
                    )
                    raise TemplateRefused(name, msg)
                data = handle.read(MAX_TEMPLATE + 1)
            text = data.decode("utf-8")
        except OSError as error:
            msg = f"modèle « {path} » illisible : {error.strerror or error}"
            raise TemplateRefused(name, msg) from None
        except UnicodeDecodeError as error:
            msg = f"modèle « {path} » illisible : pas en UTF-8 (octet {error.start + 1})"
            raise TemplateRefused(name, msg) from None
        mtime = info.st_mtime_ns

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime_ns == mtime
            except OSError:
                return False

        return text, str(path), uptodate

    def names(self) -> set[str]:
        found = set()
        for folder, _dirs, files in os.walk(self.root):  # symbolic links to folders not followed
            for file in files:
                found.add(Path(folder, file).relative_to(self.root).as_posix())
        return found


class ChainLoader(BaseLoader):
    """The commune's folders, then the defaults; ``!name`` skips straight to the defaults."""

    def __init__(self, custom: Sequence[Path], default: Path) -> None:
        self.custom = [FolderLoader(d) for d in custom]
        self.default = FolderLoader(default)

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template.startswith("!"):
            name, folders = template[1:], [self.default]
        else:
            name, folders = template, [*self.custom, self.default]
        for folder in folders:
            path = folder.find(name)
            if path is not None:
                return folder.source(name, path)
        where = ", ".join(f"« {f.folder} »" for f in folders)
        msg = f"modèle « {name} » introuvable (cherché dans {where})"
        raise TemplateNotFound(template, msg)

    def list_templates(self) -> list[str]:
        names = self.default.names()
        for loader in self.custom:
            names.update(loader.names())
        return sorted(names)
