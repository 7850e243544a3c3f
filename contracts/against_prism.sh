#!/usr/bin/env bash
# Demonstration, not part of CI: the contract suite must FAIL against a stateless mock of the same
# OpenAPI document (Prism from the npm registry serving openapi/supersaas.yaml). A suite that passed
# there would be checking shapes only, not the behaviour the emulator claims to share with SuperSaaS.
#
#   contracts/against_prism.sh [extra pytest arguments]
#
# Exit status 0 when the suite failed as it must, 1 when it passed (it would be vacuous), 2 on setup trouble.
# Needs node/npm and the project's Python environment (run from the repository, venv active).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SPEC=${PRISM_SPEC:-$ROOT/openapi/supersaas.yaml}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/contracts-prism.XXXXXX")
PRISM_PID=""

cleanup() {
    if [[ -n "$PRISM_PID" ]] && kill -0 "$PRISM_PID" 2>/dev/null; then
        kill "$PRISM_PID" 2>/dev/null || true
        wait "$PRISM_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

[[ -f "$SPEC" ]] || { echo "no OpenAPI document at $SPEC" >&2; exit 2; }
python - "$SPEC" <<'EOF' || { echo "$SPEC is not a readable OpenAPI document" >&2; exit 2; }
import sys, yaml
document = yaml.safe_load(open(sys.argv[1]))
assert document["openapi"].startswith("3.") and document["paths"], "no paths"
EOF

echo "== installing @stoplight/prism-cli into $WORK"
npm install --silent --no-audit --no-fund --prefix "$WORK" @stoplight/prism-cli@5 >/dev/null 2>&1 \
    || npm install --no-audit --no-fund --prefix "$WORK" @stoplight/prism-cli
PORT=$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

echo "== prism mock $SPEC on 127.0.0.1:$PORT"
"$WORK/node_modules/.bin/prism" mock "$SPEC" --host 127.0.0.1 --port "$PORT" >"$WORK/prism.log" 2>&1 &
PRISM_PID=$!
for _ in $(seq 1 120); do
    grep -q "Prism is listening" "$WORK/prism.log" && break
    kill -0 "$PRISM_PID" 2>/dev/null || { cat "$WORK/prism.log" >&2; exit 2; }
    sleep 0.5
done
grep -q "Prism is listening" "$WORK/prism.log" || { echo "prism did not start" >&2; exit 2; }

echo "== python -m pytest contracts against the mock"
# Run from the scratch folder so that hypothesis keeps the mock's failing examples in a database of
# its own, not in the project's .hypothesis/. The demo's schedule ids are given as well as the
# credentials, so the properties get as far as they can (a mock lists its schedules as "string", so
# names alone would stop every test at discovery).
cd "$WORK"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
set +e
python -m pytest "$ROOT/contracts" --rootdir "$ROOT" -c "$ROOT/pyproject.toml" -p no:cacheprovider -q --tb=line -rfE \
    --base-url "http://127.0.0.1:$PORT" --account demo --api-key demo-api-key --allow-writes \
    --schedule-resource 100001 --schedule-capacity 100002,100004 "$@"
status=$?
set -e

if [[ $status -eq 0 ]]; then
    echo "== the suite PASSED against a stateless mock: it is vacuous" >&2
    exit 1
fi
echo "== the suite failed against the stateless mock (pytest exit status $status), as it must"
