"""``stspd render``: where rendered documents go, by the one output rule (:mod:`stspd_cli.target`).

One strategy goes to ``-o FICHIER``, to standard output, or into a folder; a folder of
strategies (``strategies/`` by default) gives one document per strategy in a folder (``build/``
by default), under the same relative names. A source strategy is never written over: an output
named ``*.yaml``/``*.yml``, or that is one of the strategies being rendered, is refused before
anything is written. A strategy that cannot be rendered does not stop the others.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from stspd_cli.discovery import STDIN, Selection
from stspd_cli.errors import InvalidStrategyError, StspdError, UnreadableInputError
from stspd_cli.outcome import Outcome
from stspd_cli.target import Target, audience, refuse_sources, wrote


class Job(NamedTuple):
    source: Path
    target: Path | None  # None: standard output


def plan_jobs(selection: Selection, target: Target, *, interne: bool) -> list[Job]:
    """The (strategy, output) pairs; refuse one that would write over a strategy."""
    from stspd_cli.inputs import input_stem  # noqa: PLC0415

    jobs = []
    for path in selection.files:
        out = target.file_for(input_stem(path), interne=interne)
        base = selection.found_in.get(path)
        if out is not None and target.path is None and base is not None:
            # A folder's strategies keep their relative place: strategies/a/b.yaml -> build/a/b.html
            out = out.parent / path.parent.relative_to(base) / out.name
        jobs.append(Job(path, out))
    refuse_sources([j.target for j in jobs], [j.source for j in jobs])
    return jobs


def render_paths(
    sources: list[Path] | None,
    *,
    output: str | None = None,
    format_name: str | None = None,
    interne: bool = False,
    templates: Path | None = None,
    brouillon: bool = False,
    today: date | None = None,
) -> Outcome:
    """Render one strategy, or every strategy of a folder, to where the output rule says.

    Without a format, the output file's extension chooses it (html by default). A folder in a
    binary format renders in worker processes, one per available core. With ``brouillon``, a
    strategy with errors is rendered as a draft (:mod:`stspd_cli.render.draft`) and still counts
    as invalid."""
    from stspd_cli.discovery import select  # noqa: PLC0415
    from stspd_cli.formats.registries import target_for  # noqa: PLC0415
    from stspd_cli.target import write  # noqa: PLC0415

    selection = select(sources, stdin=True)
    target = target_for(
        "render", format_name, output, many=selection.folders or len(selection.files) > 1
    )
    jobs = plan_jobs(selection, target, interne=interne)
    work = [_Work(job, target.spec.name, interne, templates, today, brouillon) for job in jobs]
    to_print = target.spec.name == "pdf" and not _kept_before(work)
    if target.spec.binary and STDIN not in selection.files and len(work) >= PARALLEL_FROM:
        from stspd_cli.workers import in_order  # noqa: PLC0415

        done = in_order(
            _render_one,
            work,
            at_least=PARALLEL_FROM,
            preload=lambda: _preload(target.spec.name) if to_print else None,
        )
    elif to_print and len(work) == 1:
        from stspd_cli.render.pdf import printer_ahead  # noqa: PLC0415

        with printer_ahead():  # WeasyPrint loads on the other core meanwhile
            done = list(map(_render_one, work))
    else:
        done = list(map(_render_one, work))
    outcome = Outcome()
    drafts: list[tuple[str, int]] = []
    for job, data, error, draft_errors, left in done:
        if error is not None:
            outcome.errors.append(error)
            continue
        if draft_errors:
            from stspd_cli.inputs import display_name  # noqa: PLC0415

            drafts.append((display_name(job.source), draft_errors))
        if job.target is None:
            outcome.stdout = data
        else:
            assert data is not None
            write(job.target, data)
            outcome.say(wrote(job.target, audience(interne)))
        outcome.say(_left_line(job, left))
    outcome.say(selection.skipped_line())
    if len(outcome.errors) > 1:
        outcome.errors = [_summary_error(outcome.errors)]
    elif drafts and not outcome.errors:
        outcome.errors = [_drafts_error(drafts)]
    return outcome


def _left_line(job: Job, left: int) -> str | None:
    """The texts the document prints still « à compléter » (rule T001), said after it is
    written: a feuille de route is not taken to the plenary with them unseen."""
    if not left:
        return None
    from stspd_cli.fr import plural  # noqa: PLC0415
    from stspd_cli.inputs import display_name  # noqa: PLC0415

    name = display_name(job.source)
    texts = plural(left, "texte")
    return f"  attention : {texts} encore « à compléter » (stspd validate {name} les situe)"


def _summary_error(failed: list[StspdError]) -> StspdError:
    """One error for every strategy that could not be rendered (the others were written)."""
    first = failed[0]
    msg = f"{len(failed)} stratégies non rendues ; la première : {first.message}"
    kind = type(first) if isinstance(first, InvalidStrategyError) else StspdError
    error = kind(msg, hint=first.hint)
    error.exit_code = max(e.exit_code for e in failed)
    return error


def _drafts_error(drafts: list[tuple[str, int]]) -> StspdError:
    """Drafts were written, but their strategies are still invalid (exit 1)."""
    from stspd_cli.fr import plural  # noqa: PLC0415

    name, errors = drafts[0]
    more = f" (et {plural(len(drafts) - 1, 'autre')})" if len(drafts) > 1 else ""
    msg = (
        f"{name} rendu en brouillon{more} : la stratégie n'est pas valide "
        f"({plural(errors, 'erreur')})"
    )
    return InvalidStrategyError(msg, hint=f"« stspd validate {name} » liste chaque problème")


# A folder of strategies in a binary format (PDF: about a second each) renders in worker
# processes from two strategies on, one per available core.
PARALLEL_FROM = 2


def _preload(format_name: str) -> None:
    """Import what a format needs once, before the workers fork."""
    if format_name == "pdf":
        from stspd_cli.render.pdf import weasyprint_module  # noqa: PLC0415

        weasyprint_module()


class _Work(NamedTuple):
    job: Job
    format_name: str
    interne: bool
    templates: Path | None
    today: date | None
    brouillon: bool

    def mark_options(self) -> list[str]:
        """What the mark of a kept document says besides the strategy's bytes
        (:func:`stspd_cli.render.document_cache.kept_before`)."""
        day = self.today or date.today()
        return [str(self.templates or ""), "brouillon" * self.brouillon, day.isoformat()]


def _kept_before(work: list[_Work]) -> bool:
    """Every document of ``work`` is a public PDF kept when its strategy, unchanged since,
    was last rendered: it will be given again, and WeasyPrint need not be loaded ahead."""
    from stspd_cli.render import document_cache  # noqa: PLC0415

    if not work or any(w.interne or w.job.source == STDIN for w in work):
        return False
    return all(
        document_cache.kept_before(w.format_name, [w.job.source], w.mark_options()) for w in work
    )


def _render_one(work: _Work) -> tuple[Job, bytes | None, StspdError | None, int, int]:
    """One strategy rendered: its bytes (and, for a draft, its number of errors; the number
    of texts it prints still « à compléter »), or the error that stopped it (others go on)."""
    from stspd_cli.checks.completion import left_to_complete  # noqa: PLC0415
    from stspd_cli.render import render_document  # noqa: PLC0415
    from stspd_cli.render.settings import template_dirs  # noqa: PLC0415

    job = work.job
    errors = 0
    try:
        dirs = template_dirs(work.templates, job.source)
        if work.brouillon:
            from stspd_cli.findings import Severity  # noqa: PLC0415
            from stspd_cli.render.draft import draft_of  # noqa: PLC0415
            from stspd_cli.strategy_io import load_draft  # noqa: PLC0415

            read = load_draft(job.source, work.today)
            doc = read.doc
            draft = draft_of(read.findings, read.data, read.file, interne=work.interne)
            data = render_document(
                doc, work.format_name, interne=work.interne, templates=dirs, draft=draft
            )
            errors = sum(f.severity is Severity.ERROR for f in read.findings)
        else:
            from stspd_cli.strategy_io import load_model  # noqa: PLC0415

            doc = load_model(job.source, work.today)
            data = render_document(doc, work.format_name, interne=work.interne, templates=dirs)
        left = sum(1 for _ in left_to_complete(doc, restricted=work.interne))
    except (InvalidStrategyError, UnreadableInputError) as error:
        return job, None, error, 0, 0
    if work.format_name == "pdf" and not work.interne and job.source != STDIN:
        from stspd_cli.render import document_cache  # noqa: PLC0415

        document_cache.mark_kept("pdf", job.source, work.mark_options())
    return job, data, None, errors, left
