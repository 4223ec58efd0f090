#!/usr/bin/env bash
# A real S3-compatible server (S3Proxy over a local folder) for tests and development,
# from Maven Central.
#
#   s3proxy.sh fetch          resolve the jars (Maven), once
#   s3proxy.sh start [PORT]   start a server on 127.0.0.1:PORT (default 9480) unless one
#                             answers there already; wait until it answers
#   s3proxy.sh stop [PORT]    stop the server this script started on PORT
#   s3proxy.sh status [PORT]  exit 0 if an S3 server answers on PORT
#
# Everything lives under ./var/s3proxy of the checkout (lib/, server-PORT/data/).
# Signed requests only (AWS signature v2 or v4), with the test keys below (or
# PORTAL_S3PROXY_ACCESS_KEY / PORTAL_S3PROXY_SECRET_KEY); it listens on loopback only.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
VAR="$ROOT/var/s3proxy"
PORT="${2:-${PORTAL_S3PROXY_PORT:-9480}}"
SERVER="$VAR/server-$PORT"
ACCESS_KEY="${PORTAL_S3PROXY_ACCESS_KEY:-portal-test}"
SECRET_KEY="${PORTAL_S3PROXY_SECRET_KEY:-portal-test-secret}"
START_TIMEOUT="${PORTAL_S3PROXY_START_TIMEOUT:-120}"

# An S3 server answers an unsigned request with an S3 XML error carrying a request id.
answers() {
    curl -s -m 5 -D - -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null | grep -qi '^x-amz-request-id:'
}

fetch() {
    local stamp="$VAR/lib/.fetched"
    if [ -f "$stamp" ] && [ "$stamp" -nt "$HERE/pom.xml" ]; then
        return 0
    fi
    command -v java >/dev/null && command -v mvn >/dev/null || { echo "s3proxy: java and mvn are needed" >&2; exit 1; }
    rm -rf "$VAR/lib"
    mkdir -p "$VAR/lib"
    mvn -q -f "$HERE/pom.xml" dependency:copy-dependencies -DoutputDirectory="$VAR/lib"
    touch "$stamp"
}

start() {
    if answers; then
        return 0
    fi
    fetch
    mkdir -p "$SERVER/data"
    cat >"$SERVER/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$ACCESS_KEY
s3proxy.credential=$SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$SERVER/data
CONF
    # A stale pid file from a killed server must not stop us from starting a new one.
    if [ -f "$SERVER/pid" ] && kill -0 "$(cat "$SERVER/pid")" 2>/dev/null; then
        echo "s3proxy: server $(cat "$SERVER/pid") on port $PORT is starting or stuck; waiting" >&2
    else
        nohup java -Xmx256m -Djava.awt.headless=true -Dlogback.configurationFile="$HERE/logback.xml" \
            -cp "$VAR/lib/*" org.gaul.s3proxy.Main --properties "$SERVER/s3proxy.conf" \
            >"$SERVER/server.log" 2>&1 </dev/null &
        echo $! >"$SERVER/pid"
    fi
    local waited=0
    until answers; do
        if ! kill -0 "$(cat "$SERVER/pid")" 2>/dev/null; then
            echo "s3proxy: the server on port $PORT exited; its log:" >&2
            tail -n 40 "$SERVER/server.log" >&2
            exit 1
        fi
        if [ "$waited" -ge "$START_TIMEOUT" ]; then
            echo "s3proxy: no answer on port $PORT after ${START_TIMEOUT}s; see $SERVER/server.log" >&2
            exit 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "s3proxy: S3 server on http://127.0.0.1:$PORT"
}

stop() {
    [ -f "$SERVER/pid" ] || return 0
    local pid
    pid="$(cat "$SERVER/pid")"
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$SERVER/pid"
}

case "${1:-}" in
    fetch) fetch ;;
    start) start ;;
    stop) stop ;;
    status) answers ;;
    *) echo "usage: $0 fetch|start|stop|status [PORT]" >&2; exit 2 ;;
esac
