"""Where a commune's own templates are: ``--templates DIR``, then the strategies repository.

A repository may hold a ``stspd.toml`` (or ``.stspd.toml``) next to the strategy file or in a
folder above it, up to the repository root (:func:`stspd_cli.repository.boundary`: never above
the folder holding ``.git``); its ``[render] templates = "charte"`` names a folder relative to
that file. The nearest such file wins, as with ``pyproject.toml`` or ``.editorconfig``.

A settings file comes with the repository, maybe cloned from a partner: it is data. It may name
a templates folder inside the folder that holds it (really inside: no absolute path, no ``..``
above it, no symbolic link out of it), and nothing else; the templates it selects render in the
sandbox like any other. ``--templates DIR`` is the user's own choice: any folder.
"""

from __future__ import annotations

from pathlib import Path

from stspd_cli.errors import UsageError
from stspd_cli.repository import SETTINGS_NAMES, boundary, trusted_settings

# A settings file holds a few lines; a bigger one is refused before it is read whole.
MAX_SETTINGS = 64 * 1024


def find_settings(start: Path) -> Path | None:
    """The nearest settings file in ``start``'s folder or above, up to the repository root
    (outside any repository: in ``start``'s folder only), or None."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    top = boundary(folder) or folder
    for candidate in (folder, *folder.parents):
        for name in SETTINGS_NAMES:
            path = candidate / name
            if trusted_settings(path):
                return path
        if candidate == top:
            break
    return None


def repository_templates(start: Path) -> Path | None:
    """The templates folder the repository's settings name, if any."""
    settings = find_settings(start)
    if settings is None:
        return None
    import tomllib  # noqa: PLC0415  (only when a settings file exists)

    try:
        data = tomllib.loads(_read(settings))
    except tomllib.TOMLDecodeError as error:
        msg = f"réglages « {settings} » : TOML invalide ({error})"
        raise UsageError(msg) from None
    render = data.get("render", {})
    value = render.get("templates") if isinstance(render, dict) else None
    if value is None:
        return None
    if not isinstance(value, str) or not value or "\0" in value:
        msg = f"réglages « {settings} » : [render] templates doit être un chemin de dossier"
        raise UsageError(msg)
    folder = settings.parent / value
    base = settings.parent.resolve()
    if not folder.resolve().is_relative_to(base):
        msg = (
            f"réglages « {settings} » : le dossier de modèles « {value} » est hors du dossier "
            f"de ce fichier ({base}) ; les réglages d'un dépôt ne désignent que des modèles "
            "du dépôt"
        )
        raise UsageError(msg, hint="un autre dossier se choisit avec --templates DOSSIER")
    if not folder.is_dir():
        msg = (
            f"réglages « {settings} » : le dossier de modèles « {value} » n'existe pas "
            f"(chemin relatif au fichier de réglages)"
        )
        raise UsageError(msg)
    return folder


def _read(settings: Path) -> str:
    """The text of a settings file: a regular file of the folder it is found in (a symbolic
    link to a file elsewhere is refused), of at most ``MAX_SETTINGS`` bytes."""
    if not settings.resolve().is_relative_to(settings.parent.resolve()):
        msg = f"réglages « {settings} » refusés : lien vers un fichier hors de ce dossier"
        raise UsageError(msg)
    try:
        with settings.open("rb") as handle:
            data = handle.read(MAX_SETTINGS + 1)
        if len(data) > MAX_SETTINGS:
            msg = f"réglages « {settings} » refusés : plus de {MAX_SETTINGS // 1024} Kio"
            raise UsageError(msg)
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        msg = f"réglages « {settings} » illisibles : {error}"
        raise UsageError(msg) from None


def template_dirs(cli_dir: Path | None, strategy: Path | None) -> tuple[Path, ...]:
    """The commune's template folders, the one given on the command line first."""
    dirs: list[Path] = []
    if cli_dir is not None:
        if not cli_dir.is_dir():
            msg = f"dossier de modèles « {cli_dir} » introuvable (option --templates)"
            raise UsageError(msg)
        dirs.append(cli_dir)
    if strategy is not None:
        repo = repository_templates(strategy)
        if repo is not None and all(repo.resolve() != d.resolve() for d in dirs):
            dirs.append(repo)
    return tuple(dirs)
