#!/usr/bin/env bash
# Paquets système dont `stspd render` et ses tests ont besoin (Debian / Ubuntu) :
#   chromium-headless-shell  tests de la page HTML (console, impression, axe-core) : le Chromium
#                       de Debian sans son interface ; un Chromium complet déjà installé suffit,
#                       et il est pris là où ce paquet n'existe pas (Debian plus ancienne)
#   poppler-utils       pdftotext, pdftoppm, pdfinfo (tests et relecture du PDF)
#   fonts-*             polices du document (Liberation, DejaVu)
#   libpango*, harfbuzz bibliothèques de WeasyPrint (format pdf)
#   libcairo2           bibliothèque de CairoSVG (graphiques du bilan en docx et odt)
#   libreoffice-*-nogui LibreOffice sans interface (Writer et Calc) : les tests ouvrent les docx
#                       et odt produits et les convertissent en PDF, comme un agent de la mairie
#                       les ouvrirait, et enregistrent de nouveau les tableaux de suivi (xlsx, csv)
# Idempotent : ne fait rien (et vite) quand tout est déjà installé.
set -euo pipefail

PACKAGES=(
  poppler-utils
  fonts-dejavu-core
  fonts-liberation2
  libpango-1.0-0
  libpangoft2-1.0-0
  libharfbuzz-subset0
  libcairo2
  libreoffice-writer-nogui
  libreoffice-calc-nogui
)

explain() {
  echo "stspd : paquets système manquants : $*" >&2
  echo "  installez-les avec les droits d'administrateur, par exemple :" >&2
  echo "  sudo apt-get update && sudo apt-get install --no-install-recommends $*" >&2
}

if ! command -v dpkg-query >/dev/null 2>&1; then
  # Not Debian: accept the tools if they are on PATH, whoever installed them.
  if ! command -v chromium-headless-shell >/dev/null 2>&1 && ! command -v chromium >/dev/null 2>&1; then
    echo "stspd : ni « chromium-headless-shell » ni « chromium » ; installez l'un des deux." >&2
    exit 1
  fi
  for tool in pdftotext pdftoppm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "stspd : « $tool » introuvable et ce système n'est pas une Debian ;" >&2
      echo "  installez Chromium, poppler-utils, les polices Liberation et Pango." >&2
      exit 1
    fi
  done
  exit 0
fi

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! installed "$pkg"; then
    missing+=("$pkg")
  fi
done
browser=0
if ! installed chromium-headless-shell && ! installed chromium; then
  browser=1
fi
if [ "${#missing[@]}" -eq 0 ] && [ "$browser" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  [ "$browser" -eq 1 ] && missing+=(chromium-headless-shell)
  explain "${missing[@]}"
  exit 1
fi

"${sudo[@]}" apt-get update -qq
if [ "$browser" -eq 1 ]; then
  # The shell where the package lists have it (Debian 12 and later), the whole browser elsewhere.
  if apt-cache show chromium-headless-shell >/dev/null 2>&1; then
    missing+=(chromium-headless-shell)
  else
    missing+=(chromium)
  fi
fi
echo "stspd : installation des paquets système : ${missing[*]}" >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
