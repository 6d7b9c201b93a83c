# The lab's image: built with Maven, run on a full JDK/JRE 21+ as a non-root user, from the same
# layout and AOT cache as target/dist (see README, "Start in a blink").
#
# The base images are build args defaulting to the public ones. Where Docker Hub cannot be reached,
# docker/local-images.sh builds equivalents from Debian packages and prints the flags:
#   docker build $(docker/local-images.sh --print-build-args) -t concurrency-lab .
# No BuildKit-only syntax (no `# syntax=` line, no RUN --mount): the legacy builder, which
# Testcontainers and a Docker engine without buildx use, builds it too, and nothing is fetched
# from a registry beyond the two base images.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-25
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre

# Build stage: the pom's maven-toolchains-plugin accepts the image's JDK (JAVA_HOME) for its [21,)
# requirement.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# The pom alone first, so the dependency layer is reused while only sources change.
COPY pom.xml ./
RUN mvn -B -q -Dmaven.test.skip=true dependency:go-offline || true
COPY src ./src
# Tests run in `mvn verify` outside the image; here they are neither compiled nor run. The build
# lays out target/dist (the launcher, the jar extracted, Spring AOT's classes in it) but trains no
# cache: a cache only fits the JVM it was made with, so it is made below, on the runtime image's.
RUN mvn -B -q -Dmaven.test.skip=true -Dlab.dist.train=false package

# Training stage: the runtime image with the layout where it will run (/app), and one training run
# of the service (a fresh database in a temporary folder, any free port), which writes the JDK's
# AOT cache beside the jars. COPY keeps the files' times, which the cache records.
FROM ${RUNTIME_IMAGE} AS train
COPY --from=build /src/target/dist /app
RUN /app/bin/concurrency-lab --build-cache

# Runtime stage: a full JRE, not a jlink image, because the PROCESSES model starts worker JVMs
# from this same java binary and they need the whole platform (java.management included).
FROM ${RUNTIME_IMAGE}
# curl for the HEALTHCHECK below, installed when the base image lacks it.
RUN if ! command -v curl >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; \
    fi
RUN groupadd --system lab \
 && useradd --system --gid lab --home-dir /app --no-create-home --shell /usr/sbin/nologin lab
WORKDIR /app
# The application's default H2 URL is ./data/concurrency-lab, i.e. /app/data here.
RUN mkdir -p /app/data && chown lab:lab /app/data
COPY --from=train /app /app
USER lab
VOLUME ["/app/data"]
EXPOSE 8080
# Start-up takes a few seconds on small machines, hence the start period.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health || exit 1
# The launcher (src/dist/bin/concurrency-lab) starts the service from the cache with the same
# flags the cache was trained with; JAVA_OPTS adds flags. It execs java, so java is PID 1:
# `docker stop` (SIGTERM) reaches it directly and starts Spring's graceful shutdown, which stops
# running experiments (recorded as interrupted) and their worker JVMs. That can take up to 30 s
# (spring.lifecycle.timeout-per-shutdown-phase), longer than docker stop's default 10 s: give it
# `docker stop -t 40` (the compose files set stop_grace_period).
ENTRYPOINT ["/app/bin/concurrency-lab"]
