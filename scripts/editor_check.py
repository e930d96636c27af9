"""What an editor shows from stspd's JSON Schema, asked to the real yaml-language-server.

VS Code (extension YAML), Neovim, Helix, Emacs and Sublime Text all use yaml-language-server:
this drives it over LSP (stdio), as an editor does, on a strategy linked to the schema by its
``# yaml-language-server: $schema=`` line, and checks the hover and completion texts: one title
per field, each example once and fitting the field, a description for each value of a closed
list.

Run: .venv/bin/python scripts/editor_check.py [--server DOSSIER]  (make editor-check)
The server is installed with npm into build/editor-check/ when absent (the npm registry).
Exit code 0 when every check holds; the texts seen are printed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VERSION = "2.0.0"  # of yaml-language-server

STRATEGY = """\
# yaml-language-server: $schema={schema}
schema: stspd/1
territoire:
  nom: Lille
  instance: CLSPD
strategie:
  titre: Stratégie
  libelles:
    objectif: Enjeu
  periode:
    debut: 2026
    fin: "2028-06"
acteurs:
  - id: ville-lille
    nom: Ville de Lille
    type: commune
plans:
  - id: plan-jeunesse
    titre: Jeunesse
    actions:
      - id: presence-educative
        titre: Présence éducative
        pilote: ville-lille
        statut: en_cours
        calendrier:
          echeance: 2026-12-31
{blank}
"""


class Client:
    """A minimal LSP client over the server's standard input and output."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(  # noqa: S603 (the server installed for the check)
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 0

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.process.stdin.flush()

    def _receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                msg = "le serveur s'est arrêté"
                raise RuntimeError(msg)
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        return message

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        ident = self.next_id
        self._send({"id": ident, "method": method, "params": params})
        while True:
            message = self._receive()
            if message.get("id") == ident and "method" not in message:
                return message.get("result")
            if "method" in message and "id" in message:  # a request of the server
                settings = {"yaml": {"hover": True, "completion": True, "validate": True}}
                result: Any = None
                if message["method"] == "workspace/configuration":
                    items = message["params"]["items"]
                    result = [settings.get(i.get("section", ""), {}) for i in items]
                self._send({"id": message["id"], "result": result})

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=10)


def _server(folder: Path) -> list[str]:
    script = folder / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm est introuvable : installez Node.js pour lancer yaml-language-server")
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603
            [
                npm,
                "install",
                "--silent",
                "--prefix",
                str(folder),
                f"yaml-language-server@{VERSION}",
            ],
            check=True,
        )
    node = shutil.which("node")
    assert node is not None
    return [node, str(script), "--stdio"]


def _text(contents: Any) -> str:
    if isinstance(contents, dict):
        return str(contents.get("value", ""))
    if isinstance(contents, list):
        return "\n".join(_text(c) for c in contents)
    return str(contents or "")


def _position(text: str, needle: str, offset: int = 0) -> dict[str, int]:
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return {"line": line, "character": index - (text.rfind("\n", 0, index) + 1)}


class Checks:
    """The checks, each printed as it is made."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def __call__(self, condition: bool, what: str) -> None:
        print(("  ok  " if condition else "  ÉCHEC ") + what)
        if not condition:
            self.failures.append(what)


class Session:
    """One strategy opened in the server, as an editor opens it."""

    def __init__(self, client: Client, folder: Path, text: str) -> None:
        self.client = client
        self.text = text
        self.uri = (folder / "strategie.yaml").as_uri()
        client.request(
            "initialize",
            {
                "processId": None,
                "rootUri": folder.as_uri(),
                "capabilities": {
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "completion": {
                            "completionItem": {"documentationFormat": ["markdown", "plaintext"]}
                        },
                    }
                },
            },
        )
        client.notify("initialized", {})
        client.notify(
            "workspace/didChangeConfiguration",
            {"settings": {"yaml": {"hover": True, "completion": True, "validate": True}}},
        )
        document = {"uri": self.uri, "languageId": "yaml", "version": 1, "text": text}
        client.notify("textDocument/didOpen", {"textDocument": document})

    def hover(self, needle: str) -> str:
        """What the editor shows with the pointer on the first ``needle`` (a key)."""
        at = {"textDocument": {"uri": self.uri}, "position": _position(self.text, needle, 1)}
        found = self.client.request("textDocument/hover", at)
        return _text(found["contents"]) if found else ""

    def complete(self, needle: str, offset: int) -> dict[str, str]:
        """Label -> documentation of what the editor offers at ``needle`` + ``offset``."""
        at = {"textDocument": {"uri": self.uri}, "position": _position(self.text, needle, offset)}
        found = self.client.request("textDocument/completion", at)
        items = found.get("items", []) if isinstance(found, dict) else (found or [])
        return {i["label"]: _text(i.get("documentation")) for i in items}


def check_hovers(session: Session, check: Checks) -> None:
    for key, title in [
        ("statut:", "Statut"),
        ("pilote:", "Pilote"),
        ("calendrier:", "Calendrier"),
        ("echeance:", "Échéance"),
    ]:
        shown = session.hover(key)
        print(f"\n-- survol de « {key} » --\n{shown}\n")
        heading = shown.splitlines()[0] if shown else ""
        check(heading == f"#### {title}", f"« {key} » : le titre « {title} », une fois")
        check("||" not in shown, f"« {key} » : pas de titres accolés par « || »")
    pilote = session.hover("pilote:")
    check("ville-lille" in pilote, "« pilote » : l'exemple est un identifiant d'acteur")
    check("comite-prevention-jeunes" not in pilote, "« pilote » : pas d'identifiant d'action")
    check(pilote.count("ville-lille") == 1, "« pilote » : l'exemple une seule fois")
    statut = session.hover("statut:")
    check(statut.count("* `realisee`: réalisée") == 1, "« statut » : chaque valeur une fois")
    # Every key of the document: one title, no « || ».
    lines = session.text.splitlines()[1:]
    keys = sorted({line.split(":")[0].strip(" -") for line in lines if ":" in line})
    doubled = []
    for key in keys:
        shown = session.hover(f"{key}:")
        if "||" in shown or (shown and not shown.startswith("#### ")):
            doubled.append(f"{key} : {shown.splitlines()[0] if shown else ''}")
    check(not doubled, f"{len(keys)} clés survolées, un titre chacune {doubled}")


def check_completions(session: Session, check: Checks) -> None:
    docs = session.complete("statut: en_cours", len("statut: "))
    print("-- complétion de « statut: » --")
    for value, words in docs.items():
        print(f"  {value} : {words}")
    check("realisee" in docs, "« statut » : les valeurs du vocabulaire sont proposées")
    check("réalisée" in docs.get("realisee", ""), "« realisee » : décrite par « réalisée »")
    check(
        "partiellement réalisée" in docs.get("partiellement_realisee", ""),
        "« partiellement_realisee » : décrite en français",
    )
    labels = session.complete(" " * 8 + "\n", 8)
    print("\n-- complétion des clés d'une action --")
    print("  " + ", ".join(sorted(labels)))
    for name in ("avancement", "partenaires", "financement"):
        print(f"  {name} : {labels.get(name, '(absent)')[:160]!r}")
    check({"avancement", "partenaires", "financement"} <= set(labels), "clés d'une action")
    check("acteurs associés" in labels.get("partenaires", ""), "« partenaires » décrite")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", type=Path, default=ROOT / "build" / "editor-check")
    args = parser.parse_args()
    check = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        schema = folder / "schema.json"
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "stspd_cli", "schema", "-o", str(schema)],
            check=True,
            capture_output=True,
        )
        text = STRATEGY.format(schema=schema.as_uri(), blank=" " * 8)
        client = Client(_server(args.server))
        session = Session(client, folder, text)
        check_hovers(session, check)
        check_completions(session, check)
        client.close()
    if check.failures:
        print(f"\n{len(check.failures)} vérification(s) en échec")
        sys.exit(1)
    print("\ntout est conforme")


if __name__ == "__main__":
    main()
