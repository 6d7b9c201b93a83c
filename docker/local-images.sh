#!/usr/bin/env bash
# Builds, from Debian packages, the base images this project needs where the public ones
# (postgres, maven, eclipse-temurin, prom/prometheus) cannot be pulled, and tags them locally.
# Where Docker Hub answers, none of this is needed.
#
#   docker/local-images.sh                         build the images that are missing (as root)
#   docker/local-images.sh --print-build-args      --build-arg flags that make the Dockerfile use them
#   docker/local-images.sh --print-postgres-image  the PostgreSQL image's name
#   docker/local-images.sh --print-compose-env     VAR=image lines for docker/.env (the compose files)
#
# Idempotent: an image that already exists is left alone (`docker rmi` it to rebuild). Each image
# is a minimal Debian root (debootstrap --variant=minbase) turned into an image by `docker import`:
#   concurrency-lab/postgres:15     PostgreSQL 15 with an entrypoint that behaves like the official
#                                   image's (POSTGRES_USER/PASSWORD/DB, port 5432, initialises on
#                                   first start with a temporary server, so the readiness line
#                                   appears twice as Testcontainers expects)
#   concurrency-lab/jdk:<N>         runtime: the machine's JDK N (21+) in /opt/java/openjdk, curl
#   concurrency-lab/maven:<N>       build: the same JDK plus Debian's Maven
#   concurrency-lab/prometheus:2    Debian's Prometheus, for the compose files
# The JDK comes from the machine (Debian bookworm's own is 17): LAB_IMAGE_JDK names one, else the
# newest 21+ under /usr/lib/jvm is taken.
set -euo pipefail

readonly SUITE=bookworm
readonly MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Downloaded .debs are kept here, so a rebuild (or the next image) fetches each package once.
readonly DEB_CACHE=${LAB_IMAGE_DEB_CACHE:-/var/cache/concurrency-lab-images}
readonly POSTGRES_IMAGE=concurrency-lab/postgres:15
readonly PROMETHEUS_IMAGE=concurrency-lab/prometheus:2

log() { printf 'local-images: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# The newest JDK 21+ on the machine, or LAB_IMAGE_JDK.
find_jdk() {
  local candidate best="" best_major=0 major
  if [[ -n ${LAB_IMAGE_JDK:-} ]]; then
    [[ -x $LAB_IMAGE_JDK/bin/javac ]] || die "LAB_IMAGE_JDK=$LAB_IMAGE_JDK is not a JDK (no bin/javac)"
    echo "$LAB_IMAGE_JDK"
    return
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [[ -x $candidate/bin/javac && -f $candidate/release && ! -L $candidate ]] || continue
    major=$(jdk_major "$candidate")
    major=${major:-0}
    if ((major >= 21 && major > best_major)); then
      best=$candidate
      best_major=$major
    fi
  done
  [[ -n $best ]] || die "no JDK 21+ under /usr/lib/jvm; set LAB_IMAGE_JDK to one"
  echo "$best"
}

jdk_major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

# The one answer that needs no JDK.
if [[ ${1:-} == --print-postgres-image ]]; then
  echo "$POSTGRES_IMAGE"
  exit 0
fi

JDK=$(find_jdk)
JDK_MAJOR=$(jdk_major "$JDK")
readonly JDK JDK_MAJOR
readonly RUNTIME_IMAGE=concurrency-lab/jdk:$JDK_MAJOR
readonly BUILD_IMAGE=concurrency-lab/maven:$JDK_MAJOR

case ${1:-} in
  --print-build-args)
    echo "--build-arg BUILD_IMAGE=$BUILD_IMAGE --build-arg RUNTIME_IMAGE=$RUNTIME_IMAGE"
    exit 0 ;;
  --print-compose-env)
    printf '%s\n' "LAB_BUILD_IMAGE=$BUILD_IMAGE" "LAB_RUNTIME_IMAGE=$RUNTIME_IMAGE" \
      "LAB_POSTGRES_IMAGE=$POSTGRES_IMAGE" "LAB_PROMETHEUS_IMAGE=$PROMETHEUS_IMAGE"
    exit 0 ;;
  "") ;;
  *) die "unknown option '$1' (see the comment at the top of $0)" ;;
esac

[[ $(id -u) == 0 ]] || die "debootstrap needs root"
docker info >/dev/null 2>&1 || die "no Docker engine answers (start one: dockerd --storage-driver=vfs)"
if ! command -v debootstrap >/dev/null; then
  log "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap </dev/null >&2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/local-images.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$DEB_CACHE"

exists() { docker image inspect "$1" >/dev/null 2>&1; }

# A minimal Debian root with the given extra packages, at $WORK/<name>.
debian_root() {
  local root=$WORK/$1 packages=$2
  log "debootstrap $SUITE into $root with $packages"
  debootstrap --variant=minbase --cache-dir="$DEB_CACHE" --include="$packages" "$SUITE" "$root" "$MIRROR" \
    >"$WORK/$1.debootstrap.log" 2>&1 || { tail -n 30 "$WORK/$1.debootstrap.log" >&2; die "debootstrap failed"; }
  # What an image does not need: package lists and downloaded archives.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb "$root"/usr/share/doc/* "$root"/usr/share/man/*
  echo "$root"
}

# Tars a root into an image; the remaining arguments are `docker import -c` instructions.
import_root() {
  local root=$1 image=$2 change
  shift 2
  local changes=()
  for change in "$@"; do changes+=(-c "$change"); done
  log "importing $image"
  tar --numeric-owner -C "$root" -c . | docker import "${changes[@]}" - "$image" >/dev/null
  rm -rf "$root"
}

copy_jdk() {
  local root=$1 cacerts=$root/opt/java/openjdk/lib/security/cacerts
  mkdir -p "$root/opt/java"
  cp -a "$JDK" "$root/opt/java/openjdk"
  rm -f "$root/opt/java/openjdk/lib/src.zip"
  # The machine's trust store, not a link to one the image lacks (Debian JDKs link it to
  # /etc/ssl/certs/java/cacerts): Maven in the build image must trust whatever the machine trusts
  # to reach Maven Central, a TLS-inspecting egress proxy's CA included.
  if [[ -L $cacerts ]]; then
    rm "$cacerts"
    cp -L "$JDK/lib/security/cacerts" "$cacerts"
  fi
}

# `docker import` cannot set STOPSIGNAL: the official image's SIGINT (a fast shutdown) is up to
# whoever stops it, e.g. `stop_signal: SIGINT` in the compose files.
build_postgres() {
  local root
  root=$(debian_root postgres postgresql-15,ca-certificates)
  install -m 0755 "$(dirname "$0")/postgres-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
  mkdir -p "$root/docker-entrypoint-initdb.d"
  import_root "$root" "$POSTGRES_IMAGE" \
    'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV PGDATA=/var/lib/postgresql/data' \
    'ENV LANG=C.UTF-8' \
    'VOLUME /var/lib/postgresql/data' \
    'EXPOSE 5432' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' \
    'CMD ["postgres"]'
}

build_java() {
  local image=$1 packages=$2 root
  root=$(debian_root "java-${image##*/}" "$packages")
  copy_jdk "$root"
  import_root "$root" "$image" \
    'ENV JAVA_HOME=/opt/java/openjdk' \
    'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV LANG=C.UTF-8' \
    'CMD ["jshell"]'
}

build_prometheus() {
  local root
  root=$(debian_root prometheus prometheus)
  mkdir -p "$root/prometheus"
  chown nobody:nogroup "$root/prometheus"
  import_root "$root" "$PROMETHEUS_IMAGE" \
    'USER nobody' \
    'WORKDIR /prometheus' \
    'VOLUME /prometheus' \
    'EXPOSE 9090' \
    'ENTRYPOINT ["/usr/bin/prometheus"]' \
    'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]'
}

built=0
for image in "$POSTGRES_IMAGE" "$RUNTIME_IMAGE" "$BUILD_IMAGE" "$PROMETHEUS_IMAGE"; do
  if exists "$image"; then
    log "$image exists, skipped"
    continue
  fi
  started=$SECONDS
  case $image in
    "$POSTGRES_IMAGE") build_postgres ;;
    # curl for the Dockerfile's HEALTHCHECK; ca-certificates for HTTPS (Maven Central).
    "$RUNTIME_IMAGE") build_java "$image" curl,ca-certificates ;;
    "$BUILD_IMAGE") build_java "$image" maven,curl,ca-certificates ;;
    "$PROMETHEUS_IMAGE") build_prometheus ;;
  esac
  log "$image built in $((SECONDS - started)) s"
  built=$((built + 1))
done
log "done ($built built); build args: $("$0" --print-build-args)"
