#!/usr/bin/env bash
# Runs every test of every module (unit, data and integration tests). Finds a JDK >= 21 first.
# Extra arguments go to Maven, e.g. ./test.sh -pl verifiers/text -am -Dtest='Punkt*'
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$ROOT/bin/jdk.sh"
source "$ROOT/bin/maven.sh"
cd "$ROOT"
exec "$T2T_MVN" -B -ntp -Dstyle.color=never verify "$@"
