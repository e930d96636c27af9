"""Where a commune's own templates are: ``--templates DIR``, then the strategies repository.

A repository may hold a ``stspd.toml`` (or ``.stspd.toml``) next to the strategy file or in a
folder above it; its ``[render] templates = "charte"`` names a folder relative to that file.
The nearest such file wins, as with ``pyproject.toml`` or ``.editorconfig``.
"""

from __future__ import annotations

from pathlib import Path

from stspd_cli.errors import UsageError

SETTINGS_NAMES = ("stspd.toml", ".stspd.toml")


def find_settings(start: Path) -> Path | None:
    """The nearest settings file in ``start``'s folder or above, or None."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in SETTINGS_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def repository_templates(start: Path) -> Path | None:
    """The templates folder the repository's settings name, if any."""
    settings = find_settings(start)
    if settings is None:
        return None
    import tomllib  # noqa: PLC0415  (only when a settings file exists)

    try:
        data = tomllib.loads(settings.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        msg = f"réglages « {settings} » illisibles : {error}"
        raise UsageError(msg) from None
    except tomllib.TOMLDecodeError as error:
        msg = f"réglages « {settings} » : TOML invalide ({error})"
        raise UsageError(msg) from None
    render = data.get("render", {})
    value = render.get("templates") if isinstance(render, dict) else None
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        msg = f"réglages « {settings} » : [render] templates doit être un chemin de dossier"
        raise UsageError(msg)
    folder = settings.parent / value
    if not folder.is_dir():
        msg = (
            f"réglages « {settings} » : le dossier de modèles « {value} » n'existe pas "
            f"(chemin relatif au fichier de réglages)"
        )
        raise UsageError(msg)
    return folder


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
