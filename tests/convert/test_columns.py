"""The reading order of a PDF page (stspd_cli.convert.columns), on pages of words placed by
hand: running text in columns is read column after column; labels beside their values, a grid
of short fields, a page of one column are read row by row, as before."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stspd_cli.convert.columns import Row, Word, reading_order, rows_of

SIZE = 10.0
CHAR = 5.0  # the width of a character, in points
GAP = 1.2 * SIZE


def _row(top: float, *pieces: tuple[float, str]) -> Row:
    """A row of words at ``top``: each piece a left edge and the words written from it."""
    words: list[Word] = []
    for x0, text in pieces:
        x = x0
        for word in text.split():
            words.append({"text": word, "x0": x, "x1": x + CHAR * len(word), "top": top})
            x += CHAR * (len(word) + 1)
    return Row(words)


def _texts(rows: list[Row]) -> list[str]:
    return [" ".join(str(w["text"]) for w in row.words) for row in rows]


def _prose(n: int, start: str, width: int) -> list[str]:
    """``n`` lines of running text of ``width`` characters (the last one shorter)."""
    lines = [f"{start}{i} " + "x" * (width - len(start) - 4) for i in range(n)]
    lines[-1] = lines[-1][: width // 2]
    return lines


def test_two_columns_under_a_title_read_column_after_column() -> None:
    left, right = _prose(6, "g", 40), _prose(5, "d", 40)
    rows = [_row(50, (50, "Titre " + "t" * 80))]
    rows += [_row(80 + 12 * i, (50, line)) for i, line in enumerate(left)]
    rows += [_row(86 + 12 * i, (300, line)) for i, line in enumerate(right)]  # lines not level
    assert _texts(reading_order(rows, GAP)) == [_texts([rows[0]])[0], *left, *right]


def test_level_columns_split_each_row() -> None:
    """The two columns' lines at the same heights: each row holds a line of each."""
    left, right = _prose(5, "g", 40), _prose(5, "d", 40)
    rows = [
        _row(80 + 12 * i, (50, a), (300, b))
        for i, (a, b) in enumerate(zip(left, right, strict=True))
    ]
    assert _texts(reading_order(rows, GAP)) == [*left, *right]


def test_three_columns() -> None:
    columns = [_prose(6, c, 24) for c in "abc"]
    rows = [
        _row(80 + 12 * i, (50, a), (200, b), (350, c))
        for i, (a, b, c) in enumerate(zip(*columns, strict=True))
    ]
    assert _texts(reading_order(rows, GAP)) == [line for column in columns for line in column]


def test_labels_beside_their_values_are_read_row_by_row() -> None:
    fields = [
        ("Pilote :", "Ville de Sainte-Fiction, service de la tranquillité publique"),
        ("Partenaires :", "Police nationale, bailleurs sociaux, centres sociaux du quartier"),
        ("Calendrier :", "de septembre 2022 à juin 2025, chaque année scolaire"),
        ("Financement :", "FIPD 12 000 euros en 2023, Ville 4 500 euros en 2024"),
        ("Public :", "collégiens de 11 à 15 ans du quartier des Lilas et des Tilleuls"),
        ("Statut :", "en cours depuis la rentrée de septembre 2022, bilan en juin"),
    ]
    rows = [_row(80 + 12 * i, (50, label), (180, value)) for i, (label, value) in enumerate(fields)]
    assert reading_order(rows, GAP) == rows


def test_a_grid_of_short_fields_is_read_row_by_row_a_line_a_cell() -> None:
    grid = [("PILOTE", "PARTENAIRES"), ("Mairie", "Police"), ("", "Bailleurs"), ("", "Écoles"),
            ("CALENDRIER", "BUDGET"), ("2024", "8 000 €"), ("", "FIPD")]  # fmt: skip
    rows = [
        _row(80 + 12 * i, *(piece for piece in ((50, a), (300, b)) if piece[1]))
        for i, (a, b) in enumerate(grid)
    ]
    cells = [text for row in grid for text in row if text]
    assert _texts(reading_order(rows, GAP)) == cells


def test_one_column_with_short_lines_stays_as_it_is() -> None:
    lines = ["Axe 1 : la jeunesse", *_prose(4, "p", 90), "• une puce", "• une autre", "Fin."]
    rows = [_row(80 + 12 * i, (50, line)) for i, line in enumerate(lines)]
    assert _texts(reading_order(rows, GAP)) == lines


def test_words_of_one_line_make_one_row() -> None:
    words: list[Word] = [
        {"text": "Le", "top": 10.0, "size": SIZE},
        {"text": "1", "top": 10.2, "size": SIZE},
        {"text": "er", "top": 8.5, "size": 6.0},  # in superscript
        {"text": "juin", "top": 10.0, "size": SIZE},
        {"text": "Suite", "top": 22.0, "size": SIZE},
    ]

    def same_line(word: Word, row: Row) -> bool:
        return abs(float(word["top"]) - row.top) < 0.4 * float(word["size"])

    assert [len(row.words) for row in rows_of(words, same_line)] == [4, 1]


@st.composite
def _pages(draw: st.DrawFn) -> list[Row]:
    """Rows of words anywhere on a page: columns, grids, lone words, overlaps."""
    rows = []
    for i in range(draw(st.integers(0, 30))):
        pieces = draw(
            st.lists(st.tuples(st.integers(0, 500), st.integers(1, 40)), min_size=1, max_size=4)
        )
        rows.append(_row(10 + 12 * i, *((x, " ".join(["m"] * n)) for x, n in pieces)))
    return rows


@given(_pages(), st.sampled_from([6.0, 12.0, 30.0]))
def test_every_word_is_read_once(rows: list[Row], gap: float) -> None:
    """Whatever the layout, reading order moves words, never drops or repeats one."""
    words = [id(w) for row in rows for w in row.words]
    read = [id(w) for row in reading_order(rows, gap) for w in row.words]
    assert sorted(read) == sorted(words)
    assert all(row.words for row in reading_order(rows, gap))
