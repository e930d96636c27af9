"""Coverage-guided fuzzing of the outputs: whatever a strategy holds, no output obeys it.

For every input that loads as a valid strategy, the property checks each output built from it:

- the Markdown outputs (feuille de route public and internal, note de modification against the
  demo, bilan) give no HTML but the templates' anchors and line breaks, and no link to anything
  but an anchor, a relative address or an http(s), mailto or tel one, for a permissive reader
  (markdown-it with raw HTML on, every link accepted);
- the text outputs (validate, texte, diff, bilan) hold no character a terminal would obey, and
  the JSON outputs read back as the same JSON, with none either;
- the public outputs name no restricted identifier.

Run (atheris is not a project dependency; install it in the virtual environment first):

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_outputs.py --seed fuzz/corpus-sorties -max_total_time=300
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from datetime import date
from pathlib import Path

import atheris  # type: ignore[import-not-found]

with atheris.instrument_imports():
    from stspd_cli.confidentiality import view
    from stspd_cli.diff import diff_documents
    from stspd_cli.diff.formats import FORMATS as DIFF_FORMATS
    from stspd_cli.diff.formats import DiffOutput
    from stspd_cli.diff.present import present
    from stspd_cli.diff.textconv import as_text
    from stspd_cli.errors import StspdError
    from stspd_cli.formats.findings import FORMATS as FINDING_FORMATS
    from stspd_cli.formats.findings import OutputOptions
    from stspd_cli.load import load_bytes
    from stspd_cli.model.references import declared
    from stspd_cli.render import render_document
    from stspd_cli.render.markdown import active_content
    from stspd_cli.report.compute import territory_report
    from stspd_cli.report.formats import FORMATS as REPORT_FORMATS
    from stspd_cli.strategy_io import load_model, model_from_loaded
    from stspd_cli.terminal import has_hidden
    from stspd_cli.validate import FileResult, ValidationReport, check_loaded

ROOT = Path(__file__).parent.parent
TODAY = date(2026, 1, 15)
BASE = load_model(ROOT / "examples" / "demo-fictive.yaml")
TEMPLATE_HTML = re.compile(r'<a id="[a-z0-9-]+">(?:</a>)?\n?|</a>|<br>')


def _inert_markdown(text: str) -> None:
    for found in active_content(text):
        assert TEMPLATE_HTML.fullmatch(found), found


def _inert_text(text: str) -> None:
    assert not has_hidden(re.sub(r"\x1b\[[0-9;]*m", "", text)), text


def one_input(data: bytes) -> None:
    loaded = load_bytes(data, "fuzz.yaml")
    result = check_loaded(loaded, TODAY)
    report = ValidationReport([FileResult("fuzz.yaml", result.findings, semantics_checked=True)])
    for name in ("text", "github"):
        _inert_text(FINDING_FORMATS[name](report, OutputOptions()))
    json.loads(FINDING_FORMATS["json"](report, OutputOptions()))
    try:
        doc = model_from_loaded(loaded)
    except StspdError:
        return
    public = view(doc, interne=False)
    changes = diff_documents(BASE, public)
    note = DiffOutput(changes, present(changes, BASE, public, "demo.yaml", "fuzz.yaml"))
    bilan = {"date": "2026-01-15", "diffusion": "publique"}
    bilan["territoires"] = [territory_report(public, TODAY, "fuzz")]  # type: ignore[assignment]
    markdown = [
        render_document(doc, "md").decode("utf-8"),
        render_document(doc, "md", interne=True).decode("utf-8"),
        DIFF_FORMATS["md"](note),
        str(REPORT_FORMATS["md"](bilan, False)),
    ]
    for text in markdown:
        _inert_markdown(text)
    texts = [as_text(public), DIFF_FORMATS["text"](note), str(REPORT_FORMATS["text"](bilan, True))]
    for text in texts:
        _inert_text(text)
    for text in (DIFF_FORMATS["json"](note), str(REPORT_FORMATS["json"](bilan, False))):
        json.loads(text)
        _inert_text(text)
    hidden = {i for kind, items in declared(doc).items() for i in items} - {
        i for kind, items in declared(public).items() for i in items
    }
    for text in (*markdown[:1], *markdown[2:], *texts):
        for ident in hidden:
            # An identifier may also be a plain word of a public text: only whole references
            # (« pilote : ident », a link to its anchor) would betray it.
            assert f": {ident}\n" not in text and f"-{ident})" not in text, ident


def seed(corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    for folder in ("tests/examples/valides", "tests/examples/invalides", "strategies", "examples"):
        for path in sorted((ROOT / folder).glob("*.yaml")):
            shutil.copy(path, corpus / f"{Path(folder).name}-{path.name}")


if __name__ == "__main__":
    if "--seed" in sys.argv:
        sys.argv.remove("--seed")
        seed(Path(sys.argv[1]))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
