#!/usr/bin/env bash
# A real Elasticsearch 8 node for tests, benches and development, from Maven Central.
#
#   elasticsearch.sh fetch          resolve the jars (Maven) and compile the launcher, once
#   elasticsearch.sh start [PORT]   start a node on 127.0.0.1:PORT (default 9201) unless one
#                                   answers there already; wait until it is healthy
#   elasticsearch.sh stop [PORT]    stop the node this script started on PORT
#   elasticsearch.sh status [PORT]  exit 0 if a node answers on PORT
#   elasticsearch.sh cluster-start PORT PORT...
#                                   start one node per PORT, forming one cluster (each node
#                                   master-eligible, transport on PORT+200); wait until the
#                                   cluster has them all and is healthy
#   elasticsearch.sh cluster-stop PORT PORT...
#                                   stop those nodes
#
# Everything lives under ./var/elasticsearch of the checkout (lib/, classes/, node-PORT/, and
# cluster-node-PORT/ for the nodes of a cluster).
# Needs java (17+) and mvn. No security layer: it listens on loopback only.
# PORTAL_ELASTICSEARCH_HEAP sets each node's heap (1g); PORTAL_ELASTICSEARCH_CLUSTER the
# cluster's name (portal-cluster-FIRSTPORT).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
VAR="$ROOT/var/elasticsearch"
PORT="${2:-${PORTAL_ELASTICSEARCH_PORT:-9201}}"
NODE="$VAR/node-$PORT"
# A node's settings beyond elasticsearch.yml's (SETTING=VALUE), set for a cluster's nodes.
NODE_SETTINGS=()
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
    launch
    wait_healthy
    echo "elasticsearch: node on http://127.0.0.1:$PORT"
}

# Start the JVM of the node on $PORT (with $NODE_SETTINGS) unless it runs already.
launch() {
    mkdir -p "$NODE/config"
    cp "$HERE/config/"* "$NODE/config/"
    # A stale pid file from a killed node must not stop us from starting a new one.
    if [ -f "$NODE/pid" ] && kill -0 "$(cat "$NODE/pid")" 2>/dev/null; then
        echo "elasticsearch: node $(cat "$NODE/pid") on port $PORT is starting or stuck; waiting" >&2
    else
        nohup java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
            -cp "$VAR/classes:$VAR/lib/*" org.elasticsearch.node.PortalNode "$NODE" "$PORT" \
            ${NODE_SETTINGS[@]+"${NODE_SETTINGS[@]}"} >"$NODE/node.log" 2>&1 </dev/null &
        echo $! >"$NODE/pid"
    fi
}

# Wait until `answers` (or the command given) succeeds on $PORT; fail if the node exits.
wait_healthy() {
    local waited=0
    until "${@:-answers}"; do
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
}

# A cluster's nodes talk on PORT+200: PORT+100, a single node's, may be taken by another service.
CLUSTER_TRANSPORT_OFFSET=200

cluster_ports() {
    [ "$#" -ge 2 ] || { echo "elasticsearch: a cluster needs at least two ports" >&2; exit 2; }
    for port in "$@"; do
        [[ "$port" =~ ^[0-9]+$ ]] || { echo "elasticsearch: not a port: $port" >&2; exit 2; }
    done
}

cluster_has_all() {
    curl -sf -m 5 "http://127.0.0.1:$PORT/_cluster/health?wait_for_status=yellow&wait_for_nodes=$COUNT&timeout=5s" >/dev/null 2>&1
}

cluster_start() {
    cluster_ports "$@"
    fetch
    local name="${PORTAL_ELASTICSEARCH_CLUSTER:-portal-cluster-$1}" seeds="" masters="" port
    for port in "$@"; do
        seeds="${seeds:+$seeds,}127.0.0.1:$((port + CLUSTER_TRANSPORT_OFFSET))"
        masters="${masters:+$masters,}node-$port"
    done
    for port in "$@"; do
        PORT="$port" NODE="$VAR/cluster-node-$port"
        NODE_SETTINGS=(
            "cluster.name=$name" "node.name=node-$port" "discovery.type=multi-node"
            "discovery.seed_hosts=$seeds" "cluster.initial_master_nodes=$masters"
            "transport.port=$((port + CLUSTER_TRANSPORT_OFFSET))"
        )
        launch
    done
    # Every node waits for the others: the cluster elects a master once a majority is up.
    COUNT="$#" PORT="$1" NODE="$VAR/cluster-node-$1"
    wait_healthy cluster_has_all
    echo "elasticsearch: cluster $name of $# nodes on ports $*"
}

cluster_stop() {
    cluster_ports "$@"
    for port in "$@"; do
        PORT="$port" NODE="$VAR/cluster-node-$port"
        stop
    done
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
    cluster-start) shift; cluster_start "$@" ;;
    cluster-stop) shift; cluster_stop "$@" ;;
    *) echo "usage: $0 fetch|start|stop|status [PORT] | cluster-start|cluster-stop PORT..." >&2; exit 2 ;;
esac
