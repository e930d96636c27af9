"""`stspd report` through the command line (``main()`` of the console script, in-process:
tests/cli_run.py): formats, reproducibility, exit codes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from cli_run import run as run_cli

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "bourg-fictif.yaml"
DEMO = HERE.parents[1] / "examples" / "demo-fictive.yaml"


class Done(NamedTuple):
    returncode: int
    stdout: bytes
    stderr: bytes


Report = Callable[..., Done]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Report:
    """``stspd report ARGS``: exit code, and the bytes of each stream."""

    def report(*args: str) -> Done:
        code, out, err = run_cli(capsys, "report", *args)
        return Done(code, out.encode("utf-8"), err.encode("utf-8"))

    return report


def test_json_is_reproducible_with_a_fixed_date(run: Report) -> None:
    first = run(str(FIXTURE), "--date", "2026-03-01", "-f", "json")
    second = run(str(FIXTURE), "--date", "2026-03-01", "-f", "json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    payload = json.loads(first.stdout)
    assert payload["date"] == "2026-03-01"
    assert payload["territoires"][0]["en_retard"][0]["id"] == "a-en-retard"


def test_csv_opens_in_french_excel(run: Report) -> None:
    done = run(str(FIXTURE), "--date", "2026-03-01", "-f", "csv")
    assert done.returncode == 0
    assert done.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Territoire", "Identifiant", "Numéro"]
    assert len(rows) == 6
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id["a-realisee"][6] == "réalisée"
    assert rows[0][11:] == [
        "Financement acquis (€)",
        "Financement demandé, non acquis (€)",
        "Financement, acquis non précisé (€)",
    ]
    # The fixture's lines do not say whether they are obtained: « non précisé », decimal comma.
    assert by_id["a-realisee"][11:] == ["", "", "12500,5"]
    assert by_id["a-en-retard"][9] == "29"


def test_text_report_and_consolidated_view(run: Report, tmp_path: Path) -> None:
    done = run(str(FIXTURE), str(DEMO), "--date", "2026-03-01")
    assert done.returncode == 0
    text = done.stdout.decode()
    assert "Bilan d'avancement au 1er mars 2026 (version publique)" in text
    assert "Vue consolidée : 2 territoires" in text


def test_public_report_hides_restricted_actions(run: Report) -> None:
    public = json.loads(run(str(DEMO), "--date", "2026-03-01", "-f", "json").stdout)
    internal = json.loads(run(str(DEMO), "--date", "2026-03-01", "-f", "json", "--interne").stdout)
    assert internal["diffusion"] == "interne"
    assert (
        internal["territoires"][0]["actions"]["total"]
        > public["territoires"][0]["actions"]["total"]
    )


def test_errors(run: Report) -> None:
    missing = run("absent.yaml")
    assert missing.returncode == 2
    assert b"introuvable" in missing.stderr
    bad_date = run(str(FIXTURE), "--date", "31/12/2026")
    assert bad_date.returncode == 2
    assert b"AAAA-MM-JJ" in bad_date.stderr
    unknown = run(str(FIXTURE), "-f", "rtf")
    assert unknown.returncode == 2
    assert b"Traceback" not in missing.stderr + bad_date.stderr + unknown.stderr


def test_text_report_has_every_section(run: Report) -> None:
    done = run(str(DEMO), "--date", "2026-11-22")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode()
    for heading in (
        "actions par statut",
        "Par plan",
        "Par priorité",  # the demo's word for its objectives (strategie.libelles)
        "Indicateurs",
        "Financement",
        "Qui fait quoi",
        "Cadre national",
        "Qualité des données",
    ):
        assert heading in text, heading
    # The demo's funding total, with French spaces (narrow no-break before thousands).
    assert "85\u202f000,50\u00a0€" in text


def test_text_report_of_the_real_strategies_invents_no_zero(run: Report) -> None:
    """The real strategies give no status, calendar or funding: the report says it is unknown."""
    strategies = HERE.parents[1] / "strategies"
    done = run(str(strategies), "--date", "2026-11-22")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode()
    assert "None" not in text
    assert "Statut non renseigné pour 19 actions sur 19" in text
    assert "Sans calendrier : les 19 actions ; leur retard éventuel est inconnu." in text
    assert "échéance inconnue pour 19 actions ; financement : aucun montant renseigné." in text
    assert "0 €" not in text


def test_printable_reports_of_the_real_strategies_invent_no_zero(run: Report) -> None:
    strategies = HERE.parents[1] / "strategies"
    for fmt in ("md", "html"):
        done = run(str(strategies), "--date", "2026-11-22", "-f", fmt)
        assert done.returncode == 0, done.stderr
        text = done.stdout.decode()
        assert "parmi celles qui ont une échéance" in text, fmt
        # The template's own words get French typography in HTML (no-break space before :).
        assert "Financement : aucun montant renseigné." in text.replace("\u00a0", " "), fmt


def _folder_with_a_broken_strategy(tmp_path: Path) -> Path:
    """Ten strategies (the worker processes run), the sixth with a key the model refuses."""
    lille = (HERE.parents[1] / "strategies" / "clspd-lille.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "dossier"
    folder.mkdir()
    for n in range(10):
        extra = "cle_inconnue: 1\n" if n == 5 else ""
        (folder / f"s{n}.yaml").write_text(lille + extra, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_broken_strategy_further_on_stops_the_bilan_and_says_where(
    fmt: str, run: Report, tmp_path: Path
) -> None:
    """The bilan is written as the territories come: on standard output, the five before the
    broken one are there, and the message says the bilan stops before it; into a file,
    nothing is written."""
    folder = _folder_with_a_broken_strategy(tmp_path)
    done = run(str(folder), "-f", fmt)
    assert done.returncode == 1
    err = done.stderr.decode("utf-8")
    assert "s5.yaml:" in err
    assert "M004" in err
    assert "s'arrête avant cette stratégie" in err
    assert "Traceback" not in err
    assert done.stdout.count(b"Lille") >= 5
    assert b"consolid" not in done.stdout
    target = tmp_path / ("bilan.txt" if fmt == "text" else "bilan.json")
    into_file = run(str(folder), "-f", fmt, "-o", str(target))
    assert into_file.returncode == 1
    assert not target.exists()
    assert "s'arrête avant" not in into_file.stderr.decode("utf-8")


def test_a_broken_first_strategy_writes_nothing(run: Report, tmp_path: Path) -> None:
    folder = _folder_with_a_broken_strategy(tmp_path)
    (folder / "s0.yaml").write_bytes((folder / "s5.yaml").read_bytes())
    done = run(str(folder))
    assert done.returncode == 1
    assert done.stdout == b""
    assert "s0.yaml:" in done.stderr.decode("utf-8")
    assert "s'arrête avant" not in done.stderr.decode("utf-8")
