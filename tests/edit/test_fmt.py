"""``stspd fmt``: the canonical layout on small inputs (exact text), the real strategies, the
command line (--check, exit codes, errors) and the safety of writes."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from cli_run import run

from stspd_cli.edit import fmt as fmt_module
from stspd_cli.edit.fmt import format_bytes, format_file, format_text, same_data
from stspd_cli.errors import FormatError, InvalidStrategyError, OutputError, UnreadableInputError
from stspd_cli.load import load_bytes

from .support import REAL_FILES, ROOT


def test_keys_follow_the_model_and_comments_follow_their_keys() -> None:
    source = (
        "# En-tête du fichier.\n"
        "territoire:\n"
        "  # Le nom officiel.\n"
        "  nom: Lille  # tel qu'écrit sur la page\n"
        "  communes: [Lille]  # une seule commune\n"
        "  # Le conseil.\n"
        "  instance: CLSPD\n"
        "# La version du modèle.\n"
        "schema: stspd/1\n"
    )
    assert format_text(source) == (
        "# En-tête du fichier.\n"
        "# La version du modèle.\n"
        "schema: stspd/1\n"
        "\n"
        "territoire:\n"
        "  # Le nom officiel.\n"
        "  nom: Lille  # tel qu'écrit sur la page\n"
        "  # Le conseil.\n"
        "  instance: CLSPD\n"
        "  communes:  # une seule commune\n"
        "    - Lille\n"
    )


def test_a_header_separated_by_a_blank_line_stays_on_top() -> None:
    source = "# Fichier de test.\n\n# Le territoire.\nterritoire:\n  nom: X\nschema: stspd/1\n"
    assert format_text(source) == (
        "# Fichier de test.\n\nschema: stspd/1\n\n# Le territoire.\nterritoire:\n  nom: X\n"
    )


def test_comments_that_close_a_block_stay_at_its_end() -> None:
    source = (
        "schema: stspd/1\n"
        "territoire:\n"
        "  nom: Lille\n"
        "  communes:\n"
        "    - Lille\n"
        "  instance: CLSPD\n"
        "  # departement: Nord\n"
        "plans:\n"
        "  - titre: Plan\n"
        "    id: plan-1\n"
        "    actions:\n"
        "      - id: a\n"
        "        numero: 1\n"
        "        titre: A\n"
        "      # - id: b  (action retirée)\n"
        "# Fin du document.\n"
    )
    assert format_text(source) == (
        "schema: stspd/1\n"
        "\n"
        "territoire:\n"
        "  nom: Lille\n"
        "  instance: CLSPD\n"
        "  communes:\n"
        "    - Lille\n"
        "  # departement: Nord\n"
        "\n"
        "plans:\n"
        "  - id: plan-1\n"
        "    titre: Plan\n"
        "    actions:\n"
        "      - id: a\n"
        "        numero: 1\n"
        "        titre: A\n"
        "      # - id: b  (action retirée)\n"
        "# Fin du document.\n"
    )


def test_comment_above_an_item_key_that_becomes_first_goes_above_the_item() -> None:
    source = "schema: stspd/1\nplans:\n  - titre: P\n    # Identifiant stable.\n    id: p\n"
    assert format_text(source) == (
        "schema: stspd/1\n\nplans:\n  # Identifiant stable.\n  - id: p\n    titre: P\n"
    )


def test_scalars_quoting_dates_and_unknown_keys() -> None:
    source = (
        "strategie:\n"
        "  titre: 'Priorités : la jeunesse'\n"
        "  version: '2.0'\n"
        '  sous_titre: "oui"\n'
        "  periode: {fin: '2020-1-31', debut: \"2017-06-27\"}\n"
        "  cle_inconnue: 'x'\n"
        "  autre_inconnue: z\n"
        "schema: stspd/1\n"
        "notes:\n"
        "  - texte: 'tab\tici'\n"
        "    annee: 0x7E8\n"
    )
    assert format_text(source) == (
        "schema: stspd/1\n"
        "\n"
        "strategie:\n"
        '  titre: "Priorités : la jeunesse"\n'
        "  sous_titre: oui\n"
        '  version: "2.0"\n'
        "  periode:\n"
        "    debut: 2017-06-27\n"
        "    fin: 2020-01-31\n"
        "  cle_inconnue: x\n"
        "  autre_inconnue: z\n"
        "\n"
        "notes:\n"
        '  - texte: "tab\\tici"\n'
        "    annee: 2024\n"
    )


def test_long_text_is_folded_at_100_columns_and_multiline_text_is_a_literal_block() -> None:
    words = " ".join(["prévention"] * 14)
    source = f"schema: stspd/1\nnotes:\n  - texte: {words}\n    titre: |\n      a\n\n        b\n"
    result = format_text(source)
    assert result == (
        "schema: stspd/1\n"
        "\n"
        "notes:\n"
        "  - titre: |\n"
        "      a\n"
        "\n"
        "        b\n"
        "    texte: >-\n"
        f"      {' '.join(['prévention'] * 8)}\n"
        f"      {' '.join(['prévention'] * 6)}\n"
    )
    assert max(len(line) for line in result.splitlines()) <= 100


@pytest.mark.parametrize(
    "text",
    [
        "  commence par des espaces\net continue",
        "garde les lignes vides\n\n\n",
        "espaces en fin   \nde ligne",
        "\nligne vide au début",
        "double  espace " + "mot " * 30,
    ],
)
def test_texts_yaml_finds_awkward_come_back_identical(text: str) -> None:
    source = f"schema: stspd/1\nnotes:\n  - texte: {_json(text)}\n    annee: 2020\n"
    result = format_text(source)
    back = load_bytes(result.encode(), "x.yaml").data
    assert back is not None
    assert back["notes"][0]["texte"] == text
    assert format_text(result) == result


def _json(text: str) -> str:
    import json  # noqa: PLC0415

    return json.dumps(text, ensure_ascii=False)


def test_line_endings_and_byte_order_mark_are_kept() -> None:
    source = b"territoire:\r\n  nom: X\r\nschema: stspd/1\r\n"
    result = format_bytes(b"\xef\xbb\xbf" + source, "x.yaml")
    assert result == b"\xef\xbb\xbfschema: stspd/1\r\n\r\nterritoire:\r\n  nom: X\r\n"


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_real_strategies_are_already_formatted(path: Path) -> None:
    result = format_file(path)
    assert not result.changed, f"{path.name} n'est pas en forme : lancez stspd fmt\n{result.diff()}"


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_real_strategies_in_reverse_order_come_back_the_same(path: Path) -> None:
    """Every mapping of a real strategy written in reverse order (by another YAML writer):
    fmt gives the same layout as from the original order, with the same data."""
    loaded = load_bytes(path.read_bytes(), path.name)
    assert loaded.data is not None
    straight = format_text(_dump(loaded.data))
    reverse = format_text(_dump(_reversed(loaded.data)))
    assert reverse == straight
    assert same_data(load_bytes(reverse.encode(), path.name).data, loaded.data)
    assert format_text(reverse) == reverse


def _reversed(value: object) -> object:
    if isinstance(value, dict):
        return {k: _reversed(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [_reversed(item) for item in value]
    return value


def _dump(data: object) -> str:
    import io  # noqa: PLC0415

    from ruamel.yaml import YAML  # noqa: PLC0415

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def test_same_data_is_strict_about_types() -> None:
    assert same_data({"a": [1, 2.5]}, {"a": [1, 2.5]})
    assert not same_data({"a": 1}, {"a": 1.0})
    assert not same_data({"a": 1}, {"a": True})
    assert same_data(float("nan"), float("nan"))


# --- Command line -------------------------------------------------------------------------------


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "strategies").mkdir()
    return tmp_path


MESSY = "territoire:\n  nom: X\n  instance: CLSPD\nschema: stspd/1  # modèle\n"
TIDY = "schema: stspd/1  # modèle\n\nterritoire:\n  nom: X\n  instance: CLSPD\n"


def test_fmt_rewrites_files_and_reports_them(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "strategies" / "a.yaml").write_text(MESSY, encoding="utf-8")
    (work / "strategies" / "b.yaml").write_text(TIDY, encoding="utf-8")
    code, out, err = run(capsys, "fmt")
    assert (code, out) == (0, "")
    assert err == (
        "stspd : strategies/a.yaml mis en forme\n"
        "stspd : 1 fichier mis en forme, 1 fichier déjà en forme\n"
    )
    assert (work / "strategies" / "a.yaml").read_text(encoding="utf-8") == TIDY
    assert run(capsys, "fmt")[2] == "stspd : 2 fichiers déjà en forme\n"


def test_fmt_check_shows_a_diff_changes_nothing_and_exits_1(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = work / "strategies" / "a.yaml"
    target.write_text(MESSY, encoding="utf-8")
    code, out, err = run(capsys, "fmt", "--check", "strategies/a.yaml")
    assert code == 1
    assert target.read_text(encoding="utf-8") == MESSY
    assert out.startswith("--- strategies/a.yaml\n+++ strategies/a.yaml (mis en forme)\n@@ ")
    assert "+schema: stspd/1  # modèle\n" in out
    assert "-schema: stspd/1  # modèle\n" in out
    assert err.endswith("lancez « stspd fmt » pour les réécrire\n")
    target.write_text(TIDY, encoding="utf-8")
    assert run(capsys, "fmt", "--check", "strategies/a.yaml")[:2] == (0, "")


def test_invalid_yaml_is_reported_with_its_place_and_left_untouched(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = work / "strategies" / "casse.yaml"
    broken.write_text("schema: stspd/1\nterritoire:\n  nom: [Lille\n", encoding="utf-8")
    good = work / "strategies" / "bon.yaml"
    good.write_text(MESSY, encoding="utf-8")
    code, _out, err = run(capsys, "fmt")
    assert code == 1
    assert "stspd : strategies/casse.yaml:" in err
    assert " S001 " in err
    assert "conseil : stspd validate strategies/casse.yaml" in err
    assert "Traceback" not in err
    assert broken.read_text(encoding="utf-8").endswith("[Lille\n")
    assert good.read_text(encoding="utf-8") == TIDY  # the others are still formatted


def test_an_invalid_date_is_reported_never_quoted(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Written in quotes, « 2026-31-12 » would read as a text and the slip would go unseen:
    fmt reports it where it is, with the form to write, and leaves the file as it was."""
    source = (ROOT / "tests" / "examples" / "invalides" / "dates-a-la-francaise.yaml").read_text(
        encoding="utf-8"
    )
    target = work / "strategies" / "dates.yaml"
    target.write_text(source, encoding="utf-8")
    code, out, err = run(capsys, "fmt", "strategies/dates.yaml")
    assert (code, out) == (1, "")
    assert err == (
        "stspd : strategies/dates.yaml:19:18: erreur M005 « debut » : date « 09/2026 » invalide "
        'ou impossible ; écrivez "2026-09" (et 2 autres dates) ; fichier laissé tel quel\n'
        "  conseil : corrigez la date, puis relancez stspd fmt ; « stspd validate "
        "strategies/dates.yaml » liste tout\n"
    )
    assert target.read_text(encoding="utf-8") == source
    assert run(capsys, "fmt", "--check", "strategies/dates.yaml")[0] == 1
    # A date fmt can write in ISO form is only rewritten: « 2020-1-31 » becomes 2020-01-31.
    assert "fin: 2020-01-31" in format_text(
        source.replace("fin: 2026-31-12", "fin: 2020-1-31")
        .replace("debut: 09/2026", "debut: 2020-01-01")
        .replace("echeance: 31/12/2026", "echeance: 2020")
    )


def test_unreadable_files_exit_2(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "strategies" / "latin1.yaml").write_bytes("nom: é\n".encode("latin-1"))
    code, _out, err = run(capsys, "fmt", "strategies/latin1.yaml", "strategies/absent.yaml")
    assert code == 2
    assert "S004" in err
    assert "S013" in err
    with pytest.raises(UnreadableInputError):
        format_file(work / "strategies" / "latin1.yaml")
    (work / "strategies" / "dup.yaml").write_text("schema: stspd/1\na: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(InvalidStrategyError):
        format_file(work / "strategies" / "dup.yaml")


def test_nothing_is_written_when_the_result_would_lose_a_comment(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = work / "strategies" / "a.yaml"
    target.write_text(MESSY, encoding="utf-8")

    def forgetful(data: object, layout: object, shape: object) -> list[str]:
        return ["schema: stspd/1", "territoire:", "  nom: X", "  instance: CLSPD"]

    monkeypatch.setattr(fmt_module, "emit", forgetful)
    with pytest.raises(FormatError, match="un commentaire aurait été perdu"):
        format_text(MESSY)
    code, _out, err = run(capsys, "fmt")
    assert code == 3
    assert "mise en forme refusée" in err
    assert target.read_text(encoding="utf-8") == MESSY


def test_nothing_is_written_when_the_data_would_change(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fmt_module, "emit", lambda *_: ["schema: stspd/1", "nom: Y"])
    with pytest.raises(FormatError, match="les données relues diffèrent"):
        format_text("schema: stspd/1\nnom: X\n")


def test_an_interrupted_write_leaves_the_strategy_whole(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = work / "strategies" / "a.yaml"
    target.write_text(MESSY, encoding="utf-8")

    def crash(self: Path, target_path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(SystemExit):
        from stspd_cli.cli import main  # noqa: PLC0415

        main(["fmt"])
    assert target.read_text(encoding="utf-8") == MESSY
    assert [p.name for p in (work / "strategies").iterdir()] == ["a.yaml"]  # no temporary file


def test_a_file_saved_meanwhile_is_not_overwritten(work: Path) -> None:
    from stspd_cli.roundtrip import replace_file  # noqa: PLC0415

    target = work / "strategies" / "a.yaml"
    target.write_text(MESSY, encoding="utf-8")
    with pytest.raises(OutputError, match="a changé pendant la mise en forme"):
        replace_file(target, b"autre contenu", TIDY.encode())
    assert target.read_text(encoding="utf-8") == MESSY


def test_fmt_keeps_the_file_mode(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = work / "strategies" / "a.yaml"
    target.write_text(MESSY, encoding="utf-8")
    target.chmod(0o640)
    run(capsys, "fmt")
    assert target.read_text(encoding="utf-8") == TIDY
    assert target.stat().st_mode & 0o777 == 0o640


EXAMPLES = sorted((ROOT / "tests").rglob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT / "tests")))
def test_every_readable_example_formats_once_and_for_all(path: Path) -> None:
    """The test suites' example files, good and bad: fmt either refuses one it cannot read
    (with the reason) or formats it, never failing its own check, and a second pass is a no-op."""
    try:
        once = format_bytes(path.read_bytes(), path.name)
    except (InvalidStrategyError, UnreadableInputError):
        return
    assert format_bytes(once, path.name) == once


def test_a_symbolic_link_stays_a_link(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = work / "ailleurs.yaml"
    target.write_text(MESSY, encoding="utf-8")
    link = work / "strategies" / "a.yaml"
    link.symlink_to(target)
    assert run(capsys, "fmt")[0] == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == TIDY


# --- Files found in form before, and many files at once -------------------------------------


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names fmt formats (in this process: fewer than PARALLEL_FROM files)."""
    formatted: list[str] = []
    real = fmt_module.format_bytes

    def counted(data: bytes, name: str) -> bytes:
        formatted.append(name)
        return real(data, name)

    monkeypatch.setattr(fmt_module, "format_bytes", counted)
    return formatted


def test_files_found_in_form_are_skipped_the_next_time(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from stspd_cli import cache  # noqa: PLC0415

    cache.cache_dir.cache_clear()
    mark = f"# {uuid.uuid4()}\n"  # bytes no other test has formatted in this session
    (work / "strategies" / "a.yaml").write_text(MESSY + mark, encoding="utf-8")
    (work / "strategies" / "b.yaml").write_text(TIDY + mark, encoding="utf-8")
    formatted = _counting(monkeypatch)
    first = run(capsys, "fmt", "--check")
    assert sorted(formatted) == ["strategies/a.yaml", "strategies/b.yaml"]
    formatted.clear()
    assert run(capsys, "fmt", "--check") == first  # same diff, same summary, same code
    assert formatted == ["strategies/a.yaml"]  # b.yaml is known to be in form
    formatted.clear()
    (work / "strategies" / "b.yaml").write_text(TIDY + mark + "# une de plus\n", encoding="utf-8")
    run(capsys, "fmt", "--check")
    assert sorted(formatted) == ["strategies/a.yaml", "strategies/b.yaml"]


def test_an_entry_not_signed_by_stspd_is_not_believed(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A planted entry that says « in form » does not hide a file to format."""
    from stspd_cli import cache  # noqa: PLC0415

    cache.cache_dir.cache_clear()
    (work / "strategies" / "a.yaml").write_text(MESSY, encoding="utf-8")
    entry, known = cache.in_form(MESSY.encode(), "strategies/a.yaml")
    assert not known
    folder = cache.cache_dir(cache.FMT)
    assert folder is not None
    planted = folder / entry[:2] / f"{entry}.json"
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_bytes(b'{"en_forme": true}')
    assert cache.in_form(MESSY.encode(), "strategies/a.yaml") == (entry, False)
    formatted = _counting(monkeypatch)
    code, _out, err = run(capsys, "fmt", "--check")
    assert code == 1
    assert "strategies/a.yaml n'est pas en forme" in err
    assert formatted == ["strategies/a.yaml"]


def test_many_files_in_worker_processes_as_one_after_the_other(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STSPD_NO_CACHE", "1")
    for i in range(12):
        text = MESSY if i % 3 == 0 else TIDY
        (work / "strategies" / f"s{i:02d}.yaml").write_text(text, encoding="utf-8")
    (work / "strategies" / "casse.yaml").write_text("schema: stspd/1\nx: [\n", encoding="utf-8")
    parallel = run(capsys, "fmt", "--check")
    monkeypatch.setattr(fmt_module, "PARALLEL_FROM", 10_000)
    assert run(capsys, "fmt", "--check") == parallel
    assert parallel[0] == 1
    assert "strategies/s00.yaml n'est pas en forme" in parallel[2]
    assert "casse.yaml" in parallel[2]
    run(capsys, "fmt")
    monkeypatch.setattr(fmt_module, "PARALLEL_FROM", 8)
    assert run(capsys, "fmt", "--check")[0] == 1  # casse.yaml still cannot be read
    assert all(p.read_text(encoding="utf-8") == TIDY for p in (work / "strategies").glob("s*.yaml"))
