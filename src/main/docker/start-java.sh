#!/bin/sh
# The JVM image's entry point (Dockerfile.jvm): starts the packaged app on whatever base the image was built on,
# given a Java 17+ `java` (in $JAVA_HOME/bin or on the PATH) and a POSIX shell; nothing of the base's own start
# scripts is used, so the image tested on a Debian base (.ci/image-test) starts as the one on the UBI base does.
#
#   java <the options below> $JAVA_OPTS $JAVA_OPTS_APPEND -jar quarkus-run.jar "$@"      (in the jar's folder)
#
# - JAVA_MAX_MEM_RATIO (default 50; 0: leave it to the JVM): the heap's maximum as a share, in percent, of the
#   container's memory limit (the JVM reads the limit from the cgroup), passed as -XX:MaxRAMPercentage on the command
#   line, where a MaxRAMPercentage in JAVA_TOOL_OPTIONS cannot override it (the manifests in k8s/ set this variable).
# - GC_CONTAINER_OPTIONS (default -XX:+UseParallelGC): the collector; GC_MIN_HEAP_FREE_RATIO, GC_MAX_HEAP_FREE_RATIO,
#   GC_TIME_RATIO, GC_ADAPTIVE_SIZE_POLICY_WEIGHT, GC_METASPACE_SIZE, GC_MAX_METASPACE_SIZE (MB), when set, become
#   the JVM flags of those names (Dockerfile.jvm sets the first four).
# - -XX:+ExitOnOutOfMemoryError: out of memory, the JVM exits (status 3) and Kubernetes restarts the pod.
# - JAVA_OPTS, then JAVA_OPTS_APPEND (the image's JIT, young generation and AppCDS settings: Dockerfile.jvm), come
#   after these: the last of two settings of a flag wins, so either can change any of the above.
# - JAVA_APP_JAR (default /deployments/quarkus-run.jar): the app; it starts from the jar's folder with a relative
#   -jar, as app-cds-training.sh trained it (an AppCDS archive serves only the class path it was written with).
#
# The JVM replaces this shell (exec): it gets the container's signals, and its exit status is the container's.
set -eu
set -f # the options are split into words at blanks, never expanded as file names

app_jar=${JAVA_APP_JAR:-/deployments/quarkus-run.jar}
java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java=$JAVA_HOME/bin/java
fi

options=
if [ "${JAVA_MAX_MEM_RATIO:-50}" != 0 ]; then
    options="-XX:MaxRAMPercentage=${JAVA_MAX_MEM_RATIO:-50}"
fi
options="$options ${GC_CONTAINER_OPTIONS:--XX:+UseParallelGC}"
[ -z "${GC_MIN_HEAP_FREE_RATIO:-}" ] || options="$options -XX:MinHeapFreeRatio=$GC_MIN_HEAP_FREE_RATIO"
[ -z "${GC_MAX_HEAP_FREE_RATIO:-}" ] || options="$options -XX:MaxHeapFreeRatio=$GC_MAX_HEAP_FREE_RATIO"
[ -z "${GC_TIME_RATIO:-}" ] || options="$options -XX:GCTimeRatio=$GC_TIME_RATIO"
[ -z "${GC_ADAPTIVE_SIZE_POLICY_WEIGHT:-}" ] || options="$options -XX:AdaptiveSizePolicyWeight=$GC_ADAPTIVE_SIZE_POLICY_WEIGHT"
[ -z "${GC_METASPACE_SIZE:-}" ] || options="$options -XX:MetaspaceSize=${GC_METASPACE_SIZE}m"
[ -z "${GC_MAX_METASPACE_SIZE:-}" ] || options="$options -XX:MaxMetaspaceSize=${GC_MAX_METASPACE_SIZE}m"
options="$options -XX:+ExitOnOutOfMemoryError"

case $app_jar in
    */*) cd "${app_jar%/*}/" ;;
esac
# shellcheck disable=SC2086 # word splitting of the options is meant
exec "$java" $options ${JAVA_OPTS:-} ${JAVA_OPTS_APPEND:-} -jar "${app_jar##*/}" "$@"
