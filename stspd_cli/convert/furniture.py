"""Page furniture told by its words (``mobilier`` in ``data/convertir.yaml``): account, sharing
and closing buttons, « à télécharger », tables of contents. The formats' own furniture (HTML
elements, a PDF's running headers) is left out by their readers; this rule holds for all."""

from __future__ import annotations

from stspd_cli.convert.blocks import HEADING, ITEM, PARA, Block, Document
from stspd_cli.convert.words import fold, folded, starts_with, vocabulary


def is_furniture(text: str) -> bool:
    folded_text = fold(text)
    if not folded_text:
        return False
    if folded_text in folded("mobilier", "lignes"):
        return True
    limit = int(vocabulary()["mobilier"]["longueur_max"])
    return len(text) < limit and any(
        starts_with(folded_text, phrase) for phrase in folded("mobilier", "debuts")
    )


def leave_out_furniture(doc: Document) -> None:
    """Drop furniture blocks; a table of contents goes with its heading (« Sommaire »)."""
    kept: list[Block] = []
    in_contents = False
    contents = set(folded("mobilier", "lignes")) & {"sommaire", "table des matieres"}
    for block in doc.blocks:
        if block.kind == HEADING:
            in_contents = fold(block.text) in contents
        elif in_contents and block.kind in {ITEM, PARA}:
            doc.left_out.append(block.text)
            continue
        if block.kind in {HEADING, PARA, ITEM} and is_furniture(block.text):
            doc.left_out.append(block.text)
            continue
        kept.append(block)
    doc.blocks = kept
