"""What reaches a terminal shows control characters, never obeys them (issue 13, item 10).

A value (``"\\e[2J"`` in double-quoted YAML), a spreadsheet cell or a file name can hold escape
sequences, C1 controls or bidirectional overrides. Every text output (validate, report, diff,
texte, import, fmt --check), every error message and any document printed to a terminal shows
them as signs (``␛``, ``⟨U+202E⟩``); JSON escapes them and stays the same JSON.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cli_run import run
from hypothesis import given
from hypothesis import strategies as st

from stspd_cli import target
from stspd_cli.findings import Finding, Severity
from stspd_cli.formats.findings import FORMATS as FINDING_FORMATS
from stspd_cli.formats.findings import OutputOptions
from stspd_cli.report import build_report
from stspd_cli.report.formats import FORMATS as REPORT_FORMATS
from stspd_cli.terminal import json_text, visible
from stspd_cli.validate import FileResult, ValidationReport

FIXTURE = Path(__file__).parent / "report" / "fixtures" / "bourg-fictif.yaml"
# Every character a terminal could obey: C0 but LF and tab, DEL, C1, bidi, separators.
OBEYED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
    "|\r(?!\n)"
)
# What rich writes itself for colours (Select Graphic Rendition): the only escapes allowed.
STYLE = re.compile(r"\x1b\[[0-9;]*m")
NASTY = "\x1b[2J\x1b]8;;https://x.invalid\x07lien\x1b]8;;\x07\r\u202eevil\x85\x9b31m\x7f\x00"


def assert_inert(*texts: str) -> None:
    for text in texts:
        found = OBEYED.findall(STYLE.sub("", text))
        assert not found, found


def test_visible_signs() -> None:
    assert visible("a\x1b[2Jb") == "a␛[2Jb"
    assert visible("\r\x00\x7f\x85\x9b\u202e\u2066\u2028") == (
        "␍␀␡⟨U+0085⟩⟨U+009B⟩⟨U+202E⟩⟨U+2066⟩⟨U+2028⟩"
    )
    assert visible("deux\nlignes\tet tab") == "deux\nlignes\tet tab"
    assert visible("deux\nlignes", one_line=True) == "deux⏎lignes"
    assert visible("csv\r\nWindows\r") == "csv\r\nWindows␍"
    assert visible("a\r\nb\rc", one_line=True) == "a⏎b␍c"
    assert visible("é « » ⏎ ␛ \u00a0 \u202f") == "é « » ⏎ ␛ \u00a0 \u202f"


@given(st.text())
def test_visible_leaves_nothing_to_obey_and_is_stable(text: str) -> None:
    shown = visible(text)
    assert_inert(shown)
    assert visible(str(shown)) == shown
    if not OBEYED.search(text):
        assert shown == text


@given(st.recursive(st.text() | st.integers() | st.none(), lambda c: st.lists(c, max_size=3)))
def test_json_stays_the_same_json(value: Any) -> None:
    payload = {"valeur": value}
    text = json_text(payload)
    assert json.loads(text) == payload
    assert_inert(text)


def _hostile_strategy(folder: Path) -> Path:
    """The bilan fixture with hostile values in the territory name and an action title, in a
    file whose name holds an escape too."""
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace(
        "nom: Bourg-Fictif", 'nom: "Bourg\\e[2J\\e]8;;https://x.invalid\\a\\u202Eevil\\x85\\x9b"'
    )
    text = text.replace(
        "titre: Action réalisée",
        'titre: "[link=https://evil.invalid]Action[/link] [/bold] \\e[8m\\r1 fichier : aucun"',
    )
    path = folder / "bourg\x1b[2J\u202e.yaml"
    path.write_text(text, encoding="utf-8")
    return path


TEXT_COMMANDS = [
    ["validate", "{f}"],
    ["validate", "{f}", "-f", "github"],
    ["validate", "{f}", "-f", "json"],
    ["validate", "{f}", "-f", "gitlab"],
    ["report", "{f}", "--date", "2026-03-01"],
    ["report", "{f}", "--date", "2026-03-01", "-f", "json"],
    ["texte", "{f}"],
    ["diff", "{f}", "{g}"],
    ["diff", "{f}", "{g}", "-f", "json"],
    ["render", "{f}", "-o", "{f}.html"],
    ["fmt", "--check", "{f}"],
    ["report", "{f}", "--date", "2026-13-01\x1b[2J"],
    ["validate", "absent\x1b]0;titre\x07.yaml"],
]
# Documents are written as they are when piped; on a terminal, they are shown too.
DOCUMENT_COMMANDS = [
    ["report", "{f}", "--date", "2026-03-01", "-f", "md"],
    ["diff", "{f}", "{g}", "-f", "md"],
    ["render", "{f}", "-f", "md"],
    ["export", "{f}", "-o", "-", "-f", "csv"],
]


@pytest.mark.parametrize(
    ("command", "terminal"),
    [
        *((c, t) for c in TEXT_COMMANDS for t in (False, True)),
        *((c, True) for c in DOCUMENT_COMMANDS),
    ],
)
def test_nothing_reaches_the_terminal_to_obey(
    command: list[str],
    terminal: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever the loader makes of these values (accepted, or refused with a finding that
    quotes them), stdout and stderr hold nothing a terminal would obey, in colour or not."""
    monkeypatch.chdir(tmp_path)
    strategy = _hostile_strategy(tmp_path)
    other = tmp_path / "autre\x9b2J.yaml"
    other.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(target, "use_color", lambda: terminal)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: terminal)
    args = [a.format(f=strategy.name, g=other.name) for a in command]
    _code, out, err = run(capsys, *args)
    assert_inert(out, err)
    assert "␛" in out + err or "⟨U+" in out + err or "\\u" in out
    assert "␛[0m" not in out  # rich's own colours stay colours


def test_findings_stay_one_per_line() -> None:
    finding = Finding(
        "bourg\x1b[2J.yaml",
        3,
        5,
        "R001",
        Severity.ERROR,
        "« x\n1 fichier vérifié : aucun problème. »",
    )
    report = ValidationReport([FileResult("bourg.yaml", [finding], semantics_checked=True)])
    text = FINDING_FORMATS["text"](report, OutputOptions())
    assert text.splitlines()[0] == (
        "bourg␛[2J.yaml:3:5: erreur R001 « x⏎1 fichier vérifié : aucun problème. »"
    )
    colored = FINDING_FORMATS["text"](report, OutputOptions(color=True))
    assert "bourg␛[2J.yaml" in colored
    assert len(colored.splitlines()) == 2
    github = FINDING_FORMATS["github"](report, OutputOptions())
    assert github.startswith("::error file=bourg␛[2J.yaml,line=3,col=5,title=R001::« x%0A1")


@pytest.mark.parametrize("color", [False, True])
def test_report_text_shows_data_and_takes_no_markup(color: bool) -> None:
    report = build_report([FIXTURE], date(2026, 3, 1), interne=False)
    territory = report["territoires"][0]
    territory["territoire"] = "Bourg\x1b[2J\u202e"
    territory["actions"]["par_plan"][0]["titre"] = "[link=https://evil.invalid]Plan[/link] [/bold]"
    text = REPORT_FORMATS["text"](report, color)
    assert isinstance(text, str)
    assert "Bourg␛[2J⟨U+202E⟩" in text
    assert "[link=https://evil.invalid]Plan[/link]" in text
    assert "\x1b]8" not in text  # no terminal hyperlink
    assert_inert(text)


def test_error_messages_show_what_they_quote(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", str(FIXTURE), "--date", "\x1b[2J2026")
    assert (code, out) == (2, "")
    assert "« ␛[2J2026 »" in err


def test_a_document_keeps_its_data_when_written_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a terminal gets signs: a Markdown file piped or written with -o is the document."""
    source = tmp_path / "bourg.yaml"
    source.write_text(
        FIXTURE.read_text(encoding="utf-8").replace("nom: Bourg-Fictif", 'nom: "Bourg\\u202e"'),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "report", str(source), "--date", "2026-03-01", "-f", "md")
    if code == 0:  # the loader may refuse such a value: then there is no document to compare
        assert "Bourg\u202e" in out
    assert_inert(err)


def test_import_shows_what_a_cell_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview of ``import`` (or its refusal) quotes the partner's cell: shown, not obeyed."""
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    monkeypatch.chdir(tmp_path)
    strategy = tmp_path / "bourg.yaml"
    strategy.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    code, _out, err = run(capsys, "export", str(strategy), "-o", "t.csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(Path("t.csv").read_text("utf-8-sig")), delimiter=";"))
    comment = rows[0].index("Commentaire")
    rows[1][comment] = "Fait\x1b[2J\x1b[8m\u202eau 31/03"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    Path("t.csv").write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    for terminal in (False, True):
        monkeypatch.setattr(target, "use_color", lambda t=terminal: t)
        _code, out, err = run(capsys, "import", str(strategy), "t.csv")
        assert_inert(out, err)
        assert "⟨U+202E⟩au 31/03" in out + err  # the import drops C0 controls itself
