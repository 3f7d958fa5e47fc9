#!/usr/bin/env bash
# Audit the server against the GraphQL-over-HTTP spec with graphql-http's auditServer (the
# reference audit): starts `competency-graph serve` on a free loopback port, runs the audit
# with Node, prints every finding that is not "ok" and the count. Needs node and npm.
# Usage: scripts/graphql-http-audit.sh      (make audit-http)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund graphql-http@1 graphql@16 >/dev/null)
port="$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
.venv/bin/competency-graph serve --port "$port" --log-level warning &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
cat > "$work/audit.mjs" <<'JS'
import { auditServer } from 'graphql-http';
const results = await auditServer({ url: process.argv[2] });
for (const r of results) if (r.status !== 'ok') console.log(r.status.toUpperCase(), r.id, r.name, '->', r.reason);
const ok = results.filter((r) => r.status === 'ok').length;
console.log(`graphql-http audit: ${ok} of ${results.length} ok`);
process.exit(results.some((r) => r.status === 'error') ? 1 : 0);
JS
(cd "$work" && node audit.mjs "http://127.0.0.1:$port/graphql")
