#!/usr/bin/env bash
# Refreshes requirements.lock, the exact version and hashes of every Python package that
# scripts/bootstrap.sh installs (and so CI tests): pyproject.toml's dependencies with the `test`
# extra, plus scripts/build-requirements.in. One resolution for every platform and Python >= 3.11
# (`uv pip compile --universal`), so markers such as atheris's Linux-x86_64-only one survive.
#
#   bash scripts/lock.sh                # add what pyproject.toml gained; keep every other pin
#   bash scripts/lock.sh --upgrade      # move every package to the newest release its range allows
#   bash scripts/lock.sh --upgrade-package fastapi   # just that one (any uv pip compile option works)
#
# Then run bash scripts/test.sh (it re-installs from the new lock) and commit requirements.lock.
set -euo pipefail
ZIZHU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UV_VERSION=0.13.9
TOOLS="${ZIZHU_LOCK_TOOLS:-$ZIZHU_ROOT/.venv/lock-tools}"
if [[ ! -x "$TOOLS/bin/uv" ]] || [[ "$("$TOOLS/bin/uv" --version)" != "uv $UV_VERSION"* ]]; then
  echo "[zizhu lock] installing uv $UV_VERSION into $TOOLS" >&2
  python3 -m venv "$TOOLS"
  "$TOOLS/bin/python" -m pip install -q --disable-pip-version-check "uv==$UV_VERSION"
fi
cd "$ZIZHU_ROOT"
"$TOOLS/bin/uv" pip compile pyproject.toml scripts/build-requirements.in --extra test \
  --universal --python-version 3.11 --generate-hashes \
  --custom-compile-command "bash scripts/lock.sh" -o requirements.lock --quiet "$@"
echo "[zizhu lock] requirements.lock: $(grep -c '^[a-z0-9]' requirements.lock) packages" >&2
