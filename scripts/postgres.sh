#!/usr/bin/env bash
# PostgreSQL for the hall server's storage tests: 127.0.0.1:5432, user postgres without a password
# (trust, loopback only), a database named `test`. Sourced by scripts/test.sh after bootstrap.sh;
# does nothing when ZIZHU_TEST_PG_URL names another server or one already answers.
if [[ -z "${ZIZHU_TEST_PG_URL:-}" ]] && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
    echo "[zizhu setup] PostgreSQL is not running on 127.0.0.1:5432; start it or set ZIZHU_TEST_PG_URL" >&2
    return 1 2>/dev/null || exit 1; fi
  ver=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba="/etc/postgresql/$ver/main/pg_hba.conf"
  if ! "${SUDO[@]}" grep -q "zizhu-test" "$hba"; then
    echo "[zizhu setup] PostgreSQL $ver: trusting user postgres from 127.0.0.1 for the tests" >&2
    "${SUDO[@]}" sed -i "1i host all postgres 127.0.0.1/32 trust  # zizhu-test" "$hba"
  fi
  "${SUDO[@]}" pg_ctlcluster "$ver" main start 2>/dev/null || "${SUDO[@]}" pg_ctlcluster "$ver" main reload
  for _ in $(seq 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done
fi
if [[ -z "${ZIZHU_TEST_PG_URL:-}" ]] && \
   ! psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'test'" 2>/dev/null | grep -q 1; then
  createdb -h 127.0.0.1 -U postgres test
fi
