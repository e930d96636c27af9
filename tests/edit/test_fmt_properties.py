"""Property tests for ``stspd fmt`` on generated, commented strategies: every comment is kept,
the data read back is the same, formatting twice equals formatting once, line endings stay."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, assume, given, settings

from stspd_cli.edit.fmt import format_bytes, format_text, same_data
from stspd_cli.edit.shape import document_shape, normalise_dates
from stspd_cli.load import load_bytes

from .generators import Commented, commented_documents

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _load(text: str) -> object:
    loaded = load_bytes(text.encode("utf-8"), "genere.yaml")
    assume(not loaded.findings)
    return loaded.data


@SETTINGS
@given(commented_documents())
def test_fmt_keeps_data_comments_and_is_idempotent(doc: Commented) -> None:
    before = _load(doc.text)
    once = format_text(doc.text)
    after = load_bytes(once.encode("utf-8"), "genere.yaml")
    assert not after.findings
    assert same_data(after.data, normalise_dates(before, document_shape()))
    for comment, count in Counter(doc.comments).items():
        assert once.count(comment) >= count, f"commentaire perdu : {comment!r}"
    assert format_text(once) == once


@SETTINGS
@given(commented_documents())
def test_comment_stays_above_the_key_it_described(doc: Commented) -> None:
    _load(doc.text)
    lines = format_text(doc.text).splitlines()
    for comment, key in doc.heads:
        places = [i for i, line in enumerate(lines) if line.strip() == comment.strip()]
        assert places, comment
        found = False
        for place in places:
            following = next(
                (text for line in lines[place + 1 :] if (text := line.strip()) and text[0] != "#"),
                "",
            )
            found = found or following.removeprefix("- ").startswith(f"{key}:")
        assert found, f"{comment!r} n'est plus au-dessus de {key!r}"


@SETTINGS
@given(commented_documents())
def test_line_endings_and_bom_are_kept(doc: Commented) -> None:
    _load(doc.text)
    unix = format_bytes(doc.text.encode("utf-8"), "genere.yaml")
    windows = format_bytes(doc.text.replace("\n", "\r\n").encode("utf-8"), "genere.yaml")
    assert windows == unix.replace(b"\n", b"\r\n")
    with_bom = format_bytes(b"\xef\xbb\xbf" + doc.text.encode("utf-8"), "genere.yaml")
    assert with_bom == b"\xef\xbb\xbf" + unix
