#!/usr/bin/env bash
# A real Elasticsearch 8 node for tests, benches and development, from Maven Central.
#
#   elasticsearch.sh fetch          resolve the jars (Maven) and compile the launcher, once
#   elasticsearch.sh start [PORT]   start a node on 127.0.0.1:PORT (default 9201) unless one
#                                   answers there already; wait until it is healthy
#   elasticsearch.sh stop [PORT]    stop the node this script started on PORT
#   elasticsearch.sh status [PORT]  exit 0 if a node answers on PORT
#
# Everything lives under ./var/elasticsearch of the checkout (lib/, classes/, node-PORT/).
# Needs java (17+) and mvn. No security layer: it listens on loopback only.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
VAR="$ROOT/var/elasticsearch"
PORT="${2:-${PORTAL_ELASTICSEARCH_PORT:-9201}}"
NODE="$VAR/node-$PORT"
HEAP="${PORTAL_ELASTICSEARCH_HEAP:-1g}"
START_TIMEOUT="${PORTAL_ELASTICSEARCH_START_TIMEOUT:-180}"

answers() {
    curl -sf -m 5 "http://127.0.0.1:$PORT/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null 2>&1
}

fetch() {
    local stamp="$VAR/classes/.built"
    if [ -f "$stamp" ] && [ "$stamp" -nt "$HERE/pom.xml" ] && [ -z "$(find "$HERE/src" -newer "$stamp" -name '*.java')" ]; then
        return 0
    fi
    command -v java >/dev/null && command -v mvn >/dev/null || { echo "elasticsearch: java and mvn are needed" >&2; exit 1; }
    rm -rf "$VAR/lib" "$VAR/classes"
    mkdir -p "$VAR/lib" "$VAR/classes"
    mvn -q -f "$HERE/pom.xml" dependency:copy-dependencies -DoutputDirectory="$VAR/lib"
    javac -nowarn -d "$VAR/classes" -cp "$VAR/lib/*" $(find "$HERE/src" -name '*.java')
    touch "$stamp"
}

start() {
    if answers; then
        return 0
    fi
    fetch
    mkdir -p "$NODE/config"
    cp "$HERE/config/"* "$NODE/config/"
    # A stale pid file from a killed node must not stop us from starting a new one.
    if [ -f "$NODE/pid" ] && kill -0 "$(cat "$NODE/pid")" 2>/dev/null; then
        echo "elasticsearch: node $(cat "$NODE/pid") on port $PORT is starting or stuck; waiting" >&2
    else
        nohup java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
            -cp "$VAR/classes:$VAR/lib/*" org.elasticsearch.node.PortalNode "$NODE" "$PORT" \
            >"$NODE/node.log" 2>&1 </dev/null &
        echo $! >"$NODE/pid"
    fi
    local waited=0
    until answers; do
        if ! kill -0 "$(cat "$NODE/pid")" 2>/dev/null; then
            echo "elasticsearch: the node on port $PORT exited; its log:" >&2
            tail -n 40 "$NODE/node.log" >&2
            exit 1
        fi
        if [ "$waited" -ge "$START_TIMEOUT" ]; then
            echo "elasticsearch: no healthy node on port $PORT after ${START_TIMEOUT}s; see $NODE/node.log" >&2
            exit 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "elasticsearch: node on http://127.0.0.1:$PORT"
}

stop() {
    [ -f "$NODE/pid" ] || return 0
    local pid
    pid="$(cat "$NODE/pid")"
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$NODE/pid"
}

case "${1:-}" in
    fetch) fetch ;;
    start) start ;;
    stop) stop ;;
    status) answers ;;
    *) echo "usage: $0 fetch|start|stop|status [PORT]" >&2; exit 2 ;;
esac
