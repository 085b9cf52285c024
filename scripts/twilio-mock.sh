#!/usr/bin/env bash
# A local Twilio REST API for the demo and manual tests: Stoplight Prism serving Twilio's published OpenAPI spec,
# so every request the Twilio SDK makes is checked against Twilio's contract (static mode: 201 with the spec's
# example, 422 on a missing field, 401 without Basic auth).
#
#   scripts/twilio-mock.sh start [PORT]   install Prism into target/tools/prism on first use, start it (default 4010)
#   scripts/twilio-mock.sh stop           stop the Prism this script started
#   scripts/twilio-mock.sh status
#
# Point the server at it with notifications.twilio.base-url: http://127.0.0.1:4010 (any AC... sid and token work).
# The spec is taken from $TWILIO_OAI, else tools/twilio-oai in the repository.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PRISM_VERSION="5.14.2"
TOOLS="$ROOT/target/tools/prism"  # target/ is git-ignored
PRISM="$TOOLS/node_modules/.bin/prism"
RUN="$ROOT/data/twilio-mock"
SPEC_DIR="${TWILIO_OAI:-$ROOT/tools/twilio-oai}"
SPEC="$SPEC_DIR/twilio_api_v2010.json"

install() {
  if [[ -x "$PRISM" ]]; then return; fi
  command -v npm >/dev/null || { echo "npm is not installed (Node.js 18+ is needed for the Twilio mock)" >&2; exit 1; }
  mkdir -p "$TOOLS"
  echo "installing @stoplight/prism-cli@$PRISM_VERSION into $TOOLS" >&2
  npm install --no-audit --no-fund --prefix "$TOOLS" "@stoplight/prism-cli@$PRISM_VERSION" >"$TOOLS/npm-install.log" 2>&1 \
    || { echo "npm install failed; see $TOOLS/npm-install.log" >&2; exit 1; }
}

running() {
  [[ -f "$RUN/pid" ]] && kill -0 "$(cat "$RUN/pid")" 2>/dev/null
}

start() {
  local port="${1:-4010}"
  [[ -r "$SPEC" ]] || { echo "Twilio spec not found: $SPEC (set TWILIO_OAI)" >&2; exit 1; }
  if running; then echo "already running (pid $(cat "$RUN/pid"))"; return; fi
  install
  mkdir -p "$RUN"
  # The prism binary itself, not npx, so the recorded pid is the server.
  "$PRISM" mock -h 127.0.0.1 -p "$port" "$SPEC" >"$RUN/prism.log" 2>&1 &
  echo $! >"$RUN/pid"
  for _ in $(seq 1 120); do
    if grep -q "Prism is listening" "$RUN/prism.log"; then
      echo "Twilio mock on http://127.0.0.1:$port (pid $(cat "$RUN/pid"), log $RUN/prism.log)"
      return
    fi
    running || { echo "Prism exited; see $RUN/prism.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "Prism did not start within 60 s; see $RUN/prism.log" >&2
  exit 1
}

stop() {
  if running; then
    kill "$(cat "$RUN/pid")"
    echo "stopped"
  else
    echo "not running"
  fi
  rm -f "$RUN/pid"
}

case "${1:-}" in
  start) start "${2:-4010}" ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$RUN/pid"))"; else echo "not running"; fi ;;
  *) echo "usage: $0 start [PORT] | stop | status" >&2; exit 2 ;;
esac
