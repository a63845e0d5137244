#!/usr/bin/env bash
# The hub's benchmarks, one command each (docs/benchmarks.md): hub-server/bench.sh pip|nearest|ingest|push [rate...]|city|all
# (push: one run per rate in alerts/s, 1000 by default; BENCH_JAVA_OPTS adds JVM options, e.g. a flight recording)
# Builds the module's test classes offline, then runs io.gridsense.hub.bench.Bench on the test class path.
# ingest and push need the machine's PostgreSQL (127.0.0.1:5432, db test) and push also Mosquitto (127.0.0.1:1883).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl hub-server test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test >/dev/null
exec java -Xmx4g ${BENCH_JAVA_OPTS:-} -cp "hub-server/target/test-classes:hub-server/target/classes:$(cat hub-server/target/bench.classpath)" \
    io.gridsense.hub.bench.Bench "${@:-all}"
