#!/usr/bin/env bash
# Print the interpreter that makes the project's virtual environment (the Makefile's PYTHON).
#
# The distribution's Python (/usr/bin/python3) comes first when it is 3.11 or newer and can make
# a venv with pip (on Debian and Ubuntu, the python3-venv package): distributions build it with
# profile-guided optimisation and LTO, where pyenv and a plain ./configure build without them.
# On the 2-core machine of docs/performance.md (« L'interpréteur »), Debian's 3.11 runs the
# same pure-Python work in about two thirds of the time of pyenv's 3.11. Otherwise: the python3
# of the PATH, as before. `make PYTHON=...` still chooses by hand; STSPD_PYTHON_CANDIDATES
# (paths, space-separated) replaces the list tried first (the tests use it).
set -u

usable() {
  "$1" -c 'import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    >/dev/null 2>&1
}

for candidate in ${STSPD_PYTHON_CANDIDATES-/usr/bin/python3}; do
  if [ -x "$candidate" ] && usable "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done
command -v python3 || echo python3
