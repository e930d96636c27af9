"""How the printed pages are filled, read from WeasyPrint's layout (what the PDF prints).

For each page: how much of its height the text fills, whether it holds only headings, and
whether it ends a chapter (the next page starts with a forced page break: the cover, the table
of contents, a part, a plan). The rules of docs/rendu.md, « Sauts de page », are checked on it:
no page holds only headings, and no page is more than half empty unless it ends a chapter.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from stspd_cli.render.pdf import weasyprint_module

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
FORCED = frozenset({"page", "left", "right", "recto", "verso"})


@dataclass(frozen=True, slots=True)
class PageFacts:
    number: int
    fill: float  # the share of the page's content height that holds text (0 to 1)
    only_headings: bool
    ends_chapter: bool
    first_words: str  # to say which page it is in a failure

    def problem(self, last: bool) -> str | None:
        if self.only_headings:
            return f"page {self.number} ne porte qu'un titre : {self.first_words}"
        if self.fill < 0.5 and not self.ends_chapter and not last:
            return f"page {self.number} à moitié vide ({self.fill:.0%}) : {self.first_words}"
        return None


def _walk(box: Any, ancestors: tuple[Any, ...] = ()) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    yield box, ancestors
    for child in getattr(box, "children", None) or []:
        yield from _walk(child, (*ancestors, box))


def _first_chain(box: Any) -> Iterator[Any]:
    """The page's first box and its first descendants: where its content starts."""
    while box is not None:
        yield box
        children = getattr(box, "children", None) or []
        box = children[0] if children else None


def _last_chain(box: Any) -> Iterator[Any]:
    while box is not None:
        yield box
        children = getattr(box, "children", None) or []
        box = children[-1] if children else None


def _forced(boxes: Iterator[Any], side: str, earlier: set[int] | None = None) -> bool:
    """A box of the chain asks for a page break on that side. With ``earlier`` (the elements
    laid out on earlier pages), an element that only goes on from an earlier page does not
    count: its break came before."""
    return any(
        getattr(b, "style", None) is not None
        and b.style[side] in FORCED
        and (earlier is None or id(b.element) not in earlier)
        for b in boxes
    )


def _elements(box: Any) -> set[int]:
    """The elements whose text this page prints (an element whose box is laid out empty at
    the foot of a page, before its forced break, does not count)."""
    seen: set[int] = set()
    for leaf, ancestors in _walk(box):
        if type(leaf).__name__ == "TextBox" and leaf.text.strip():
            seen |= {id(a.element) for a in ancestors if getattr(a, "element", None) is not None}
    return seen


def page_facts(html: str) -> list[PageFacts]:
    weasyprint = weasyprint_module()  # as stspd imports it (untyped, optional)
    pages = weasyprint.HTML(string=html).render().pages
    facts: list[tuple[float, bool, str, Any]] = []
    for page in pages:
        box = page._page_box
        root = box.children[0]
        top, height = box.content_box_y(), box.height
        bottom = top
        words: list[str] = []
        in_heading: list[bool] = []
        for leaf, ancestors in _walk(root):
            if type(leaf).__name__ != "TextBox" or not leaf.text.strip():
                continue
            bottom = max(bottom, leaf.position_y + leaf.height)
            words.append(leaf.text.strip())
            in_heading.append(any(getattr(a, "element_tag", None) in HEADINGS for a in ancestors))
        text = " ".join(words)[:80]
        facts.append(((bottom - top) / height, bool(words) and all(in_heading), text, root))
    result = []
    earlier: set[int] = set()
    for i, (fill, headings, first, root) in enumerate(facts):
        earlier |= _elements(root)
        following = facts[i + 1][3] if i + 1 < len(facts) else None
        ends = _forced(_last_chain(root), "break_after") or (
            following is not None and _forced(_first_chain(following), "break_before", earlier)
        )
        result.append(PageFacts(i + 1, fill, headings, ends, first))
    return result


def problems(facts: list[PageFacts]) -> list[str]:
    return [p for f in facts if (p := f.problem(last=f.number == len(facts)))]
