package org.concurrencylab.experiment;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

/**
 * Makes an H2 database write every commit to its file at once ({@code SET WRITE_DELAY 0}).
 *
 * <p>H2 otherwise keeps commits in memory for up to 500 ms before writing them. A node killed in
 * that window (SIGKILL, OOM killer, power cut of a container) loses them: an experiment already
 * answered 202 is gone after the restart (404), or one already reported RUNNING comes back
 * QUEUED and runs again. DESIGN.md promises every transition is stored before it is announced.
 *
 * <p>WRITE_DELAY is a setting of the database itself, so it is set here, after every migration,
 * rather than in the default URL: a {@code spring.datasource.url} given by the user is covered
 * too. Other databases are left alone.
 */
@Component
class H2DurableCommits implements Callback {

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try {
            if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET WRITE_DELAY 0");
                }
            }
        } catch (SQLException e) {
            throw new FlywayException("cannot make H2 write commits at once (SET WRITE_DELAY 0): " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "h2DurableCommits";
    }
}
