#!/bin/sh
# Writes app-cds.jsa, an AppCDS archive of every class the app loads from its start to its first Freshdesk request,
# next to quarkus-run.jar: the JVM then maps those classes instead of loading and verifying them at each start.
#
#   src/main/docker/app-cds-training.sh target/quarkus-app      # after ./mvnw package
#   cd target/quarkus-app && java -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar
#
# The JVM image (Dockerfile.jvm) runs it while it is built, with the image's own JDK: an archive serves only the JDK
# build that wrote it, and only the same class path (so start the app from this directory, with -jar quarkus-run.jar).
#
# Quarkus's own archive (quarkus.package.jar.appcds.enabled) stops at its static init: Camel's start (the routes,
# the HTTP client, the destination, the scheduler) is not in it. This one comes from a training run: one tickets run
# with sync.once against a port on which nothing listens, into a throw-away DuckDB file. The run starts the whole app,
# reaches the first request, is refused, and exits; no account, API key or network is needed. The classes of the
# answer's handling (JSON, rows, writes) load at the first page of a real run as they did before, and so do the
# BigQuery destination's (the training opens DuckDB: BigQuery is not reachable while an image is built).
set -eu

app_dir=${1:?usage: app-cds-training.sh <the app directory: target/quarkus-app or /deployments> [java]}
java=${2:-java}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$app_dir"
rm -f app-cds.jsa
# No exit status to check: the run is meant to fail at its first request (status 1). Its log says whether it got there.
FRESHDESK_API_KEY=training-run "$java" -XX:ArchiveClassesAtExit=app-cds.jsa \
    -Djava.io.tmpdir="$work" \
    -Dquarkus.http.port=0 \
    -Dsync.once=true \
    -Dsync.streams=tickets \
    -Dsync.leader-election.type=none \
    -Dfreshdesk.base-url=http://127.0.0.1:9/api/v2 \
    -Dfreshdesk.retry.max-attempts=1 \
    -Dfreshdesk.retry.initial-delay=10 \
    -Ddestination.type=duckdb \
    -Ddestination.duckdb.path="$work/training.duckdb" \
    -jar quarkus-run.jar >"$work/training.log" 2>&1 || true

# (the shell's own read and case, no grep: the image's base is a minimal one)
reached=no
while IFS= read -r line; do
    case $line in
        *"tickets: run "*" failed on page 1"*) reached=yes ;;
    esac
done <"$work/training.log"
if [ "$reached" != yes ] || [ ! -s app-cds.jsa ]; then
    cat "$work/training.log" >&2
    echo "app-cds-training.sh: the training run did not reach its first request, or wrote no archive (its log is above)" >&2
    rm -f app-cds.jsa
    exit 1
fi
echo "app-cds-training.sh: wrote $(pwd)/app-cds.jsa"
