"""What the shared page furniture (style.css: running header, restricted mark) needs to know,
for documents other than the feuille de route: the note de modification and the bilan."""

from __future__ import annotations

from typing import NamedTuple

from stspd_cli.render.context import RESTRICTED_MARK


class PageCover(NamedTuple):
    instance: str


class PageContext(NamedTuple):
    """The few fields of the render context that ``style.css`` reads."""

    territoire: str
    cover: PageCover
    interne: bool = False
    restricted_mark: str = RESTRICTED_MARK


def page_context(instance: str, territoire: str, *, interne: bool) -> PageContext:
    return PageContext(territoire=territoire, cover=PageCover(instance), interne=interne)
