"""A commune's charte graphique: override one file or one block, keep everything else."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from stspd_cli.cache import tool_fingerprint
from stspd_cli.errors import TemplateError, UsageError
from stspd_cli.render import render_document
from stspd_cli.render.environment import build_environment, default_templates
from stspd_cli.render.settings import find_settings, template_dirs

from .support import DEMO, LILLE, MINIMAL, document, html_text, rendered, write_strategy


def _body(html: str) -> str:
    return html[html.index('<main id="contenu">') :]


def _head(html: str) -> str:
    return html[: html.index("<body")]


def test_default_templates_are_found() -> None:
    folder = default_templates()
    assert (folder / "document.html").is_file()
    assert (folder / "style.css").is_file()
    assert (folder / "document.md").is_file()


def test_overriding_one_file_changes_only_that_part(tmp_path: Path) -> None:
    (tmp_path / "couverture.html").write_text(
        '<header class="couverture"><h1>{{ ctx.doc.strategie.titre }}</h1>'
        "<p>Charte de la commune</p></header>\n",
        encoding="utf-8",
    )
    default = rendered(DEMO, "html").decode()
    custom = render_document(document(DEMO), "html", templates=[tmp_path]).decode()
    assert "Charte de la commune" in custom
    assert "Signataires" not in custom[: custom.index("<main")]
    assert _body(custom) == _body(default)
    assert _head(custom) == _head(default)


def test_overriding_one_block_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "document.html").write_text(
        '{% extends "!document.html" %}\n'
        "{% block couverture %}<header><h1>Feuille de route</h1>"
        "<p>{{ ctx.territoire }}, couverture de la commune</p></header>{% endblock %}\n",
        encoding="utf-8",
    )
    default = rendered(DEMO, "html").decode()
    custom = render_document(document(DEMO), "html", templates=[tmp_path]).decode()
    assert "Val-Fictif, couverture de la commune" in custom
    assert _body(custom) == _body(default)


def test_extra_css_changes_only_the_style(tmp_path: Path) -> None:
    (tmp_path / "extra.css").write_text(":root { --couleur-principale: #005a9c; }\n", "utf-8")
    default = rendered(DEMO, "html").decode()
    custom = render_document(document(DEMO), "html", templates=[tmp_path]).decode()
    assert "--couleur-principale: #005a9c;" in custom
    assert custom.replace(":root { --couleur-principale: #005a9c; }\n", "") == default.replace(
        _extra_css(default), ""
    )


def _extra_css(html: str) -> str:
    return (default_templates() / "extra.css").read_text(encoding="utf-8")


def test_a_logo_in_the_templates_folder_is_inlined(tmp_path: Path) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    (tmp_path / "logo.svg").write_bytes(svg)
    html = render_document(document(DEMO), "html", templates=[tmp_path]).decode()
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    assert f'<img class="logo" src="{uri}" alt="">' in html


def test_assets_cannot_escape_the_templates_folders(tmp_path: Path) -> None:
    inside = tmp_path / "modeles"
    inside.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (inside / "couverture.html").write_text('<img src="{{ asset("../secret.txt") }}" alt="">')
    with pytest.raises(TemplateError, match="introuvable"):
        render_document(document(DEMO), "html", templates=[inside])


def test_the_markdown_template_can_be_overridden_too(tmp_path: Path) -> None:
    (tmp_path / "document.md").write_text(
        '{% extends "!document.md" %}{% block sommaire %}{% endblock %}', encoding="utf-8"
    )
    default = rendered(DEMO, "md").decode()
    custom = render_document(document(DEMO), "md", templates=[tmp_path]).decode()
    assert "## Sommaire" in default
    assert "## Sommaire" not in custom
    assert custom.endswith(default[default.index('<a id="presentation">') :])


def test_repository_setting_names_the_templates(tmp_path: Path) -> None:
    (tmp_path / "charte").mkdir()
    (tmp_path / "charte" / "extra.css").write_text("/* charte du dépôt */\n", encoding="utf-8")
    (tmp_path / "stspd.toml").write_text('[render]\ntemplates = "charte"\n', encoding="utf-8")
    sub = tmp_path / "strategies"
    sub.mkdir()
    strategy = write_strategy(sub, MINIMAL)
    assert find_settings(strategy) == tmp_path / "stspd.toml"
    assert template_dirs(None, strategy) == (tmp_path / "charte",)
    html = render_document(document(strategy), "html", templates=template_dirs(None, strategy))
    assert b"/* charte du d\xc3\xa9p\xc3\xb4t */" in html
    # The command line's folder comes first.
    cli = tmp_path / "cli"
    cli.mkdir()
    assert template_dirs(cli, strategy) == (cli, tmp_path / "charte")


def test_hidden_settings_file_and_bad_settings(tmp_path: Path) -> None:
    strategy = write_strategy(tmp_path, MINIMAL)
    (tmp_path / ".stspd.toml").write_text("[render]\ntemplates = 'absent'\n", encoding="utf-8")
    with pytest.raises(UsageError, match="n'existe pas"):
        template_dirs(None, strategy)
    (tmp_path / ".stspd.toml").write_text("[render\n", encoding="utf-8")
    with pytest.raises(UsageError, match="TOML invalide"):
        template_dirs(None, strategy)
    (tmp_path / ".stspd.toml").write_text("[autre]\ncle = 1\n", encoding="utf-8")
    assert template_dirs(None, strategy) == ()
    with pytest.raises(UsageError, match="--templates"):
        template_dirs(tmp_path / "absent", strategy)


def test_template_errors_are_user_errors_with_a_place(tmp_path: Path) -> None:
    (tmp_path / "couverture.html").write_text("<header>\n{% if %}\n</header>", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"couverture\.html:2"):
        render_document(document(DEMO), "html", templates=[tmp_path])
    (tmp_path / "couverture.html").write_text("<header>\n{{ ctx.inconnu.x }}</header>", "utf-8")
    with pytest.raises(TemplateError, match=r"couverture\.html:2"):
        render_document(document(DEMO), "html", templates=[tmp_path])


def test_strategy_data_is_never_evaluated_as_a_template(tmp_path: Path) -> None:
    path = write_strategy(
        tmp_path,
        MINIMAL.replace("nom: Bourg-Test", 'nom: "{{ 7000 + 7 }} {% raw %}"')
        + 'notes:\n  - texte: "{{ ctx.interne }} {# rien #}"\n',
    )
    for fmt in ("html", "md"):
        out = render_document(document(path), fmt).decode()
        assert "{{ 7000 + 7 }} {% raw %}" in out
        assert "{{ ctx.interne }} {# rien #}" in out
        assert "7007" not in out


def test_titles_and_text_are_escaped_in_html(tmp_path: Path) -> None:
    path = write_strategy(
        tmp_path,
        MINIMAL.replace(
            "titre: Stratégie territoriale de sécurité et de prévention de la délinquance",
            'titre: "<script>alert(1)</script> & co"\n'
            "  presentation: |-\n"
            "    Texte <img src=x onerror=alert(1)> et [clic](javascript:alert(2)).\n\n"
            "    <iframe src=https://a.example></iframe>",
        ),
    )
    html = render_document(document(path), "html").decode()
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "<img" not in html and "<iframe" not in html
    assert "javascript:" not in html.replace("[clic](javascript:alert(2))", "")
    assert not re.search(r"href=\"\s*javascript", html, re.IGNORECASE)
    assert "Texte &lt;img src=x onerror=alert(1)&gt;" in html
    text = html_text(html)
    assert "<script>alert(1)</script> & co" in text
    markdown = render_document(document(path), "md").decode()
    assert "<script>" not in markdown and "<img" not in markdown and "<iframe" not in markdown
    assert "](javascript:" not in markdown


def test_compiled_templates_are_cached_and_a_broken_cache_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = render_document(document(DEMO), "html")
    cached = list((tmp_path / "cache" / "stspd" / "modeles").glob("*.cache"))
    assert len(cached) >= 10
    # Entries are stspd's own: another version of the code (filters, typography) never
    # reuses them, though Jinja itself only compares the template's source.
    prefix = tool_fingerprint()[:16] + "-"
    assert all(entry.name.startswith(prefix) for entry in cached)
    assert render_document(document(DEMO), "html") == first
    # A cache that cannot be created (here: a file in the way) is simply not used.
    (tmp_path / "fichier").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fichier"))
    assert render_document(document(DEMO), "html") == first
    monkeypatch.setenv("STSPD_NO_CACHE", "1")
    assert render_document(document(DEMO), "html") == first


def test_the_default_environment_is_built_once_per_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One environment for the default templates (each template loaded once a process), a new
    one when compiled templates go elsewhere or nowhere, and always a new one for a commune's
    folder, whose files may change between two renderings."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a"))
    shared = build_environment()
    assert build_environment() is shared
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "b"))
    moved = build_environment()
    assert moved is not shared
    assert moved.bytecode_cache is not None
    monkeypatch.setenv("STSPD_NO_CACHE", "1")
    assert build_environment().bytecode_cache is None
    charte = tmp_path / "charte"
    charte.mkdir()
    assert build_environment([charte]) is not build_environment([charte])


def test_one_environment_renders_each_document_as_a_new_one_would(tmp_path: Path) -> None:
    """Documents rendered one after the other in one process (a folder of strategies) come out
    as each alone: nothing of one (its glossary, its parts) stays for the next."""
    first = {name: rendered(path, "html") for name, path in (("demo", DEMO), ("lille", LILLE))}
    again = render_document(document(LILLE), "html"), render_document(document(DEMO), "html")
    assert again == (first["lille"], first["demo"])
    (tmp_path / "couverture.html").write_text("<header>Commune</header>\n", encoding="utf-8")
    assert b"<header>Commune</header>" in render_document(
        document(LILLE), "html", templates=[tmp_path]
    )
    (tmp_path / "couverture.html").write_text("<header>Autre</header>\n", encoding="utf-8")
    assert b"<header>Autre</header>" in render_document(
        document(LILLE), "html", templates=[tmp_path]
    )
