#!/usr/bin/env bash
# Checks that Spark stays out of the CLI and the Fiji bundle: builds them (unless --no-build), then fails when
# cli/target/lib, the CLI jar or plugins/target/fiji/jars hold any Spark or Scala jar or class, or when Maven
# resolves org.apache.spark / org.scala-lang for the cli or plugins module. Run from anywhere:
#   spark/check-isolation.sh            # mvn -o -q package -DskipTests -pl cli,plugins -am, then the checks
#   spark/check-isolation.sh --no-build # the checks on what is built
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${1:-}" != "--no-build" ]; then
  mvn -B -o -q package -DskipTests -pl cli,plugins -am
fi
fail=0
for d in cli/target/lib plugins/target/fiji/jars; do
  if [ ! -d "$d" ]; then echo "FAIL: $d is missing (build cli and plugins first)"; fail=1; continue; fi
  n="$(ls "$d" | wc -l)"
  bad="$(ls "$d" | grep -Ei '^(spark-|scala-|.*_2\.1[23][-.])' || true)"
  if [ -n "$bad" ]; then echo "FAIL: $d holds Spark/Scala jars:"; echo "$bad"; fail=1; else echo "ok: $d ($n jars) holds no Spark or Scala jar"; fi
done
for j in cli/target/aerolux-cli-*.jar plugins/target/fiji/plugins/*.jar; do
  [ -f "$j" ] || continue
  case "$j" in *-tests.jar|*-sources.jar) continue ;; esac
  if unzip -Z1 "$j" | grep -Eq '^(org/apache/spark|scala)/'; then echo "FAIL: $j holds Spark or Scala classes"; fail=1
  else echo "ok: $j holds no Spark or Scala class"; fi
done
tree="$(mvn -B -o dependency:tree -pl cli,plugins 2>&1 || true)"
if ! grep -q 'aerolux-cli' <<<"$tree"; then echo "FAIL: mvn dependency:tree did not run"; fail=1
elif grep -Eq 'org\.apache\.spark|org\.scala-lang' <<<"$tree"; then echo "FAIL: cli or plugins resolve Spark/Scala:"; grep -E 'org\.apache\.spark|org\.scala-lang' <<<"$tree"; fail=1
else echo "ok: the dependency trees of cli and plugins hold no org.apache.spark or org.scala-lang"; fi
[ "$fail" = 0 ] && echo "Spark isolation: PASS" || { echo "Spark isolation: FAIL"; exit 1; }
