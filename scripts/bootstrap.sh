#!/usr/bin/env bash
# Sets up everything Zizhu needs on a Debian machine: Debian packages when missing, a venv in
# .venv (or $ZIZHU_VENV) with exactly the Python packages of requirements.lock (hashes checked)
# and Zizhu itself installed editable, re-installed only when requirements.lock or pyproject.toml
# change. Sourced by scripts/test.sh and scripts/demo.sh; safe to run again.
#
# It says one line per step (what it does, how long it took). Everything apt and pip print goes
# to $VENV/setup.log; when a step fails, it names the step, shows the end of that log and exits 1.
set -euo pipefail

ZIZHU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${ZIZHU_VENV:-$ZIZHU_ROOT/.venv}"
mkdir -p "$VENV"
ZIZHU_SETUP_LOG="$VENV/setup.log"
: > "$ZIZHU_SETUP_LOG"

log() { printf '[zizhu setup] %s\n' "$*" >&2; }

_zizhu_us() { echo "${EPOCHREALTIME/[.,]/}"; }
_zizhu_took() { local us=$(( $(_zizhu_us) - $1 )); printf '%d.%d s' $((us / 1000000)) $((us / 100000 % 10)); }

# zizhu_step "what it is doing" COMMAND…: one line on stderr; COMMAND's output into the log.
zizhu_step() {
  local what=$1 t0 rc=0
  shift
  t0=$(_zizhu_us)
  printf '[zizhu setup] %s … ' "$what" >&2
  printf '\n===== %s — %s\n$ %s\n' "$(date '+%F %T')" "$what" "$*" >> "$ZIZHU_SETUP_LOG"
  "$@" >> "$ZIZHU_SETUP_LOG" 2>&1 < /dev/null || rc=$?
  if ((rc == 0)); then
    printf 'done in %s\n' "$(_zizhu_took "$t0")" >&2
    return 0
  fi
  printf 'FAILED after %s (exit %d)\n' "$(_zizhu_took "$t0")" "$rc" >&2
  log "this step failed: $what"
  log "the last lines of $ZIZHU_SETUP_LOG (the whole output is there):"
  tail -n 25 "$ZIZHU_SETUP_LOG" | sed 's/^/    /' >&2
  exit 1
}

# ---- Debian packages -------------------------------------------------------------------------
# The broker the tests start, fonts for Chinese and Mongolian, the libraries Qt and OpenCV load.
DEB_PACKAGES=(mosquitto fonts-noto-cjk fonts-noto-core libegl1 libgl1 libxkbcommon0 libfontconfig1
              libdbus-1-3 libglib2.0-0 python3-venv)
DEB_PACKAGES+=(openssl)  # the agent's TLS tests make a throwaway CA
DEB_PACKAGES+=(postgresql)  # the hall server's storage tests run on PostgreSQL too
DEB_PACKAGES+=(chromium)  # the dashboard test renders the hall's pages in Debian's Chromium, headless
# The A4 printer: CUPS (the tests start their own cupsd), what pycups is built with (an sdist),
# and a TrueType Chinese font ReportLab can embed (Noto CJK's outlines are CFF, which it refuses).
DEB_PACKAGES+=(cups libcups2-dev gcc python3-dev fonts-wqy-zenhei)
# shellcheck disable=SC2206  # a list of names, split on spaces
DEB_PACKAGES+=(${ZIZHU_EXTRA_DEB:-})

missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
    log "Debian packages: missing ${missing[*]} — run as root or install them with apt-get"; exit 1; fi
  _zizhu_apt() {
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update &&
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
  }
  zizhu_step "Debian packages: installing ${#missing[@]} missing (${missing[*]})" _zizhu_apt "${missing[@]}"
else
  log "Debian packages: all ${#DEB_PACKAGES[@]} installed"
fi

# ---- the venv --------------------------------------------------------------------------------
PY=""
for cand in python3.13 python3.12 python3.11 python3; do
  if command -v "$cand" >/dev/null && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY="$(command -v "$cand")"; break
  fi
done
[[ -n "$PY" ]] || { log "Python 3.11 or newer is needed (apt-get install python3)"; exit 1; }

if [[ ! -x "$VENV/bin/python" ]]; then
  zizhu_step "venv: creating $VENV with $("$PY" -V 2>&1) ($PY)" "$PY" -m venv "$VENV"
else
  log "venv: $VENV ($("$VENV/bin/python" -V 2>&1))"
fi

# ---- Python dependencies, from the lock file -------------------------------------------------
LOCK="$ZIZHU_ROOT/requirements.lock"
stamp="$VENV/.zizhu-installed"
want="$(cat "$LOCK" "$ZIZHU_ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1) $ZIZHU_ROOT"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  rm -f "$stamp"
  pip_=("$VENV/bin/python" -m pip --disable-pip-version-check --no-input)
  zizhu_step "dependencies: installing the $(grep -c '^[a-z0-9]' "$LOCK") pinned packages of requirements.lock, hashes checked (first run: a few minutes)" \
    "${pip_[@]}" install --progress-bar off --require-hashes -r "$LOCK"
  zizhu_step "Zizhu: installing the project itself into the venv (editable, no further downloads)" \
    "${pip_[@]}" install --progress-bar off --no-deps --no-build-isolation -e "$ZIZHU_ROOT"
  echo "$want" > "$stamp"
else
  log "dependencies: as requirements.lock says (unchanged since they were installed)"
fi
export PATH="$VENV/bin:$PATH"

# ---- the kiosk's translations ----------------------------------------------------------------
# kiosk/i18n/*.ts (in git) compiled to .qm (git-ignored) when a .qm is missing or older than its .ts.
_zizhu_qm_stale() { local ts; for ts in "$ZIZHU_ROOT"/kiosk/i18n/*.ts; do [[ $ts -nt ${ts%.ts}.qm ]] && return 0; done; return 1; }
if _zizhu_qm_stale; then
  zizhu_step "translations: compiling the kiosk's kiosk/i18n/*.ts to .qm (pyside6-lrelease)" "$VENV/bin/python" -m kiosk.i18n compile
else
  log "translations: the kiosk's .qm files are up to date"
fi
