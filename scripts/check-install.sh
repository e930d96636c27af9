#!/usr/bin/env bash
# L'installation de stspd telle que le README la décrit, dans un dossier neuf hors de ce dépôt :
#   1. une copie du dépôt (git clone), installée par chaque ligne du README (« Installer
#      stspd ») : pip dans un environnement virtuel, pipx, uv, puis le fichier de make wheel ;
#   2. stspd init dans un dossier neuf, et le vrai pre-commit avec la configuration écrite ;
#   3. git diff avec un PATH où stspd n'est pas.
# Les dépendances viennent de PyPI (pip, pipx et uv les téléchargent) : quelques minutes.
# Lancé par `make check-install`. Code 0 : tout a marché ; sinon, la ligne qui a échoué.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s\n' "$*"; }

cd "$work"
step "copie du dépôt (commit $(git -C "$repo" rev-parse --short HEAD))"
git clone --quiet "$repo" stspd
wheel="$(ls "$repo"/dist/stspd_cli-*-py3-none-any.whl)"

# The install lines of README.md, as written (./stspd is the copy).
block="$(sed -n '/^## Installer stspd/,/^## /p' "$repo/README.md" | sed -n '/^```sh$/,/^```$/p' | grep -v '^```')"
echo "$block"

step "pip, dans un environnement virtuel"
"$python" -m venv venv-pip
(source venv-pip/bin/activate && eval "$(echo "$block" | grep 'pip install')" && stspd --version)

step "outils pour pipx et uv"
"$python" -m venv outils
outils/bin/pip install --quiet --disable-pip-version-check pipx uv pre-commit
export PATH="$work/outils/bin:$PATH" PIPX_HOME="$work/pipx" PIPX_BIN_DIR="$work/pipx-bin"
export UV_TOOL_DIR="$work/uv-outils" UV_TOOL_BIN_DIR="$work/uv-bin" UV_CACHE_DIR="$work/uv-cache"

step "pipx"
eval "$(echo "$block" | grep '^pipx install')"
"$work/pipx-bin/stspd" --version

step "uv"
eval "$(echo "$block" | grep '^uv tool install')"
"$work/uv-bin/stspd" --version

step "fichier de make wheel : $wheel"
"$python" -m venv venv-wheel
venv-wheel/bin/pip install --quiet --disable-pip-version-check "$wheel"
venv-wheel/bin/stspd --version

step "stspd init, puis le vrai pre-commit"
export PATH="$work/venv-pip/bin:$PATH"
stspd init depot --territoire Lille --instance CLSPD
cd depot
git -c user.name=Essai -c user.email=essai@example.org add -A
pre-commit run --all-files --color never
git -c user.name=Essai -c user.email=essai@example.org commit --quiet -m "Squelette"

step "git diff sans stspd sur le PATH"
sed -i 's/statut: prevue/statut: en_cours/' strategies/clspd-lille.yaml
PATH="$(dirname "$(command -v git)"):/usr/bin:/bin" git diff --stat
PATH="$(dirname "$(command -v git)"):/usr/bin:/bin" git diff | grep -q '^+ *statut: en_cours'
git diff | grep -q 'statut : en_cours'

step "tout a marché"
