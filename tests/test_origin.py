"""The install lines stspd init writes: the commit of the installed version, an address pip
takes (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stspd_cli import origin as origin_module
from stspd_cli.origin import Origin, install_words, pip_address

TEMPLATE = (
    'STSPD_SOURCE: "git+ADRESSE-DU-DEPOT-STSPD@COMMIT"\n'
    "- repo: ADRESSE-DU-DEPOT-STSPD\n"
    "  rev: COMMIT\n"
)


@pytest.mark.parametrize(
    ("remote", "address"),
    [
        (
            "https://forge.example.fr/outils/stspd.git",
            "git+https://forge.example.fr/outils/stspd.git",
        ),
        (
            "git@forge.example.fr:outils/stspd.git",
            "git+ssh://git@forge.example.fr/outils/stspd.git",
        ),
        ("/srv/git/stspd", "git+file:///srv/git/stspd"),
    ],
)
def test_pip_takes_the_address(remote: str, address: str) -> None:
    assert pip_address(remote) == address


def test_known_commit_and_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        origin_module, "origin", lambda: Origin("a" * 40, "https://forge.example.fr/stspd.git")
    )
    assert install_words(TEMPLATE) == (
        f'STSPD_SOURCE: "git+https://forge.example.fr/stspd.git@{"a" * 40}"\n'
        f"- repo: https://forge.example.fr/stspd.git\n  rev: {'a' * 40}\n"
    )


def test_unknown_address_stays_to_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(origin_module, "origin", lambda: Origin("b" * 40, None))
    assert "git+ADRESSE-DU-DEPOT-STSPD@" + "b" * 40 in install_words(TEMPLATE)
    monkeypatch.setattr(origin_module, "origin", lambda: Origin(None, None))
    assert install_words(TEMPLATE) == TEMPLATE


def test_a_checkout_knows_its_commit() -> None:
    origin_module.origin.cache_clear()
    found = origin_module.origin()
    assert found.commit is not None
    assert len(found.commit) == 40
    assert (Path(origin_module.__file__).parents[1] / ".git").exists()
