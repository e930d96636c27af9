"""The one Jinja environment of stspd: sandbox, template folders, filters, compiled templates.

Templates are looked up in the commune's folders first (``--templates DIR``, then the folder its
repository's ``stspd.toml`` names), then in the default templates shipped with stspd. A name
starting with ``!`` always means the default template, so a commune can override one block and
keep the rest, as Sphinx does::

    {% extends "!document.html" %}
    {% block couverture %}...{% endblock %}

Every template, shipped or the commune's, renders in the sandbox (:mod:`stspd_cli.render.sandbox`)
and reads only files inside the template folders (:mod:`stspd_cli.render.loader`): a template
found in a cloned repository lays data out and does nothing else. Strategy data only ever
reaches templates as context values: it is never compiled as a template. HTML templates are
autoescaped; Markdown text fields go through :mod:`stspd_cli.render.markdown`.
"""

from __future__ import annotations

import base64
import io
import mimetypes
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import BytecodeCache, TemplateRuntimeError, pass_context, select_autoescape
from jinja2.filters import do_indent
from markupsafe import Markup

from stspd_cli import signing
from stspd_cli.errors import TemplateError
from stspd_cli.fr import (
    NBSP,
    NNBSP,
    date_as_of,
    date_fr,
    date_from,
    date_on,
    euros_fr,
    number_fr,
    percent_fr,
    plural,
    typography,
    words_for,
)
from stspd_cli.render import markdown
from stspd_cli.render.loader import ChainLoader
from stspd_cli.render.sandbox import FrenchUndefined, Sandbox
from stspd_cli.render.typeset import TypesetTemplate, TypographyExtension
from stspd_cli.vocabulary import label

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from jinja2 import Environment
    from jinja2.bccache import Bucket
    from jinja2.runtime import Context

LOGO_NAMES = ("logo.svg", "logo.png", "logo.jpg", "logo.jpeg")
BYTECODE_PURPOSE = "modeles"
# A logo or a picture inlined in the document; a bigger file is refused before it is read.
MAX_ASSET = 8 * 1024 * 1024


def default_templates() -> Path:
    """The shipped templates: inside the package once installed, at the repository's top in
    a development (editable) install."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "document.html").is_file():
            return candidate
    msg = f"modèles par défaut introuvables (cherchés dans {package} et {package.parent})"
    raise RuntimeError(msg)


class Assets:
    """Files (logo, pictures) from the template folders, inlined as ``data:`` URIs so that the
    document stays one self-contained file."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = [f.resolve() for f in folders]

    def find(self, name: str) -> Path | None:
        for folder in self.folders:
            path = (folder / name).resolve()
            # Only files really inside the template folders: no "../", no absolute path, no
            # symbolic link that leads out (resolve() follows it first).
            if path.is_relative_to(folder) and path.is_file():
                return path
        return None

    def data_uri(self, name: str) -> str:
        """The file as a ``data:`` URI; a Jinja error (the template's line is added to it)."""
        path = self.find(name)
        if path is None:
            msg = f"fichier « {name} » introuvable dans les dossiers de modèles"
            raise TemplateRuntimeError(msg)
        if path.stat().st_size > MAX_ASSET:
            msg = f"fichier « {name} » trop gros (plus de {MAX_ASSET // 2**20} Mio)"
            raise TemplateRuntimeError(msg)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _css_string(value: object) -> Markup:
    """A CSS string literal (running headers): quotes and backslashes escaped, one line."""
    text = " ".join(str(value).split())
    escaped = "".join(ch if ch.isalnum() or ch in " -,.'()" else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')  # noqa: S704  (every character but safe ones is escaped)


# markdown-it runs with raw HTML disabled: its output escapes the text it is given.
def _md(text: str | None, level: int = 2) -> Markup:
    return Markup(markdown.to_html(text, level)) if text else Markup("")  # noqa: S704


def _md_compact(text: str | None, level: int = 2) -> Markup:
    return Markup(markdown.to_html_compact(text, level)) if text else Markup("")  # noqa: S704


def _label(value: str, vocabulary: str) -> str:
    return label(vocabulary, value)


def _capitalize_first(value: str) -> str:
    """Upper-case the first letter only (Jinja's ``capitalize`` lowers the rest: « CLSPD »)."""
    return value[:1].upper() + value[1:]


def _quantity(value: float, unit: str | None = None) -> str:
    """``131 jeunes``, ``35 %``: a number and its unit, kept on one line."""
    return f"{number_fr(value)}{NBSP}{unit}" if unit else number_fr(value)


def _groupby_subject(items: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    """Consecutive items with the same ``subject``, in order (Jinja's groupby sorts)."""
    from itertools import groupby  # noqa: PLC0415

    return [(subject, list(group)) for subject, group in groupby(items, lambda i: i.subject)]


def _md_words(segments: Sequence[tuple[str, str]]) -> markdown.MarkdownText:
    """Word-level changes in Markdown: ~~removed~~ and **added**, whitespace kept outside."""
    marks = {"-": "~~", "+": "**", "=": ""}
    out = []
    previous = "="
    for op, chunk in segments:
        if op == "+" and previous == "-":
            out.append(" ")
        previous = op
        core = chunk.strip()
        if not core:
            out.append(chunk if op == "=" else "")
            continue
        lead = chunk[: len(chunk) - len(chunk.lstrip())]
        tail = chunk[len(chunk.rstrip()) :]
        mark = marks[op]
        out.append(f"{lead}{mark}{markdown.escape_text(core)}{mark}{tail}")
    return markdown.MarkdownText(" ".join("".join(out).split()))


def _indent(text: str, *args: Any, **kwargs: Any) -> str:
    """Jinja's ``indent``, keeping Markdown made safe marked as such (see ``_finalize``)."""
    indented = do_indent(text, *args, **kwargs)
    return markdown.MarkdownText(indented) if isinstance(text, markdown.MarkdownText) else indented


def _phone(number: str) -> str:
    """``03 20 00 00 00`` kept on one line: its spaces become no-break ones."""
    return " ".join(number.split()).replace(" ", NBSP)


def _agreed(singular: str, count: int) -> str:
    """``"Partenaire" | accord(n)``: « Partenaire », or « Partenaires » when n > 1, by the one
    plural rule (:func:`stspd_cli.fr.words_for`)."""
    return words_for(count, singular)


def _date_iso_fr(text: str) -> str:
    """An ISO date written as text (in report data, at any precision) shown the French way."""
    from stspd_cli.dates import PartialDate  # noqa: PLC0415

    return date_fr(PartialDate.parse(text))


FILTERS: dict[str, Callable[..., Any]] = {
    "date_iso_fr": _date_iso_fr,
    "md_words": _md_words,
    "groupby_subject": _groupby_subject,
    "date_fr": date_fr,
    "date_le": date_on,  # « le 30 juin 2026 », « en juin 2026 »
    "date_au": date_as_of,  # « au 30 juin 2026 », « en juin 2026 »
    "date_du": date_from,  # « du 30 juin 2026 », « de juin 2026 »
    "euros": euros_fr,
    "nombre": number_fr,
    "pourcent": percent_fr,  # the one precision rule (fr.PERCENT_DECIMALS)
    "valeur": _quantity,
    "capitalize_first": _capitalize_first,
    "pluriel": plural,  # 3 | pluriel("jour") -> « 3 jours »
    "accord": _agreed,
    "telephone": _phone,
    "label": _label,
    "md": _md,
    "md_compact": _md_compact,
    "md_source": markdown.safe_source,
    "md_text": markdown.escape_text,
    "md_cell": markdown.escape_cell,
    "md_url": markdown.link_target,
    "indent": _indent,
    "css_string": _css_string,
}


class _SignedBytecodeCache(BytecodeCache):
    """Compiled templates kept between runs (start-up time). Python runs what it unmarshals, so
    an entry is loaded only if stspd signed it (:mod:`stspd_cli.signing`), checked before Jinja
    reads a byte of it; anything else is compiled again. A cache that cannot be written is
    simply not used."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder = folder
        self.prefix = prefix

    def _name(self, bucket: Bucket) -> str:
        return f"{self.prefix}-{bucket.key}"

    def load_bytecode(self, bucket: Bucket) -> None:
        name = self._name(bucket)
        payload = signing.read_entry(self.folder / f"{name}.cache", BYTECODE_PURPOSE, name)
        if payload is not None:
            # Jinja checks its magic number and the template's source hash before unmarshalling.
            bucket.load_bytecode(io.BytesIO(payload))

    def dump_bytecode(self, bucket: Bucket) -> None:
        name = self._name(bucket)
        buffer = io.BytesIO()
        bucket.write_bytecode(buffer)
        signing.write_entry(
            self.folder / f"{name}.cache", BYTECODE_PURPOSE, name, buffer.getvalue()
        )


def _cache_folder() -> Path | None:
    """Where compiled templates are kept (None: nowhere, ``STSPD_NO_CACHE``)."""
    if os.environ.get("STSPD_NO_CACHE"):
        return None
    from platformdirs import user_cache_path  # noqa: PLC0415

    try:
        return user_cache_path("stspd", appauthor=False) / "modeles"
    except (OSError, RuntimeError):  # no home folder
        return None


def _bytecode_cache(folder: Path | None) -> _SignedBytecodeCache | None:
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # read-only file system, a file in the way...
        return None
    # Jinja keys an entry by the template's name and source only; what the environment adds when
    # compiling (finalize, filters) belongs to stspd's code: a new version never reuses an entry.
    from stspd_cli.cache import tool_fingerprint  # noqa: PLC0415

    return _SignedBytecodeCache(folder, tool_fingerprint()[:16])


@pass_context
def _finalize(context: Context, value: object) -> object:
    """Every text a printable (HTML) template writes gets French typography (and HTML escaping);
    every value a Markdown template writes is escaped unless stspd made it safe Markdown
    (:func:`stspd_cli.render.markdown.markdown_value`); its text fields keep what the writer
    typed, typography comes when they are rendered (``md``). Other templates (CSS) write what
    their filters give."""
    if context.eval_ctx.autoescape:
        return typography(value) if type(value) is str else value
    if (context.name or "").endswith(".md"):
        return markdown.markdown_value(value)
    return value


def build_environment(custom: Sequence[Path] = ()) -> Environment:
    """The environment of a rendering: the commune's folders, then the defaults.

    With the default templates alone, one environment a process (for a given cache folder):
    each template is then loaded once, not once a document (a folder of strategies, the two
    passes of a document with a glossary, a bilan after its feuilles de route: 200 strategies
    to HTML in 3.15 s instead of 4.38, medians of three). The commune's folders, whose files
    may change from one rendering to the next, get a new environment each time."""
    if custom:
        return _new_environment(tuple(custom), _cache_folder())
    return _default_environment(_cache_folder())


@lru_cache(maxsize=4)
def _default_environment(cache_folder: Path | None) -> Environment:
    return _new_environment((), cache_folder)


def _new_environment(custom: tuple[Path, ...], cache_folder: Path | None) -> Environment:
    default = default_templates()
    env = Sandbox(
        loader=ChainLoader(custom, default),
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml"), default_for_string=True, default=False
        ),
        undefined=FrenchUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(cache_folder),
        finalize=_finalize,
        extensions=[TypographyExtension],
    )
    env.template_class = TypesetTemplate
    env.filters.update(FILTERS)
    assets = Assets([*custom, default])
    env.globals.update(
        nbsp=NBSP,
        nnbsp=NNBSP,
        md_macro=markdown.markdown_macro,
        asset=assets.data_uri,
        logo=_logo(assets),
    )
    return env


def _logo(assets: Assets) -> str | None:
    for name in LOGO_NAMES:
        if assets.find(name) is not None:
            try:
                return assets.data_uri(name)
            except TemplateRuntimeError as error:
                raise TemplateError(f"modèle : {error.message}") from None
    return None
