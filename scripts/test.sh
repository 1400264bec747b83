#!/usr/bin/env bash
# The whole test suite: set-up, lint (ruff), types (mypy, strict on ground/, wire/, drivers/, zizhu/), the
# import contracts (import-linter), then pytest.
# Extra arguments go to pytest (e.g. scripts/test.sh tests/drivers -k printer).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
cd "$ZIZHU_ROOT"

echo "== ruff"
ruff check .
echo "== mypy"
mypy
echo "== import contracts (layers: ground → wire → drivers → programs → zizhu; programs independent)"
lint-imports --no-cache
echo "== pytest"
set +e
# In parallel: -n auto is a worker a CPU, at most 4 (tests/conftest.py), and --dist loadgroup (pyproject.toml)
# keeps the tests of a shared fixture on one worker. `-n 0` among the arguments runs it all in one process.
python -m pytest -n auto "$@"
rc=$?
set -e
if [[ $rc -eq 5 ]]; then echo "pytest collected no tests" >&2; exit 1; fi
exit $rc
