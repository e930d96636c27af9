"""What a PDF draws, as the table finder sees it (stspd_cli.convert.read_pdf): a rectangle
painted white and not stroked draws no rule; anything painted in a colour does."""

from __future__ import annotations

from typing import Any

import pytest

from stspd_cli.convert.read_pdf import _visible


def _rect(**painted: Any) -> dict[str, Any]:
    return {"object_type": "rect", "fill": False, "stroke": False, **painted}


@pytest.mark.parametrize(
    ("obj", "shown"),
    [
        (_rect(fill=True, non_stroking_color=(1.0, 1.0, 1.0)), False),  # RGB white
        (_rect(fill=True, non_stroking_color=(1,)), False),  # grey white
        (_rect(fill=True, non_stroking_color=[0, 0, 0, 0]), False),  # CMYK white
        (_rect(stroke=True, stroking_color=(1, 1, 1)), False),  # a white frame
        (_rect(), False),  # neither filled nor stroked: a clipping box
        (_rect(fill=True, non_stroking_color=(0.91, 0.93, 0.96)), True),  # a shaded cell
        (_rect(fill=True, non_stroking_color=None), True),  # no colour said: black
        (_rect(fill=True, non_stroking_color=("P1",)), True),  # a pattern
        (_rect(fill=True, non_stroking_color=(0, 0, 0, 1)), True),  # CMYK black
        (_rect(fill=True, non_stroking_color=(1, 1, 1), stroke=True, stroking_color=(0,)), True),
        ({"object_type": "line", "stroke": True, "stroking_color": (0.5,)}, True),
        ({"object_type": "char", "text": "a"}, True),  # letters are always kept
    ],
)
def test_what_draws_a_rule(obj: dict[str, Any], shown: bool) -> None:
    assert _visible(obj) is shown
