"""A cloned repository's templates are data: they lay the document out and do nothing else.

Each case is a template folder that a ``.stspd.toml`` selects, as in a repository cloned from a
partner, rendered through the command line: the escape fails with a French message naming the
template and its line, exit code 2, no traceback, nothing written.
"""

from __future__ import annotations

import base64
import http.server
import marshal
import os
import pickle
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_run import run
from jinja2.bccache import bc_magic

from stspd_cli import signing
from stspd_cli.cache import tool_fingerprint
from stspd_cli.errors import TemplateError, UsageError
from stspd_cli.render import render_document
from stspd_cli.render.environment import build_environment
from stspd_cli.render.settings import template_dirs

from .support import DEMO, MINIMAL, document, pdf_text, write_strategy

# What a file outside the repository holds: it must never show anywhere.
MARKER = "MARQUEUR-HORS-DEPOT-4242"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A cloned repository: the demo strategy, a ``.stspd.toml`` naming its ``charte`` folder;
    and next to it, outside the repository, a secret file."""
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "secret.html").write_text(MARKER, encoding="utf-8")
    root = tmp_path / "depot"
    (root / "charte").mkdir(parents=True)
    (root / ".stspd.toml").write_text('[render]\ntemplates = "charte"\n', encoding="utf-8")
    (root / "strategie.yaml").write_bytes(DEMO.read_bytes())
    return root


def _render(capsys: pytest.CaptureFixture[str], repo: Path) -> tuple[int, str, str]:
    target = repo / "feuille.html"
    code, out, err = run(capsys, "render", str(repo / "strategie.yaml"), "-o", str(target))
    if code:
        assert not target.exists()
    return code, out, err


def _refused(capsys: pytest.CaptureFixture[str], repo: Path, *expected: str) -> str:
    code, out, err = _render(capsys, repo)
    assert (code, out) == (2, ""), err
    assert "Traceback" not in err
    assert "erreur interne" not in err
    assert "couverture.html:" in err
    for fragment in expected:
        assert fragment in err
    assert "uid=" not in err
    assert MARKER not in err
    return err


ESCAPES = [
    ('{{ cycler.__init__.__globals__.os.popen("id").read() }}', "« __init__ »"),
    ('{{ joiner.__init__.__globals__["os"].popen("id").read() }}', "« __init__ »"),
    ("{{ namespace.__init__.__globals__ }}", "« __init__ »"),
    ('{{ self.__init__.__globals__.__builtins__.open("/etc/passwd").read() }}', "« __init__ »"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "« __class__ »"),
    ("{{ range.__globals__ }}", "« __globals__ »"),
    ("{{ dict.mro() }}", "« mro »"),
    ("{{ (ctx | items).gi_frame.f_globals }}", "« gi_frame »"),
    ("{{ lipsum.__globals__.os }}", "« lipsum » n'est pas défini"),
    ("{{ asset.__self__.folders }}", "« __self__ »"),
    ("{{ ctx._replace(interne=True) }}", "« _replace »"),
    ("{{ ctx.resolver.__dict__ }}", "« __dict__ »"),
    ('{{ "{0.__class__.__mro__}".format(ctx) }}', "« __class__ »"),
    ('{{ ctx | attr("__class__") }}', "« __class__ »"),
    # pydantic's own methods: parse_file reads any file, model_fields leads to classes.
    ('{{ ctx.doc.parse_file("/etc/passwd") }}', "« parse_file »"),
    ('{{ ctx.doc.territoire.parse_raw("{}") }}', "« parse_raw »"),
    ("{{ ctx.doc.model_fields }}", "« model_fields »"),
    ("{{ ctx.doc.model_copy(update={'interne': 1}) }}", "« model_copy »"),
    # The immutable sandbox: the data a template receives is never changed.
    ("{% set x = [] %}{{ x.append(1) }}", "modification refusée : « append »"),
    ("{{ ctx.resolver.acteurs.clear() }}", "modification refusée : « clear »"),
    ("{{ ctx.doc.acteurs.pop() }}", "modification refusée : « pop »"),
    ("{{ dict.clear(ctx.resolver.acteurs) }}", "accès refusé à « clear » d'un objet type"),
    ("{{ nbsp.format.__wrapped__ }}", "« __wrapped__ »"),
    ("{{ range(10 ** 7) | length }}", "range() de 10000000 éléments refusé"),
]


@pytest.mark.parametrize(("source", "message"), ESCAPES, ids=[e[0][:40] for e in ESCAPES])
def test_a_repository_template_cannot_reach_python(
    capsys: pytest.CaptureFixture[str], repo: Path, source: str, message: str
) -> None:
    (repo / "charte" / "couverture.html").write_text(f"<header>\n{source}</header>", "utf-8")
    err = _refused(capsys, repo, message, "couverture.html:2")
    assert err.startswith("stspd : modèle ")


LOADS = [
    ('{% include "/etc/passwd" %}', "nom de modèle « /etc/passwd » refusé"),
    ('{% include "../ailleurs/secret.html" %}', "« ../ailleurs/secret.html » refusé"),
    ('{% extends "../../x" %}', "nom de modèle « ../../x » refusé"),
    ('{% import "../ailleurs/secret.html" as s %}', "refusé"),
    ('{% from "a/../../ailleurs/secret.html" import x %}', "refusé"),
    ('{% include "..\\\\ailleurs\\\\secret.html" %}', "refusé"),
    ('{% include "C:/Windows/win.ini" %}', "refusé"),
    ('{% include "absent.html" %}', "modèle « absent.html » introuvable (cherché dans"),
]


@pytest.mark.parametrize(("source", "message"), LOADS, ids=[e[0] for e in LOADS])
def test_includes_never_leave_the_template_folders(
    capsys: pytest.CaptureFixture[str], repo: Path, source: str, message: str
) -> None:
    (repo / "charte" / "couverture.html").write_text(f"<header>\n{source}</header>", "utf-8")
    _refused(capsys, repo, message)


def test_a_symbolic_link_out_of_the_template_folder_is_refused(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    outside = repo.parent / "ailleurs"
    (repo / "charte" / "couverture.html").symlink_to(outside / "secret.html")
    code, out, err = _render(capsys, repo)
    assert (code, out) == (2, "")
    assert "modèle « couverture.html » refusé : c'est un lien vers" in err
    assert "hors du dossier de modèles" in err
    assert MARKER not in err
    # A linked folder that leads out is refused the same way, through include or import.
    (repo / "charte" / "couverture.html").unlink()
    (repo / "charte" / "partage").symlink_to(outside, target_is_directory=True)
    for source in (
        '{% include "partage/secret.html" %}',
        '{% import "partage/secret.html" as s %}',
    ):
        (repo / "charte" / "couverture.html").write_text(f"<header>\n{source}</header>", "utf-8")
        _refused(capsys, repo, "modèle « partage/secret.html » refusé", "hors du dossier")


def test_symbolic_links_inside_the_template_folder_are_followed(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    shared = repo / "charte" / "commun"
    shared.mkdir()
    (shared / "couverture.html").write_text("<header>Couverture commune</header>", "utf-8")
    (repo / "charte" / "couverture.html").symlink_to(Path("commun") / "couverture.html")
    (repo / "charte" / "lien").symlink_to(shared, target_is_directory=True)
    (repo / "charte" / "extra.css").write_text('{% include "lien/couverture.html" %}', "utf-8")
    code, _out, err = _render(capsys, repo)
    assert code == 0, err
    html = (repo / "feuille.html").read_text(encoding="utf-8")
    assert html.count("Couverture commune") == 2


def test_a_template_that_is_not_utf8_or_too_big_is_refused(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "charte" / "couverture.html").write_bytes("<p>été</p>".encode("cp1252"))
    code, _out, err = _render(capsys, repo)
    assert code == 2
    assert "couverture.html » illisible : pas en UTF-8 (octet 4)" in err
    (repo / "charte" / "couverture.html").write_bytes(b" " * (1024 * 1024 + 1))
    code, _out, err = _render(capsys, repo)
    assert code == 2
    assert "refusé : plus de 1024 Kio" in err


def test_unknown_names_are_reported_in_french(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "charte" / "couverture.html").write_text("<header>\n{{ ctx.inconnu }}</header>")
    _refused(capsys, repo, "pas d'attribut « inconnu » dans cet objet RenderContext")
    (repo / "charte" / "couverture.html").write_text("<header>\n{{ inconnu }}</header>")
    _refused(capsys, repo, "« inconnu » n'est pas défini")


@pytest.mark.parametrize(
    "value", ["/", "../", "../../", "charte/../..", "lien-dehors", "lien-dehors/sous"]
)
def test_repository_settings_cannot_select_a_folder_outside_the_repository(
    capsys: pytest.CaptureFixture[str], repo: Path, value: str
) -> None:
    outside = repo.parent / "ailleurs"
    (outside / "sous").mkdir()
    (repo / "lien-dehors").symlink_to(outside, target_is_directory=True)
    (repo / ".stspd.toml").write_text(f'[render]\ntemplates = "{value}"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="est hors du dossier de ce fichier") as caught:
        template_dirs(None, repo / "strategie.yaml")
    assert caught.value.hint == "un autre dossier se choisit avec --templates DOSSIER"
    code, out, err = _render(capsys, repo)
    assert (code, out) == (2, "")
    assert f"le dossier de modèles « {value} » est hors du dossier" in err
    assert "--templates DOSSIER" in err


def test_repository_settings_may_name_a_folder_inside_it(repo: Path) -> None:
    (repo / "charte" / "sous").mkdir()
    (repo / "lien").symlink_to(repo / "charte" / "sous", target_is_directory=True)
    for value, expected in (
        (".", repo),
        ("charte/sous/..", repo / "charte" / "sous" / ".."),
        ("lien", repo / "lien"),
    ):
        (repo / ".stspd.toml").write_text(f'[render]\ntemplates = "{value}"\n', "utf-8")
        assert template_dirs(None, repo / "strategie.yaml") == (expected,)


def test_the_settings_file_itself_is_read_with_care(repo: Path) -> None:
    settings = repo / ".stspd.toml"
    settings.unlink()
    elsewhere = repo.parent / "ailleurs" / "reglages.toml"
    elsewhere.write_text('[render]\ntemplates = "charte"\n', encoding="utf-8")
    settings.symlink_to(elsewhere)
    with pytest.raises(UsageError, match="refusés : lien vers un fichier hors de ce dossier"):
        template_dirs(None, repo / "strategie.yaml")
    settings.unlink()
    settings.write_text("# " + "x" * 70_000 + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match="refusés : plus de 64 Kio"):
        template_dirs(None, repo / "strategie.yaml")
    # Not a regular file (a device, a named pipe): not a settings file, never read.
    settings.unlink()
    os.mkfifo(settings)
    assert template_dirs(None, repo / "strategie.yaml") == ()
    settings.unlink()
    settings.symlink_to("/dev/zero")
    assert template_dirs(None, repo / "strategie.yaml") == ()


def test_the_command_line_folder_may_be_anywhere_and_is_still_sandboxed(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """``--templates`` is the user's own choice: any folder, the same sandbox."""
    chosen = repo.parent / "ailleurs" / "charte-de-la-ville"
    chosen.mkdir()
    (chosen / "couverture.html").write_text("<header>Charte de la ville</header>", "utf-8")
    target = repo / "feuille.html"
    args = ["render", str(repo / "strategie.yaml"), "-o", str(target), "--templates", str(chosen)]
    code, _out, err = run(capsys, *args)
    assert code == 0, err
    assert "Charte de la ville" in target.read_text(encoding="utf-8")
    target.unlink()
    (chosen / "couverture.html").write_text("<header>\n{{ cycler.__init__ }}</header>", "utf-8")
    code, _out, err = run(capsys, *args)
    assert code == 2
    assert "accès refusé à « __init__ »" in err
    assert not target.exists()


def test_shipped_templates_render_in_the_same_sandbox(repo: Path) -> None:
    """The defaults, overridden block by block, go through the same loader and sandbox."""
    (repo / "charte" / "document.html").write_text(
        '{% extends "!document.html" %}{% block couverture %}'
        '{% include "!../templates/document.html" %}{% endblock %}',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match=r"« \.\./templates/document\.html » refusé"):
        render_document(document(DEMO), "html", templates=[repo / "charte"])


def test_assets_follow_links_inside_and_refuse_links_out(repo: Path) -> None:
    charte = repo / "charte"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
    (charte / "images").mkdir()
    (charte / "images" / "bandeau.svg").write_bytes(svg)
    (charte / "bandeau.svg").symlink_to(Path("images") / "bandeau.svg")
    (charte / "fuite.svg").symlink_to(repo.parent / "ailleurs" / "secret.html")
    (charte / "couverture.html").write_text('<img src="{{ asset("bandeau.svg") }}">', "utf-8")
    html = render_document(document(DEMO), "html", templates=[charte]).decode()
    assert base64.b64encode(svg).decode() in html
    for name in ("fuite.svg", "/etc/passwd", "../ailleurs/secret.html"):
        (charte / "couverture.html").write_text(f'<img src="{{{{ asset("{name}") }}}}">', "utf-8")
        with pytest.raises(TemplateError, match="introuvable dans les dossiers de modèles"):
            render_document(document(DEMO), "html", templates=[charte])


@pytest.fixture
def web() -> Iterator[tuple[int, list[str]]]:
    """A web server on this machine that notes every request it receives."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port, seen
    server.shutdown()
    server.server_close()


def test_the_pdf_reads_no_file_and_no_address_a_template_names(
    repo: Path, web: tuple[int, list[str]]
) -> None:
    """WeasyPrint only reads ``data:`` addresses: a template (or a picture it inlines) that
    names ``file:`` or ``http:`` gets nothing read, nothing embedded, no request sent."""
    port, seen = web
    secret = repo.parent / "ailleurs" / "secret.html"
    url = f"http://127.0.0.1:{port}"
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
        f'<image href="file://{secret}" width="9" height="9"/>'
        f'<image href="{url}/dans-le-svg.png" width="9" height="9"/></svg>'
    )
    (repo / "charte" / "logo.svg").write_text(svg, encoding="utf-8")
    (repo / "charte" / "extra.css").write_text(
        f'@import url("{url}/import.css");\n'
        f'body {{ background: url("file://{secret}"); }}\n'
        f'@font-face {{ font-family: Espion; src: url("{url}/police.woff"); }}\n',
        encoding="utf-8",
    )
    (repo / "charte" / "couverture.html").write_text(
        '<header>{% if logo %}<img src="{{ logo }}" alt="">{% endif %}'
        f'<link rel="stylesheet" href="{url}/lien.css">'
        f'<img src="file://{secret}" alt=""><img src="{url}/image.png" alt="">'
        f'<a rel="attachment" href="file://{secret}">pièce jointe</a>'
        f'<object data="file://{secret}"></object><iframe src="file://{secret}"></iframe>'
        "<h1>Couverture</h1></header>",
        encoding="utf-8",
    )
    # A short strategy: what is read depends on the templates, not on the strategy's length.
    small = document(write_strategy(repo.parent, MINIMAL, "courte.yaml"))
    pdf = render_document(small, "pdf", templates=[repo / "charte"])
    assert seen == []
    assert b"/EmbeddedFile" not in pdf
    assert MARKER not in pdf_text(pdf)
    assert "Couverture" in pdf_text(pdf)


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("{{ ctx.acteur() }}", "TypeError"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ('{{ "x" | date_fr }}', "AttributeError"),
        ('{{ "x" | label("inconnu") }}', "KeyError"),
        ("{{ cycler() }}", "RuntimeError"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "RecursionError"),
    ],
)
def test_a_failing_call_in_a_commune_template_is_its_error(
    capsys: pytest.CaptureFixture[str], repo: Path, source: str, error: str
) -> None:
    """Exit 2 at the template's line, not « erreur interne » (exit 3, kept for stspd's bugs)."""
    (repo / "charte" / "couverture.html").write_text(f"<header>\n{source}</header>", "utf-8")
    _refused(capsys, repo, f"couverture.html:2 : un calcul ou un appel a échoué ({error} :")


@pytest.mark.parametrize(
    "source",
    [
        "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
        "{% if 1 %}" * 500 + "x" + "{% endif %}" * 500,
        "{% if 1 %}" * 120 + "x" + "{% endif %}" * 120,
        "{{ " + "[" * 300 + "]" * 300 + " }}",
    ],
    ids=["parentheses", "blocs", "indentation", "listes"],
)
def test_a_template_nested_too_deep_is_refused(
    capsys: pytest.CaptureFixture[str], repo: Path, source: str
) -> None:
    (repo / "charte" / "couverture.html").write_text(source, encoding="utf-8")
    _refused(capsys, repo, "couverture.html:1 : modèle trop imbriqué pour être lu")


class _Planted:
    """Unpickling it creates a file: what a forged entry could make Jinja's pickle.load do."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.path), "w"))


def test_a_forged_compiled_template_is_never_run(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anyone can compute the name and the checksum Jinja expects of a cached template. An
    entry planted with them (compiled code that writes a file, or a pickle that does) is not
    loaded: the template is compiled again from its source."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    signing.secret_key.cache_clear()
    (repo / "charte" / "couverture.html").write_text("<header>Couverture du dépôt</header>")
    env = build_environment([repo / "charte"])
    cache = env.bytecode_cache
    assert cache is not None
    source = (repo / "charte" / "couverture.html").read_text(encoding="utf-8")
    filename = str((repo / "charte" / "couverture.html").resolve())
    key = cache.get_cache_key("couverture.html", filename)
    checksum = cache.get_source_checksum(source)
    entry = tmp_path / "cache" / "stspd" / "modeles" / f"{tool_fingerprint()[:16]}-{key}.cache"
    ran = tmp_path / "execute"
    code = compile(f"open({str(ran)!r}, 'w').close()", "<forge>", "exec")
    forged = [
        bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(code),
        bc_magic + pickle.dumps(_Planted(ran), 2),
        signing.MAGIC + bytes(signing.SIGNATURE_SIZE) + bc_magic + pickle.dumps(_Planted(ran)),
    ]
    for data in forged:
        entry.write_bytes(data)
        html = render_document(document(DEMO), "html", templates=[repo / "charte"]).decode()
        assert "Couverture du dépôt" in html
        assert not ran.exists()
    # The entry the rendering stored is genuine: it is used by the next one.
    assert entry.read_bytes().startswith(signing.MAGIC)
    signing.secret_key.cache_clear()
