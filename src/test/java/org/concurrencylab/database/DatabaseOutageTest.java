package org.concurrencylab.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

/** An outage is a 503 worth retrying, wherever in the cause chain it shows; a bug or bad data stays what it is. */
class DatabaseOutageTest {

    @Test
    void anOutageIsKnownByItsTypeOrItsSqlStateAnywhereInTheCauseChain() {
        assertThat(DatabaseOutage.isCause(new CannotGetJdbcConnectionException("pool timed out"))).isTrue();
        // PostgreSQL's socket timeout, as Spring hands it on when it does not recognise it.
        SQLException broken = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketTimeoutException("Read timed out"));
        assertThat(DatabaseOutage.isCause(new UncategorizedSQLException("select", "select 1", broken))).isTrue();
        assertThat(DatabaseOutage.isCause(new IllegalStateException("wrapped", broken))).isTrue();
        // H2: the database closed after a write failed, and the full disk behind a general error.
        assertThat(DatabaseOutage.isCause(new SQLException("The database has been closed", "90098"))).isTrue();
        assertThat(DatabaseOutage.isCause(new SQLException("General error", "HY000",
                new RuntimeException("MVStoreException", new IOException("No space left on device"))))).isTrue();
    }

    @Test
    void aRollbackOnAConnectionThePoolClosedIsAnOutage() {
        // The submit rate's bucket (bucket4j on PostgreSQL) rolls back after its read timed out; the
        // rollback meets Hikari's closed connection, and that is all the exception it throws says.
        SQLException closed = new SQLException("Connection is closed");
        assertThat(DatabaseOutage.isCause(new io.github.bucket4j.BucketExceptions.BucketExecutionException(closed)))
                .isTrue();
        SQLException rolledBack = new SQLException("rollback failed", "XX000");
        rolledBack.addSuppressed(new SocketTimeoutException("Read timed out"));
        assertThat(DatabaseOutage.isCause(new RuntimeException(rolledBack))).isTrue();
        assertThat(DatabaseOutage.isCause(new SQLException("Connection is closed", "42000"))).isFalse();
    }

    @Test
    void aBugOrABadRowIsNoOutage() {
        assertThat(DatabaseOutage.isCause(new DuplicateKeyException("lab_user_name_unique"))).isFalse();
        assertThat(DatabaseOutage.isCause(new BadSqlGrammarException("select", "select nothing",
                new SQLException("syntax error", "42601")))).isFalse();
        assertThat(DatabaseOutage.isCause(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseOutage.isCause(new IOException("Broken pipe"))).isFalse();
    }
}
