"""Output formats of ``stspd report`` (registry ``FORMATS``): text, json, csv, md, html."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stspd_cli.dates import PartialDate
from stspd_cli.fr import date_fr, number_fr, percent_fr, plural
from stspd_cli.labels import Labels
from stspd_cli.period import Period
from stspd_cli.progress import UNKNOWN_STATUS
from stspd_cli.proposals import ProposalCounts, proposals_phrase
from stspd_cli.report.compute import FUNDING_STATES, listed
from stspd_cli.report.funding import (
    UNKNOWN_STATE_NOTE,
    FundingTable,
    consolidated_table,
    funding_sentence,
    funding_tables,
    has_unknown_state,
)
from stspd_cli.spreadsheet.formulas import csv_file
from stspd_cli.terminal import Shown, json_items, json_part, rendered
from stspd_cli.terminal import console as terminal_console
from stspd_cli.vocabulary import label

if TYPE_CHECKING:
    from datetime import date

# The name and version of the JSON output (docs/sorties.md, schema/stspd-report-1.schema.json).
JSON_FORMAT = "stspd-report/1"

Formatter = Callable[[dict[str, Any], bool], str | bytes]
FORMATS: dict[str, Formatter] = {}


def formatter(name: str) -> Callable[[Formatter], Formatter]:
    def register(fn: Formatter) -> Formatter:
        FORMATS[name] = fn
        return fn

    return register


def status_label(key: str) -> str:
    return "non renseigné" if key == UNKNOWN_STATUS else label("statut", key)


def pct(value: float | None) -> str:
    return "—" if value is None else percent_fr(value)


def labels_of(territory: dict[str, Any]) -> Labels:
    return Labels.from_json(territory["libelles"])


def period_words(territory: dict[str, Any], today: date) -> tuple[str, str] | None:
    """(``du 1er juillet 2024 au 30 juin 2027``, ``Période prorogée jusqu'au 31 décembre 2027
    par l'avenant du 18 juin 2026, en cours au 15 janvier 2026.``): the period as adopted, then
    what became of it at the report's date."""
    if territory["periode"] is None:
        return None
    period = Period.from_json(territory["periode"])
    extension = period.extension()
    state = period.state(today)
    then = f"Période {extension}, {state}." if extension else f"Période {state}."
    return period.initial_span(), then


def proposals_words(territory: dict[str, Any]) -> str | None:
    """« 8 propositions retenues sur 10, dont 6 reprises dans une fiche-action »."""
    counts = territory.get("propositions")
    if not counts:
        return None
    return proposals_phrase(ProposalCounts(**counts), labels_of(territory))


def progress_groups(territory: dict[str, Any]) -> list[dict[str, Any]]:
    """The plans' roll-ups, then the actions outside any plan as one more row."""
    groups = list(territory["actions"]["par_plan"])
    outside = territory["actions"].get("hors_plan")
    if outside:
        groups.append({"id": None, "titre": labels_of(territory).transversal(), **outside})
    return groups


def action_names(territory: dict[str, Any]) -> dict[str, str]:
    """Each action's id -> « n°1.2 Titre » (the title alone when unnumbered): how a list of
    actions names them, in every format."""
    return {row["id"]: listed(row) for row in territory["lignes_actions"]}


def without(territory: dict[str, Any], idents: list[str], what: str) -> str:
    """« Sans indicateur (2 actions) : n°1.3 Chantier éducatif ; n°3.1 Extension… », or « Sans
    calendrier : les 19 actions » when none has it: a list of actions names them, in every
    format."""
    action = labels_of(territory).action
    total = territory["actions"]["total"]
    if len(idents) == total > 1:
        return f"Sans {what} : les {action.count(total)}"
    names = action_names(territory)
    listed_names = " ; ".join(names.get(i, i) for i in idents)
    return f"Sans {what} ({action.count(len(idents))}) : {listed_names}"


def has_partly_done(groups: list[dict[str, Any]]) -> bool:
    return any(g.get("partiellement_realisees") for g in groups)


@formatter("json")
def as_json(report: dict[str, Any], color: bool) -> str:
    return whole(STREAMED["json"], report)


CSV_COLUMNS = [
    ("territoire", "Territoire"),
    ("id", "Identifiant"),
    ("numero_affiche", "Numéro"),
    ("plan", "Plan"),
    ("titre", "Titre"),
    ("pilote", "Pilote"),
    ("statut", "Statut"),
    ("avancement", "Avancement (%)"),
    ("echeance", "Échéance"),
    ("jours_de_retard", "Jours de retard"),
    ("indicateurs", "Indicateurs"),
    ("financement_acquis", "Financement acquis (€)"),
    ("financement_demande", "Financement demandé, non acquis (€)"),
    ("financement_non_precise", "Financement, acquis non précisé (€)"),
]


def action_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per action across territories, with French values, for csv and tables."""
    rows = []
    for territory in report["territoires"]:
        late = {row["id"]: row["jours_de_retard"] for row in territory["en_retard"]}
        for row in territory["lignes_actions"]:
            rows.append(
                {
                    "territoire": territory["territoire"],
                    **row,
                    "statut": status_label(row["statut"]),
                    "jours_de_retard": late.get(row["id"]),
                    **{
                        f"financement_{state}": (row["financement"] or {}).get(state) or None
                        for state in FUNDING_STATES
                    },
                }
            )
    return rows


@formatter("csv")
def as_csv(report: dict[str, Any], color: bool) -> bytes:
    """UTF-8 with BOM and « ; » separators: French Excel and LibreOffice open it as is."""
    rows = [[row.get(key) for key, _title in CSV_COLUMNS] for row in action_rows(report)]
    return csv_file([[title for _key, title in CSV_COLUMNS], *rows])


@formatter("text")
def as_text(report: dict[str, Any], color: bool) -> str:
    """Without colours (a file, a pipe), each part laid out by
    :mod:`stspd_cli.report.textlayout`, the same characters rich writes, in a fraction of its
    time, or by rich for a part whose text that layout does not measure (:func:`_laid_out`);
    with colours, by rich. Rich markup is off: a title written ``[link=...]`` or ``[/]`` stays
    text (see :func:`stspd_cli.terminal.console`); styles are given as ``Text`` objects."""
    if not color:
        return whole(STREAMED["text"], report)
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    console, buffer = terminal_console(color=True, width=120)
    _write_text(console, report, Table, Text)
    return rendered(buffer)


@dataclass(frozen=True, slots=True)
class Streamed:
    """A format written one territory at a time, as they come (``report`` over thousands of
    strategies keeps nothing of a territory once written): what comes before the territories
    (from the report's head: its date, its audience), the text of each territory, made in the
    worker process that computed it (``territory``: a module function, sent to the workers
    by name), what comes before each, and the end (from the consolidated view, None for one
    territory, the count of actions without a deadline and the count of territories)."""

    opening: Callable[[dict[str, Any]], str]
    territory: Callable[[dict[str, Any], date], str]
    first: str
    between: str
    closing: Callable[[dict[str, Any] | None, int, int], str]


def streamed(
    fmt: Streamed, start: dict[str, Any], done: Iterable[tuple[dict[str, Any], str]]
) -> Iterator[str]:
    """The pieces of a document whose territories come one at a time with their text
    (:func:`stspd_cli.report.consolidate.territories` with ``prepare=fmt.territory``); the
    consolidated view is added up as they come."""
    from stspd_cli.report.consolidate import Consolidation  # noqa: PLC0415

    totals = Consolidation()
    yield fmt.opening(start)
    for territory, text in done:
        yield (fmt.between if totals.count else fmt.first) + text
        totals.add(territory)
    yield fmt.closing(totals.result(), totals.undated, totals.count)


def whole(fmt: Streamed, report: dict[str, Any]) -> str:
    """The document of a whole report, in the same characters: its consolidated view as the
    report holds it."""
    today = _date(report["date"])
    listed = report["territoires"]
    texts = [fmt.territory(t, today) for t in listed]
    undated = sum(len(t["sans_calendrier"]) for t in listed)
    body = fmt.first + fmt.between.join(texts) if texts else ""
    closing = fmt.closing(report.get("consolide"), undated, len(texts))
    return fmt.opening(report) + body + closing


def _laid_out(write: Callable[[Any, Any, Any], None]) -> str:
    """What ``write(console, Table, Text)`` prints, without colours: laid out by
    :mod:`stspd_cli.report.textlayout`, or by rich when that layout does not measure its text
    as rich would (a wide character, a tab, a line break in a name: ``NotPlain``)."""
    from stspd_cli.report import textlayout  # noqa: PLC0415

    plain = textlayout.Console()
    try:
        write(plain, textlayout.Table, textlayout.Text)
    except textlayout.NotPlain:
        from rich.table import Table  # noqa: PLC0415
        from rich.text import Text  # noqa: PLC0415

        console, buffer = terminal_console(color=False, width=120)
        write(console, Table, Text)
        return rendered(buffer)
    return Shown(plain.text())


def territory_text(territory: dict[str, Any], today: date) -> str:
    """One territory of the text bilan, without colours."""
    return _laid_out(
        lambda console, table, text: _territory_text(console, territory, table, text, today)
    )


def _text_opening(start: dict[str, Any]) -> str:
    return _laid_out(lambda console, _table, text: _header_text(console, start, text))


def _text_closing(consolidated: dict[str, Any] | None, undated: int, _count: int) -> str:
    if consolidated is None:
        return ""
    return _laid_out(
        lambda console, table, text: _consolidated_text(console, consolidated, undated, table, text)
    )


def territory_json(territory: dict[str, Any], today: date) -> str:
    """One territory of the JSON bilan, as an item of its list ``territoires``."""
    return json_items([territory], 1)


def _json_opening(start: dict[str, Any]) -> str:
    return (
        f'{{\n  "format": {json_part(JSON_FORMAT)},\n  "date": {json_part(start["date"])},\n'
        f'  "diffusion": {json_part(start["diffusion"])},\n  "territoires": ['
    )


def _json_closing(consolidated: dict[str, Any] | None, _undated: int, count: int) -> str:
    more = "" if consolidated is None else f',\n  "consolide": {json_part(consolidated, 1)}'
    return ("\n  ]" if count else "]") + f"{more}\n}}\n"


# The formats written one territory at a time (the others are given the whole report): each
# territory's text is made in the worker that computed it, on every core (docs/performance.md).
STREAMED: dict[str, Streamed] = {
    "text": Streamed(_text_opening, territory_text, "", "", _text_closing),
    "json": Streamed(_json_opening, territory_json, "\n    ", ",\n    ", _json_closing),
}


def _write_text(console: Any, report: dict[str, Any], table_cls: Any, text_cls: Any) -> None:
    """The text bilan, printed on ``console`` with ``table_cls`` and ``text_cls`` (rich's
    classes, or those of :mod:`stspd_cli.report.textlayout`)."""
    _header_text(console, report, text_cls)
    today = _date(report["date"])
    for territory in report["territoires"]:
        _territory_text(console, territory, table_cls, text_cls, today)
    if "consolide" in report:
        undated = sum(len(t["sans_calendrier"]) for t in report["territoires"])
        _consolidated_text(console, report["consolide"], undated, table_cls, text_cls)


def _header_text(console: Any, start: dict[str, Any], text_cls: Any) -> None:
    reference = date_fr(_date(start["date"]))
    audience = "version interne" if start["diffusion"] == "interne" else "version publique"
    console.print(
        text_cls.assemble((f"Bilan d'avancement au {reference}", "bold"), f" ({audience})")
    )


def _consolidated_text(
    console: Any, cons: dict[str, Any], undated: int, table_cls: Any, text_cls: Any
) -> None:
    Table, Text = table_cls, text_cls
    console.print()
    console.rule(Text(f"Vue consolidée : {plural(cons['territoires'], 'territoire')}", "bold"))
    table = Table("Statut", "Actions", "Part", title="Actions par statut")
    for key, value in cons["actions"]["par_statut"].items():
        table.add_row(status_label(key), str(value["nombre"]), pct(value["pourcentage"]))
    console.print(table)
    money = cons["financement"]
    sources = consolidated_table(money)
    if sources is not None:
        console.print(_rich_table(Table, sources))
    unknown = f", échéance inconnue pour {plural(undated, 'action')}" if undated else ""
    console.print(
        f"En retard : {cons['en_retard']['nombre']} ({pct(cons['en_retard']['pourcentage'])})"
        f"{unknown} ; financement : {funding_sentence(money)}."
    )


def _date(text: str) -> Any:
    from datetime import date  # noqa: PLC0415

    return date.fromisoformat(text)


def _territory_text(
    console: Any, t: dict[str, Any], table_cls: Any, text_cls: Any, today: date
) -> None:
    console.print()
    console.rule(text_cls(f"{t['instance']} {t['territoire']}", "bold"))
    words = labels_of(t)
    action = words.action
    period = period_words(t, today)
    if period:
        console.print(f"Période : {period[0]}. {period[1]}")
    proposals = proposals_words(t)
    if proposals:
        console.print(f"Propositions : {proposals}.")
    total = t["actions"]["total"]
    if not total:
        console.print(
            f"La stratégie ne comporte {words.fiche.none()} : pas d'avancement à mesurer."
        )
        return
    statuses = table_cls(
        "Statut", action.title(plural=True), "Part", title=f"{action.count(total)} par statut"
    )
    for key, value in t["actions"]["par_statut"].items():
        if value["nombre"]:
            statuses.add_row(status_label(key), str(value["nombre"]), pct(value["pourcentage"]))
    console.print(statuses)
    unknown = t["actions"]["par_statut"][UNKNOWN_STATUS]["nombre"]
    if unknown:
        console.print(
            f"Statut non renseigné pour {action.count(unknown)} sur {total} : leur avancement "
            "est inconnu, il n'est pas compté comme nul."
        )
    for groups, noun in (
        (progress_groups(t), words.plan),
        (t["actions"]["par_objectif"], words.objectif),
    ):
        if groups:
            title = f"Par {noun.word()}"
            console.print(
                _progress_table(table_cls, noun.title(), title, groups, action.title(plural=True))
            )
    if t["en_retard"]:
        late = table_cls(
            action.title(),
            "Échéance",
            "Retard",
            "Statut",
            title=f"{action.title(plural=True)} en retard",
        )
        for row in t["en_retard"]:
            late.add_row(
                listed(row),
                date_fr(PartialDate.parse(row["echeance"])),
                plural(row["jours_de_retard"], "jour"),
                status_label(row["statut"]),
            )
        console.print(late)
    if t["sans_calendrier"]:
        undated = without(t, t["sans_calendrier"], "calendrier")
        console.print(f"{undated} ; leur retard éventuel est inconnu.")
    _indicators_text(console, t, table_cls)
    _funding_text(console, t, table_cls)
    _actors_text(console, t, table_cls)
    _alignment_text(console, t)
    quality = t["qualite"]
    console.print(
        "Qualité des données : "
        + " ; ".join(
            f"{name} {pct(quality[key]['pourcentage'])}"
            for key, name in (
                ("statut", "statut renseigné"),
                ("pilote", "pilote"),
                ("calendrier", "calendrier"),
                ("indicateurs", "indicateurs"),
                ("financement", "financement"),
            )
        )
    )


def _progress_table(
    table_cls: Any, heading: str, title: str, groups: list[dict[str, Any]], actions: str
) -> Any:
    partly = has_partly_done(groups)
    columns = [heading, actions, "Réalisées", "Part réalisée"]
    if partly:
        columns += ["Partiellement réalisées"]
    table = table_cls(*columns, "Avancement moyen", title=title)
    for group in groups:
        mean = group["avancement_moyen"]
        shown = "—" if mean is None else f"{pct(mean)} (sur {group['avancement_renseigne']})"
        done = group["realisees"]
        cells = [
            group["titre"],
            str(group["actions"]),
            "—" if done is None else str(done),
            pct(group["part_realisees"]),
        ]
        if partly:
            some = group["partiellement_realisees"]
            cells.append("—" if some is None else str(some))
        table.add_row(*cells, shown)
    return table


def _indicators_text(console: Any, t: dict[str, Any], table_cls: Any) -> None:
    action = labels_of(t).action
    if t["indicateurs"]:
        table = table_cls(
            action.title(),
            "Indicateur",
            "Initiale",
            "Cible",
            "Dernière mesure",
            "Atteinte",
            title="Indicateurs",
        )
        for row in t["indicateurs"]:
            latest = row["derniere_valeur"]
            when = row["date_derniere_mesure"]
            if latest is None:
                shown = "aucune mesure"
            else:
                shown = f"{number_fr(latest)} ({date_fr(PartialDate.parse(when))})"
                if row["perime"]:
                    shown += ", il y a plus d'un an"
            table.add_row(
                _listed_indicator(row),
                row["libelle"],
                _number_or_dash(row["valeur_initiale"]),
                _number_or_dash(row["cible"]),
                shown,
                pct(row["taux_atteinte"]),
            )
        console.print(table)
    missing = len(t["actions_sans_indicateur"])
    if missing:
        console.print(f"{without(t, t['actions_sans_indicateur'], 'indicateur')}.")


def _listed_indicator(row: dict[str, Any]) -> str:
    if row["action_reference"] == row["action_titre"]:  # an unnumbered action: its title
        return str(row["action_titre"])
    return f"{row['action_reference']} {row['action_titre']}"


def _number_or_dash(value: float | None) -> str:
    return "—" if value is None else number_fr(value)


def plan_titles(territory: dict[str, Any]) -> dict[str, str]:
    return {p["id"]: p["titre"] for p in territory["actions"]["par_plan"]}


def _funding_text(console: Any, t: dict[str, Any], table_cls: Any) -> None:
    funding = t["financement"]
    tables = funding_tables(funding, labels_of(t), plan_titles(t))
    if not tables:
        console.print("Financement : aucun montant renseigné.")
    for shown in tables:
        console.print(_rich_table(table_cls, shown))
    if tables and has_unknown_state(funding):
        console.print(UNKNOWN_STATE_NOTE)
    if funding["lignes_sans_montant"]:
        lines = plural(funding["lignes_sans_montant"], "ligne")
        console.print(f"{lines} de financement sans montant.")


def _rich_table(table_cls: Any, shown: FundingTable) -> Any:
    table = table_cls(shown.heading, *shown.columns, title=shown.title)
    for name, cells in shown.rows:
        table.add_row(str(name), *cells)
    table.add_row("Total", *shown.total, style="bold")
    return table


def _actors_text(console: Any, t: dict[str, Any], table_cls: Any) -> None:
    rows = [r for r in t["qui_fait_quoi"]["matrice"] if r["charge"]]
    if not rows:
        console.print("Qui fait quoi : aucun pilote ni partenaire renseigné.")
        return
    table = table_cls("Acteur", "Pilote de", "Partenaire de", "Charge", title="Qui fait quoi")
    for row in sorted(rows, key=lambda r: (-r["charge"], r["nom"])):
        table.add_row(
            row["nom"], str(len(row["pilote"])), str(len(row["partenaire"])), str(row["charge"])
        )
    console.print(table)


def _alignment_text(console: Any, t: dict[str, Any]) -> None:
    alignment = t["alignement"]
    if not alignment.get("referentiel"):
        return
    covered = [a for a in alignment["axes"] if a["objectifs"] or a["actions"]]
    console.print(
        f"Cadre national ({alignment['titre_referentiel']}) : axes couverts, "
        f"{len(covered)} sur {len(alignment['axes'])}."
    )
    for axis in alignment["axes_non_couverts"]:
        console.print(f"  Axe non couvert : {axis}")


def _html_context(report: dict[str, Any]) -> dict[str, Any]:
    from datetime import date  # noqa: PLC0415

    from stspd_cli.report import charts  # noqa: PLC0415
    from stspd_cli.vocabulary import vocabulary  # noqa: PLC0415

    labels = {**vocabulary("statut"), UNKNOWN_STATUS: "non renseigné"}
    today = date.fromisoformat(report["date"])
    territories: list[dict[str, Any]] = []
    drawn: list[dict[str, Any]] = []
    for i, t in enumerate(report["territoires"], start=1):
        references = {row["id"]: row["reference"] for row in t["lignes_actions"]}
        groups = progress_groups(t)
        territories.append(
            {
                **t,
                "en_retard": [{**row, "ligne": listed(row)} for row in t["en_retard"]],
                "indicateurs": [
                    {**r, "action_ligne": _listed_indicator(r)} for r in t["indicateurs"]
                ],
                "references": references,
                "nommees": action_names(t),
                "sans_calendrier_mots": without(t, t["sans_calendrier"], "calendrier"),
                "sans_indicateur_mots": without(t, t["actions_sans_indicateur"], "indicateur"),
                "financement_tableaux": funding_tables(
                    t["financement"], labels_of(t), plan_titles(t)
                ),
                "noms": _names(t),
                "mots": labels_of(t),
                "periode_mots": period_words(t, today),
                "propositions_mots": proposals_words(t),
                "groupes": groups,
                "partielles": has_partly_done(groups),
            }
        )
        if not t["actions"]["total"]:
            drawn.append({})
            continue
        plans = [(g["titre"], g["part_realisees"]) for g in groups]
        period = t["periode"]
        calendar = None
        if period and any(row["debut"] or row["fin"] for row in t["lignes_actions"]):
            calendar = charts.timeline(
                t["lignes_actions"],
                Period.from_json(period),
                today,
                f"g-calendrier-{i}",
            )
        drawn.append(
            {
                "statuts": charts.status_bar(t["actions"]["par_statut"], labels, f"g-statuts-{i}"),
                "plans": charts.progress_bars(plans, f"g-plans-{i}", "Part réalisée par plan"),
                "financement": charts.funding_bars(
                    t["financement"]["par_source"], f"g-financement-{i}"
                ),
                "calendrier": calendar,
            }
        )
    consolidated = report.get("consolide")
    money = consolidated["financement"] if consolidated else None
    return {
        "date": today,
        "territoires": territories,
        "consolide": consolidated,
        "consolide_financement": consolidated_table(money) if money else None,
        "consolide_financement_mots": funding_sentence(money) if money else "",
        "note_financement": UNKNOWN_STATE_NOTE,
        "charts": drawn,
        "statuts": labels,
    }


def _names(territory: dict[str, Any]) -> dict[str, str]:
    names = {row["acteur"]: row["nom"] for row in territory["qui_fait_quoi"]["matrice"]}
    return names


def _page(report: dict[str, Any], template: str) -> str:
    from stspd_cli.render.environment import build_environment  # noqa: PLC0415
    from stspd_cli.render.page import page_context  # noqa: PLC0415

    first = report["territoires"][0] if report["territoires"] else None
    instance = first["instance"] if first and len(report["territoires"]) == 1 else "Bilan"
    territory = first["territoire"] if first and len(report["territoires"]) == 1 else ""
    ctx = page_context(instance, territory, interne=report["diffusion"] == "interne")
    env = build_environment()
    return env.get_template(template).render(ctx=ctx, **_html_context(report))


@formatter("html")
def as_html(report: dict[str, Any], color: bool) -> str:
    return _page(report, "bilan.html")


@formatter("md")
def as_markdown(report: dict[str, Any], color: bool) -> str:
    import re  # noqa: PLC0415

    text = _page(report, "bilan.md")
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+\n", "\n\n", text).strip() + "\n"


def _office_meta(report: dict[str, Any]) -> Any:
    from stspd_cli.office import OfficeMeta  # noqa: PLC0415  (optional extra)

    first = report["territoires"][0] if len(report["territoires"]) == 1 else None
    who = f"{first['instance']} {first['territoire']}" if first else "Bilan consolidé"
    return OfficeMeta(
        title=f"Bilan d'avancement au {date_fr(_date(report['date']))}",
        author=who,
        subject=who,
        interne=report["diffusion"] == "interne",
    )


@formatter("pdf")
def as_pdf(report: dict[str, Any], color: bool) -> bytes:
    from stspd_cli.render.pdf import html_to_pdf  # noqa: PLC0415  (WeasyPrint is optional)

    return html_to_pdf(_page(report, "bilan.html"), public=report["diffusion"] == "publique")


@formatter("docx")
def as_docx(report: dict[str, Any], color: bool) -> bytes:
    from stspd_cli.office import office_page  # noqa: PLC0415

    return office_page(_page(report, "bilan.html"), "docx", _office_meta(report))


@formatter("odt")
def as_odt(report: dict[str, Any], color: bool) -> bytes:
    from stspd_cli.office import office_page  # noqa: PLC0415

    return office_page(_page(report, "bilan.html"), "odt", _office_meta(report))
