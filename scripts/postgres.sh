#!/usr/bin/env bash
# PostgreSQL for the hall server's storage tests: 127.0.0.1:5432, user postgres without a password
# (trust, loopback only), a database named `test`. Sourced by scripts/test.sh after bootstrap.sh
# (its zizhu_step: one line per step, the output in $VENV/setup.log, the log's end on failure);
# does nothing when ZIZHU_TEST_PG_URL names another server.
if [[ -n "${ZIZHU_TEST_PG_URL:-}" ]]; then
  log "database: the tests use ZIZHU_TEST_PG_URL"
else
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
      log "database: PostgreSQL is not running on 127.0.0.1:5432; start it or set ZIZHU_TEST_PG_URL"
      return 1 2>/dev/null || exit 1; fi
    ver=$(ls /etc/postgresql | sort -V | tail -n 1)
    _zizhu_pg_start() {
      local hba="/etc/postgresql/$ver/main/pg_hba.conf"
      if ! "${SUDO[@]}" grep -q "zizhu-test" "$hba"; then
        echo "trusting user postgres from 127.0.0.1 in $hba"
        "${SUDO[@]}" sed -i "1i host all postgres 127.0.0.1/32 trust  # zizhu-test" "$hba"
      fi
      "${SUDO[@]}" pg_ctlcluster "$ver" main start || "${SUDO[@]}" pg_ctlcluster "$ver" main reload
      for _ in $(seq 50); do pg_isready -h 127.0.0.1 -p 5432 && return 0; sleep 0.2; done
      pg_isready -h 127.0.0.1 -p 5432
    }
    zizhu_step "database: starting PostgreSQL $ver on 127.0.0.1:5432 (user postgres trusted from loopback)" \
      _zizhu_pg_start
  fi
  if psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'test'" 2>/dev/null | grep -q 1; then
    log "database: PostgreSQL answers on 127.0.0.1:5432, database test is there"
  else
    zizhu_step "database: creating the database test" createdb -h 127.0.0.1 -U postgres test
  fi
fi
