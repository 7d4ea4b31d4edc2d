#!/usr/bin/env bash
# The container image runs compiled JavaScript: build it as the Dockerfile does and check that
# dist/ runs on its own (the CLI answers; the embedded server starts and is healthy).
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build
node dist/cli.js --version

data=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
log=$(mktemp)
PORT=$port HOST=127.0.0.1 DATA_DIR="$data" LOG_LEVEL=info node dist/main.js >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data" "$log"; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; then
    curl -sf "http://127.0.0.1:$port/readyz"
    echo
    curl -sf "http://127.0.0.1:$port/api/v1/products" | head -c 120
    echo
    # The new data directory was copied from the build's template with the demo data.
    grep -q '"template":"[^"]*pglite-template-demo/\?".*created from the template' "$log" || {
      echo "FATAL: the data directory was not created from dist/pglite-template-demo" >&2
      cat "$log" >&2
      exit 1
    }
    echo "dist/main.js is healthy on port $port (data directory from the demo template)"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { echo "FATAL: dist/main.js exited" >&2; cat "$log" >&2; exit 1; }
  sleep 1
done
echo "FATAL: dist/main.js did not become healthy in 120 s" >&2
exit 1
