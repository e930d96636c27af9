"""The office formats through the command line: a folder of strategies, the bilan, the note,
and a clear French message when the office extra is missing."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cli_run import run
from render.support import DEMO, STRATEGIES

from stspd_cli import pandoc

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_folder_gives_one_document_per_strategy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    out = tmp_path / "build"
    code, stdout, err = run(capsys, "render", str(STRATEGIES), "-o", f"{out}/", "--format", kind)
    assert code == 0, err
    assert stdout == ""
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"cispd-loos-haubourdin-emmerin.{kind}", f"clspd-lille.{kind}"]
    for path in out.iterdir():
        assert zipfile.is_zipfile(path)
        assert f"{path} écrit" in err


def test_the_suffix_chooses_the_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _stdout, err = run(capsys, "render", str(DEMO), "-o", str(tmp_path / "d.odt"))
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "d.odt") as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize("kind", ["pdf", "docx", "odt"])
def test_bilan_and_note_in_every_document_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    bilan = tmp_path / f"bilan.{kind}"
    code, _out, err = run(
        capsys, "report", str(STRATEGIES), "--date", "2026-12-31", "-f", kind, "-o", str(bilan)
    )
    assert code == 0, err
    old = tmp_path / "ancienne.yaml"
    old.write_text(
        DEMO.read_text(encoding="utf-8").replace(
            "titre: Observatoire", "titre: Observatoire ancien"
        ),
        encoding="utf-8",
    )
    note = tmp_path / f"note.{kind}"
    code, _out, err = run(capsys, "diff", str(old), str(DEMO), "-f", kind, "-o", str(note))
    assert code == 0, err
    for path in (bilan, note):
        head = path.read_bytes()[:4]
        assert head == (b"%PDF" if kind == "pdf" else b"PK\x03\x04")


def test_missing_office_extra_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pypandoc", None)
    monkeypatch.delenv("STSPD_PANDOC", raising=False)
    pandoc.pandoc_path.cache_clear()
    try:
        code, stdout, err = run(capsys, "render", str(DEMO), "-o", str(tmp_path / "d.docx"))
    finally:
        pandoc.pandoc_path.cache_clear()
    assert code == 2
    assert stdout == ""
    # The libraries of the office extra, installed where this stspd runs (pip, pipx or uv).
    assert "pandoc" in err
    assert f"{sys.executable} -m pip install 'cairosvg>=2.7' 'pypandoc-binary>=1.13'" in err
    assert "Traceback" not in err


def test_committed_reference_documents_are_what_the_script_makes(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_office_models.py"), str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for name in ("modele.docx", "modele.odt"):
        committed = ROOT / "stspd_cli" / "data" / "office" / name
        assert (tmp_path / name).read_bytes() == committed.read_bytes(), name
