"""Documents already made (PDF, docx, odt), kept to be given again: the same public page never
goes through WeasyPrint or pandoc twice (a folder rendered again after one strategy changed
makes that one only).

The key is everything the bytes depend on: the whole HTML page (the strategy, the templates,
the charte, the date and the options are all in it, and the page fetches nothing:
:mod:`stspd_cli.render.pdf`), what the caller adds (an office document's properties and
reference document), stspd itself (:func:`stspd_cli.cache.tool_fingerprint`), and what makes
the document of that kind (:data:`FINGERPRINTS`). For a PDF: the versions of WeasyPrint and of
the Python libraries it prints with, the system libraries (``/etc/ld.so.cache``, rewritten
whenever one is installed or updated) and the fonts (the folders fontconfig reads, and its
configuration: a font added, removed or updated changes a folder's date). For docx and odt:
the pandoc binary (its path, size and date). A document is made again whenever one of them
changed.

Entries are signed (:mod:`stspd_cli.signing`): a file put in the cache folder by anyone else is
never given as a document. Only public documents are kept: a restricted version (``--interne``)
exists only where the user writes it.

A strategy file whose public document was kept leaves a mark (:func:`mark_kept`): an empty
file named after the file's bytes and the options of the rendering. Before a PDF is made,
WeasyPrint is loaded ahead on another core (:func:`stspd_cli.render.pdf.printer_ahead`); when
every strategy to render bears its mark, the document will come from here and nothing is
loaded (:func:`kept_before`). A mark only says what to prepare: a wrong one (the templates
changed, a mark planted by someone else) costs that preparation, never a wrong document, whose
key stays its page. The folder keeps the entries used last, within
:data:`MAX_ENTRIES` and :data:`MAX_BYTES`; ``STSPD_NO_CACHE=1`` prints everything again and
keeps nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from stspd_cli import signing

FOLDER = "documents"
MAX_ENTRIES = 200
MAX_BYTES = 128 * 1024 * 1024
# What WeasyPrint prints with, by distribution name (a version change prints again).
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "tinyhtml5", "cssselect2", "fonttools", "pillow")
# System files whose change means other native libraries (Pango, HarfBuzz, FreeType...).
SYSTEM = ("/etc/ld.so.cache",)
# Environment variables that choose fontconfig's configuration.
FONT_VARIABLES = ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT")


def _font_roots() -> list[Path]:
    """The folders fontconfig reads fonts and configuration from (Linux, macOS, Windows); those
    of the home folder only where there is one."""
    roots = [Path("/etc/fonts"), Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
    roots.append(Path("/Library/Fonts"))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        if os.environ.get(variable):
            roots.append(
                Path(os.environ[variable]) / ("fonts" if "DATA" in variable else "fontconfig")
            )
    try:
        home = Path.home()
    except RuntimeError:  # no home folder (a user without one, HOME unset)
        home = None
    if home is not None:
        roots += [
            home / ".local" / "share" / "fonts",
            home / ".fonts",
            home / ".config" / "fontconfig",
            home / "Library" / "Fonts",
        ]
    windows = os.environ.get("WINDIR")
    if windows:
        roots.append(Path(windows) / "Fonts")
    return roots


def _folder_dates(root: Path, digest: hashlib._Hash) -> None:
    """Each folder under ``root`` and its date (a file added, removed or replaced in a folder
    changes the folder's date); files directly in ``root`` too, for fontconfig's configuration."""
    pending = [str(root)]
    while pending:
        folder = pending.pop()
        try:
            info = Path(folder).stat()
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        digest.update(f"{folder}\0{info.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif folder == str(root):
                    stat = entry.stat()
                    digest.update(f"{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())


@cache
def printing_fingerprint() -> str:
    """What the bytes of a PDF depend on besides its page (module docstring)."""
    from importlib import metadata  # noqa: PLC0415

    from stspd_cli.cache import tool_fingerprint  # noqa: PLC0415

    digest = hashlib.sha256(tool_fingerprint().encode())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"\0{name}={version}".encode())
    for path in SYSTEM:
        try:
            info = Path(path).stat()
        except OSError:
            continue
        digest.update(f"\0{path}:{info.st_size}:{info.st_mtime_ns}".encode())
    for variable in FONT_VARIABLES:
        digest.update(f"\0{variable}={os.environ.get(variable, '')}".encode())
    for root in _font_roots():
        _folder_dates(root, digest)
    return digest.hexdigest()


def office_fingerprint() -> str:
    """What the bytes of a docx or odt depend on besides its page: stspd and the pandoc that
    makes them (the one ``STSPD_PANDOC`` names at this moment, if any)."""
    from stspd_cli import pandoc  # noqa: PLC0415

    return _office_fingerprint(pandoc.pandoc_path(), tuple(pandoc.RUNTIME_OPTIONS))


@cache
def _office_fingerprint(binary: str, runtime: tuple[str, ...]) -> str:
    from stspd_cli.cache import tool_fingerprint  # noqa: PLC0415

    digest = hashlib.sha256(tool_fingerprint().encode())
    found = shutil.which(binary) or binary
    try:
        info = Path(found).resolve().stat()
        identity = f"{found}:{info.st_size}:{info.st_mtime_ns}"
    except OSError:  # not there: making the document says so
        identity = f"{found}:absent"
    digest.update(f"\0{identity}\0{runtime}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


# Each kind of document kept, with what its bytes depend on, and how its bytes begin.
FINGERPRINTS: dict[str, Callable[[], str]] = {
    "pdf": printing_fingerprint,
    "docx": office_fingerprint,
    "odt": office_fingerprint,
}
SIGNATURES = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "odt": b"PK\x03\x04"}
# The suffix of the marks of strategy files whose document was kept.
MARK = "vu"


def _folder() -> Path | None:
    """The cache's folder, None when caches are off (read at each call: a test or a program
    that holds stspd may turn them off at any time)."""
    if os.environ.get("STSPD_NO_CACHE"):
        return None
    return _existing_folder()


@cache
def _existing_folder() -> Path | None:
    from platformdirs import user_cache_path  # noqa: PLC0415

    try:
        folder = user_cache_path("stspd", appauthor=False) / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no home folder, a read-only one, a file in the way
        return None
    return folder


def entry_name(kind: str, parts: Sequence[bytes]) -> str:
    digest = hashlib.sha256(kind.encode())
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    digest.update(b"\0" + FINGERPRINTS[kind]().encode())
    return digest.hexdigest()


def load(kind: str, parts: Sequence[bytes]) -> tuple[str, bytes | None]:
    """The entry's name for a ``kind`` document made from ``parts`` (its page first), and the
    document made from them before, if stspd kept and signed one (anything else is a miss)."""
    folder = _folder()
    if folder is None:
        return "", None
    name = entry_name(kind, parts)
    path = folder / f"{name}.{kind}"
    data = signing.read_entry(path, kind, name)
    if data is not None and data.startswith(SIGNATURES[kind]):
        with contextlib.suppress(OSError):
            os.utime(path)  # used last: kept the longest
        return name, data
    return name, None


def store(kind: str, name: str, data: bytes) -> None:
    """Keep ``data`` under ``name`` (from :func:`load`), then forget the entries used least
    long ago beyond the folder's limits."""
    folder = _folder()
    if folder is None or not name:
        return
    signing.write_entry(folder / f"{name}.{kind}", kind, name, data)
    _prune(folder)


def kept_or_made(kind: str, parts: Sequence[bytes], make: Callable[[], bytes]) -> bytes:
    """The public ``kind`` document made from ``parts`` (its page first): the one kept from
    before, or ``make()``'s, then kept. For a restricted document, call ``make`` itself."""
    name, kept = load(kind, parts)
    if kept is not None:
        return kept
    data = make()
    store(kind, name, data)
    return data


def _mark_name(kind: str, source: Path, options: Sequence[str]) -> str | None:
    """The name of the mark of the strategy file ``source`` rendered as a public ``kind``
    document with ``options``; None when caches are off or the file cannot be read."""
    if _folder() is None:
        return None
    from stspd_cli.cache import tool_fingerprint  # noqa: PLC0415

    try:
        data = source.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256("\0".join([kind, *options, tool_fingerprint(), ""]).encode())
    digest.update(data)
    return digest.hexdigest()


def kept_before(kind: str, sources: Sequence[Path], options: Sequence[str]) -> bool:
    """Whether the public ``kind`` document of every strategy file of ``sources``, rendered
    with ``options``, was kept the last time it was rendered (the strategy unchanged since)."""
    folder = _folder()
    if folder is None or not sources:
        return False
    names = (_mark_name(kind, source, options) for source in sources)
    return all(name is not None and (folder / f"{name}.{MARK}").is_file() for name in names)


def mark_kept(kind: str, source: Path, options: Sequence[str]) -> None:
    """Leave the mark that the public ``kind`` document of ``source`` (with ``options``) was
    just kept; a mark that cannot be written is only a preparation made next time."""
    folder = _folder()
    name = _mark_name(kind, source, options)
    if folder is None or name is None:
        return
    with contextlib.suppress(OSError):
        (folder / f"{name}.{MARK}").touch()


def _prune(folder: Path) -> None:
    kept: dict[str, list[tuple[int, int, str]]] = {"document": [], MARK: []}
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                kind = entry.name.rpartition(".")[2]
                if (kind in FINGERPRINTS or kind == MARK) and entry.is_file(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    group = kept[MARK if kind == MARK else "document"]
                    group.append((info.st_mtime_ns, info.st_size, entry.path))
    for group in kept.values():
        group.sort(reverse=True)  # used last first
        total = 0
        for n, (_used, size, path) in enumerate(group):
            total += size
            if n >= MAX_ENTRIES or total > MAX_BYTES:
                with contextlib.suppress(OSError):  # another run may have taken it already
                    Path(path).unlink()
