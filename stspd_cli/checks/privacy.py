"""Privacy rule: personal data (e-mails, phone numbers, named persons) in public content."""

from __future__ import annotations

import re

from stspd_cli.checks import CheckContext, check
from stspd_cli.model.items import kind_of, strings_of

# An address starts where a run of its characters starts: without the look-behind, a long text
# with no « @ » is scanned again from each of its characters (quadratic); with it, once.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# French numbers: 0X XX XX XX XX with spaces, dots or dashes, or +33 X ...
_PHONE = re.compile(r"(?<![\d])(?:\+33[\s.-]?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}(?![\d])")


@check("P001")
def personal_data_is_restricted(ctx: CheckContext) -> None:
    """E-mails, phone numbers and named contacts belong in restricted items."""
    for path, text, holder in strings_of(ctx.doc, restricted=False):
        if holder is not None and kind_of(holder) == "Contact":
            if path[-1] == "nom":
                ctx.report("P001", path, quoi=f"le nom de la personne « {text} »")
                continue
            if holder.nom is None and path[-1] in {"courriel", "telephone"}:
                continue  # the mailbox or line of a service, not of a person
        email = _EMAIL.search(text)
        if email:
            ctx.report("P001", path, quoi=f"l'adresse électronique « {email.group()} »")
        phone = _PHONE.search(text)
        if phone:
            ctx.report("P001", path, quoi=f"le numéro de téléphone « {phone.group()} »")
