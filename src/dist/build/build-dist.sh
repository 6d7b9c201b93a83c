#!/bin/sh
# Lays out target/dist from the packaged jar (run by `mvn package`, profile dist in the pom):
#   target/dist/bin/concurrency-lab   the launcher (src/dist/bin)
#   target/dist/app/                  the jar extracted by Spring Boot's jarmode tools: the
#                                     application jar and lib/, loaded as plain jars
#   target/dist/app/concurrency-lab.aot (.jsa on JDK 21-23) and .aot.txt: the JDK's cache of a
#                                     training run, and what it was made for
# Usage: build-dist.sh <project dir> [true|false: train the cache, default true]
set -eu
project=$1
train=${2:-true}
dist=$project/target/dist
rm -rf "$dist"
mkdir -p "$dist/bin"
cp "$project/src/dist/bin/concurrency-lab" "$dist/bin/concurrency-lab"
chmod 755 "$dist/bin/concurrency-lab"
# Extracted with the JDK the launcher will run it on.
java=$("$dist/bin/concurrency-lab" --which-java | sed 's/ (Java .*//')
"$java" -Djarmode=tools -jar "$project/target/concurrency-lab.jar" extract --destination "$dist/app" --force
if [ "$train" = true ]; then
  "$dist/bin/concurrency-lab" --build-cache
fi
