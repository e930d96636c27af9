"""``stspd convertir``'s pipeline: read -> leave out furniture -> recognise -> write -> check."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from stspd_cli.convert.blocks import Document
from stspd_cli.convert.coverage import Coverage, measure
from stspd_cli.findings import Finding


@dataclass(slots=True)
class Conversion:
    """A converted strategy: its YAML, what it holds, and what the reader should check."""

    source: str
    kind: str
    text: str
    data: dict[str, Any]
    coverage: Coverage
    left_out: list[str]
    notes: list[str]
    fields: dict[str, int]
    checks: int
    chapters: int
    findings: list[Finding] = field(default_factory=list)
    target: str | None = None

    @property
    def errors(self) -> list[Finding]:
        from stspd_cli.findings import Severity  # noqa: PLC0415

        return [f for f in self.findings if f.severity is Severity.ERROR]


def recognise(doc: Document, fallback_title: str) -> tuple[dict[str, Any], Any]:
    """The strategy's data and the draft (checks, counts) from a document's blocks."""
    from stspd_cli.convert.furniture import leave_out_furniture  # noqa: PLC0415
    from stspd_cli.convert.rules.finish import finish  # noqa: PLC0415
    from stspd_cli.convert.rules.walker import Walker  # noqa: PLC0415

    leave_out_furniture(doc)
    walker = Walker(doc)
    walker.run()
    text = "\n".join(t for block in doc.blocks for t in block.texts())
    draft = finish(walker, text, fallback_title)
    return draft.data, draft


def convert_document(doc: Document, *, shown_as: str, today: date) -> Conversion:
    from stspd_cli.convert.write import CHECK, yaml_text  # noqa: PLC0415
    from stspd_cli.edit.skeleton import schema_ref_for  # noqa: PLC0415
    from stspd_cli.load import load_source  # noqa: PLC0415
    from stspd_cli.source import Source  # noqa: PLC0415
    from stspd_cli.validate import check_loaded  # noqa: PLC0415

    data, draft = recognise(doc, Path(doc.name).stem)
    schema_ref, _ = schema_ref_for(Path(shown_as))
    head = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# Converti par « stspd convertir » depuis {Path(doc.name).name} le {today.isoformat()}.",
        "# Relisez chaque commentaire « à vérifier », puis retirez-le.",
    ]
    text = yaml_text(data, draft.checks, head, shown_as)
    loaded = load_source(Source(file=shown_as, text=text, data=text.encode("utf-8")))
    findings = check_loaded(loaded, today).findings
    return Conversion(
        source=doc.name,
        kind=doc.kind,
        text=text,
        data=data,
        coverage=measure(doc, loaded.data or data, draft.structure),
        left_out=doc.left_out,
        notes=doc.notes,
        fields=dict(draft.fields),
        checks=text.count(CHECK.strip()),
        chapters=draft.chapters_made,
        findings=findings,
    )


def default_target(source: Path) -> Path:
    """``Stratégie 2021.docx`` -> ``strategie-2021.yaml`` in the current folder."""
    from stspd_cli.edit.skeleton import slugify  # noqa: PLC0415

    return Path(f"{slugify(source.stem)}.yaml")


def convert_file(
    source: Path, output: str | None, *, today: date, display: str | None = None
) -> Conversion:
    """Read ``source``, write the strategy to ``output`` (never over an existing file)."""
    from stspd_cli.convert.readers import read_document  # noqa: PLC0415
    from stspd_cli.edit.skeleton import write_new  # noqa: PLC0415

    name = display or str(source)
    to_stdout = output == "-"
    target = None if to_stdout else Path(output) if output else default_target(source)
    if target is not None:
        _check_target(target)
    doc = read_document(source, name)
    done = convert_document(doc, shown_as=str(target) if target else "-", today=today)
    if target is not None:
        write_new(target, done.text)
        done.target = str(target)
    return done


def _check_target(target: Path) -> None:
    from stspd_cli.errors import OutputError, UsageError  # noqa: PLC0415

    if target.suffix.lower() not in {".yaml", ".yml"}:
        msg = f"« {target} » : une stratégie est un fichier .yaml"
        raise UsageError(msg, hint=f"par exemple : -o {target.with_suffix('.yaml')}")
    if target.exists() or target.is_symlink():
        msg = f"« {target} » existe déjà : stspd convertir n'écrase jamais un fichier"
        raise OutputError(msg, hint="choisissez un autre nom avec -o, ou supprimez ce fichier.")
