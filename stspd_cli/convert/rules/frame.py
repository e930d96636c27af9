"""Rules for what a document says of its frame wherever it says it: the cover's lines
(période, adoption, version, cadre national), the council's members and signatories, the
adoption sentence, the institutional frame's references, objectives named by a fiche."""

from __future__ import annotations

from typing import Any

from stspd_cli.convert.blocks import HEADING, TABLE, Block
from stspd_cli.convert.rules import parts
from stspd_cli.convert.rules.actors import bare_name
from stspd_cli.convert.rules.amendments import amendment_line
from stspd_cli.convert.rules.draft import trim
from stspd_cli.convert.rules.fields import field_of
from stspd_cli.convert.rules.governance import GovernanceRules
from stspd_cli.convert.rules.titles import make_id
from stspd_cli.convert.rules.values import split_names
from stspd_cli.convert.words import fold


def _excerpt(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FrameRules(GovernanceRules):
    def facts(self, text: str) -> None:
        """Sentences that say a fact wherever they stand: adoption, members, signatories."""
        adoption = parts.adoption_in(text)
        strategie = self.section("strategie")
        if adoption is not None and "adoption" not in strategie:
            entry: dict[str, Any] = {"date": adoption.date.value}
            if adoption.instance:
                entry["instance"] = adoption.instance
            strategie["adoption"] = entry
            sitting: dict[str, Any] = {"date": adoption.date.value, "type": "pleniere"}
            if adoption.instance and "pl" in fold(adoption.instance)[:20]:
                self.section("gouvernance").setdefault("seances", []).append(sitting)
                self.draft.check(sitting, None, f"séance lue dans « {_excerpt(text)} »")
        members = parts.listed_after(text, "membres")
        if members:
            gouvernance = self.section("gouvernance")
            refs = gouvernance.setdefault("membres", [])
            refs.extend(r for r in map(self.actors.ref, split_names(members)) if r not in refs)
            self.draft.check(gouvernance, "membres", "membres lus dans la liste du document")
        signatories = parts.listed_after(text, "signataires")
        if signatories:
            gouvernance = self.section("gouvernance")
            entries = gouvernance.setdefault("signataires", [])
            for name in split_names(signatories):
                entries.append({"acteur": self.actors.ref(name), "libelle": name})
            self.draft.check(gouvernance, "signataires", "un signataire par nom de la liste")

    def cover(self, text: str) -> bool:
        """A line of the cover: département, période, adoption, version, national frame."""
        from stspd_cli.convert.rules.values import find_dates, read_span  # noqa: PLC0415

        found = parts.cover_field(text)
        if found is None:
            return False
        key, value = found
        strategie = self.section("strategie")
        if key in {"departement", "epci"}:
            self.section("territoire_lu")[key] = value
        elif key == "communes":  # « Communes : Loos, Haubourdin, Emmerin »
            names = [trim(name) for name in split_names(value)]
            if not names:
                return False
            self.section("territoire_lu")["communes"] = names
        elif key == "version":
            strategie["version"] = value
        elif key == "referentiel":
            frame = parts.framework(value)
            if frame is None:
                return False
            strategie["referentiel"] = frame
        elif key == "periode":
            first, _, rest = value.partition(",")
            span = read_span(first)
            if span.debut is None or span.fin is None:
                return False
            strategie["periode"] = {"debut": span.debut, "fin": span.fin}
            if rest.strip():
                dates = find_dates(rest)
                if "prorog" not in fold(rest) or not dates:
                    return False
                amendment: dict[str, Any] = {"objet": rest.strip()[:1].upper() + rest.strip()[1:]}
                amendment["nouvelle_fin"] = dates[0].value
                if len(dates) > 1:
                    amendment["date"] = dates[-1].value
                    self.structure.update((text, value))  # its every fact is in the YAML
                amendment = {"id": make_id(f"avenant {rest}", self.ids), **amendment}
                self.section("gouvernance").setdefault("avenants", []).append(amendment)
        elif key == "adoption":
            dates = find_dates(value)
            if not dates:
                return False
            entry: dict[str, Any] = {"date": dates[0].value}
            after = value[dates[0].end :].strip(" ,")
            if after:
                entry["instance"] = after.removeprefix("en ").strip()
            strategie["adoption"] = entry
        return True

    def amendment(self, text: str, after: list[Block]) -> bool:
        """« Avenant du 18 juin 2026 – nouvelle fin de la stratégie : 31 décembre 2027 »: an
        entry of ``gouvernance.avenants`` (the one the cover's « prorogée … par l'avenant du
        18 juin 2026 » made, when it has that date), whose object is the text that follows it,
        or the line itself when it says more than its dates."""
        found = amendment_line(text)
        if found is None:
            return False
        entries = self.section("gouvernance").setdefault("avenants", [])
        entry = next((e for e in entries if found.date and e.get("date") == found.date), None)
        followed = bool(after) and after[0].kind not in (HEADING, TABLE)
        followed = followed and amendment_line(after[0].text) is None
        if entry is None:
            entry = {"id": make_id(f"avenant {text}", self.ids)}
            entries.append(entry)
        elif followed or not found.title_only:
            entry.pop("objet", None)  # the cover's line: the amendment's own words follow
        if found.date is not None:
            entry["date"] = found.date
        if found.new_end is not None:
            entry["nouvelle_fin"] = found.new_end
        if found.title_only:
            self.structure.add(text)
            if not followed:
                entry.setdefault("objet", trim(text))  # nothing else says what it changes
        else:
            entry["objet"] = text.strip()  # a sentence, as written
        if self.amendment_open is None:  # the text after the amendments goes where it went
            self.before_amendment = (self.holder, self.text_key, self.holder_level)
        self.amendment_open, self.gov_entry = entry, None
        self.holder, self.text_key, self.holder_level = entry, "objet", 0
        return True

    def close_amendment(self) -> None:
        """A heading after an amendment's text: the text goes back where it went before."""
        if self.amendment_open is not None and self.holder is self.amendment_open:
            self.holder, self.text_key, self.holder_level = self.before_amendment
        self.amendment_open = None

    def plan_fact(self, text: str) -> None:
        assert self.plan is not None
        label, _, value = text.partition(":")
        name = field_of(label)
        value = value.strip()
        if name == "pilote" and value:
            self.plan["pilote"] = self.actors.ref(value)
            self.draft.fields["pilote"] += 1
        elif name == "objectifs" and self.objective_refs(value):
            self.plan["objectifs"] = self.objective_refs(value)
        else:
            self.put_text(text, item=True)

    def objective_refs(self, value: str) -> list[str]:
        """« 1. Agir plus tôt… », « Agir plus tôt… » -> the objectives' identifiers."""
        objectives = self.draft.data.get("objectifs", [])
        refs: list[str] = []
        for part in value.split(", ") if value.count(". ") > 1 else [value]:
            number_title = part.strip().split(". ", 1)
            wanted = fold(number_title[-1])
            for objective in objectives:
                if fold(objective["titre"]) == wanted or (
                    len(number_title) == 2
                    and number_title[0].isdigit()
                    and objective.get("numero") == int(number_title[0])
                ):
                    refs.append(objective["id"])
                    break
        return refs

    def signatory(self, text: str) -> None:
        name, who, when = parts.signatory(text)
        entries = self.section("gouvernance").setdefault("signataires", [])
        entry: dict[str, Any] = {"acteur": self.actors.ref(name), "libelle": name}
        if who:
            entry["representant"] = who
        if when is not None:
            entry["date"] = when.value
        entries.append(entry)

    def reference(self, text: str) -> None:
        from stspd_cli.convert.rules.values import find_dates  # noqa: PLC0415
        from stspd_cli.convert.words import first_match, folded_table  # noqa: PLC0415
        from stspd_cli.frameworks import frameworks  # noqa: PLC0415

        title = trim(text)
        entry: dict[str, Any] = {"id": make_id(title, self.ids), "titre": title}
        kind = first_match(bare_name(title), folded_table("references"))
        if kind:
            entry["type"] = kind
        if kind in {"loi", "decret", "circulaire"}:
            days = [d for d in find_dates(title) if d.value.precision == "jour"]
            if days:
                entry["date"] = days[0].value
        if kind == "strategie_nationale":
            years = "-".join(str(d.value.year) for d in find_dates(title))
            for frame_id in frameworks():
                if frame_id.endswith(years) and years:
                    entry["referentiel"] = frame_id
                    self.section("strategie").setdefault("referentiel", frame_id)
        self.section("cadre").setdefault("references", []).append(entry)
