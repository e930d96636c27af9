"""LibreOffice headless, as the tests run it: one profile per folder (tests run in parallel),
the files converted in one run, its error output shown when it fails."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(sources: list[Path], outdir: Path, target: str, *options: str) -> None:
    """Convert ``sources`` to ``target`` (``pdf``, ``xlsx``, ``docx:MS Word 2007 XML``...) into
    ``outdir``, with ``options`` before the conversion (an ``--infilter``)."""
    assert SOFFICE is not None, "LibreOffice (soffice) manque"
    outdir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{outdir / 'profil'}",
            "--headless",
            *options,
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # LibreOffice exits with 0 when it cannot read a file ("Error: source file could not be
    # loaded": a module such as Calc missing), and writes nothing: say so here, with its words.
    suffix = target.split(":", maxsplit=1)[0]
    missing = [s.name for s in sources if not (outdir / f"{s.stem}.{suffix}").is_file()]
    assert not missing, f"LibreOffice n'a rien écrit pour {missing} : {done.stdout}{done.stderr}"
