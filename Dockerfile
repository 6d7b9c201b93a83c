# syntax=docker/dockerfile:1

# Build stage: Maven on a JDK 25. The pom's maven-toolchains-plugin discovers this JDK through
# JAVA_HOME (set by the image) to satisfy its [21,) requirement.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# The pom alone first, so the dependency layer is reused while only sources change.
COPY pom.xml ./
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline || true
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

# Runtime stage: a full JRE, not a jlink image, because the PROCESSES model starts worker JVMs
# from this same java binary and they need the whole platform (java.management included).
FROM eclipse-temurin:25-jre
# curl only for the HEALTHCHECK below; the JRE image does not reliably ship it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system lab \
 && useradd --system --gid lab --home-dir /app --no-create-home --shell /usr/sbin/nologin lab
WORKDIR /app
# The application's default H2 URL is ./data/concurrency-lab, i.e. /app/data here.
RUN mkdir -p /app/data && chown lab:lab /app/data
COPY --from=build /src/target/concurrency-lab.jar /app/concurrency-lab.jar
USER lab
VOLUME ["/app/data"]
EXPOSE 8080
# Start-up takes several seconds on small machines, hence the start period.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/concurrency-lab.jar"]
