#!/usr/bin/env bash
# Sets up everything Zizhu needs on a Debian machine: Debian packages when missing, a venv in
# .venv with the project installed (re-installed only when pyproject.toml changes).
# Sourced by scripts/test.sh and scripts/demo.sh; safe to run again.
set -euo pipefail

ZIZHU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${ZIZHU_VENV:-$ZIZHU_ROOT/.venv}"

log() { printf '[zizhu setup] %s\n' "$*" >&2; }

# Debian packages: the broker the tests start, fonts for Chinese and Mongolian, the libraries
# Qt and OpenCV load, a virtual screen for kiosk screenshots.
DEB_PACKAGES=(mosquitto fonts-noto-cjk fonts-noto-core libegl1 libgl1 libxkbcommon0 libfontconfig1
              libdbus-1-3 libglib2.0-0 python3-venv)
DEB_PACKAGES+=(openssl)  # the agent's TLS tests make a throwaway CA
DEB_PACKAGES+=(postgresql)  # the hall server's storage tests run on PostgreSQL too
DEB_PACKAGES+=(chromium)  # the dashboard test renders the hall's pages in Debian's Chromium, headless
DEB_PACKAGES+=(${ZIZHU_EXTRA_DEB:-})

missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
    log "missing Debian packages: ${missing[*]} — run as root or install them with apt-get"; exit 1; fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq >&2
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

PY=""
for cand in python3.13 python3.12 python3.11 python3; do
  if command -v "$cand" >/dev/null && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY="$(command -v "$cand")"; break
  fi
done
[[ -n "$PY" ]] || { log "Python 3.11 or newer is needed (apt-get install python3)"; exit 1; }

if [[ ! -x "$VENV/bin/python" ]]; then
  log "creating $VENV with $PY"
  "$PY" -m venv "$VENV"
fi

stamp="$VENV/.zizhu-installed"
want="$(sha256sum "$ZIZHU_ROOT/pyproject.toml" | cut -d' ' -f1) $ZIZHU_ROOT"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  log "installing Zizhu and its dependencies into $VENV (first run takes a few minutes)"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >&2
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ZIZHU_ROOT[test]" >&2
  echo "$want" > "$stamp"
fi
export PATH="$VENV/bin:$PATH"
