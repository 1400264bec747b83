#!/usr/bin/env bash
# The main job: set-up, then the demo (see README). Extra arguments go to `zizhu demo`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$ZIZHU_ROOT"
exec zizhu demo "$@"
