package org.concurrencylab.database;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether an exception means the database did not answer (down, paused, unreachable, out of
 * disk) rather than a bug: the first is 503 and worth retrying, the second a 500. Spring
 * translates most outages to a few exception types, but not all of them (a broken connection
 * inside a transaction, H2's codes), so the whole cause chain is read, SQL states included.
 */
public final class DatabaseOutage {

    /** What a 503 tells the client to wait: an outage that is over in seconds is the common case. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** What a 503 says; the cause stays in the server log. */
    public static final String DETAIL = "the database did not answer in time; nothing that needs it can be done now, "
            + "retry in " + RETRY_AFTER.toSeconds() + " s";

    /**
     * H2's error codes for a database that cannot be used (its SQL state is the code): 90028 and
     * 90031 IO errors, 90098 closed (after a failed write), 90100 no disk space, 90121 closed
     * during shutdown.
     */
    private static final Set<String> H2_UNAVAILABLE = Set.of("90028", "90031", "90098", "90100", "90121");

    private static final int MAX_CAUSES = 20;

    /** What Hikari's proxy of a connection it closed says to every call (HikariCP's ClosedConnection). */
    private static final String HIKARI_CLOSED = "Connection is closed";

    private DatabaseOutage() {}

    /** True if {@code e} or one of its causes says the database is unreachable, too slow or out of room. */
    public static boolean isCause(Throwable e) {
        int depth = 0;
        for (Throwable cause = e; cause != null && depth < MAX_CAUSES; cause = cause.getCause(), depth++) {
            if (unavailable(cause)) {
                return true;
            }
            // A failed rollback can hide the timeout that caused it among the suppressed.
            for (Throwable suppressed : cause.getSuppressed()) {
                if (unavailable(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unavailable(Throwable e) {
        if (e instanceof DataAccessResourceFailureException || e instanceof QueryTimeoutException
                || e instanceof TransientDataAccessResourceException || e instanceof RecoverableDataAccessException
                || e instanceof CannotCreateTransactionException) {
            return true;
        }
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException || e instanceof SQLTimeoutException) {
            return true;
        }
        if (e instanceof SQLException sql && sql.getSQLState() == null && HIKARI_CLOSED.equals(sql.getMessage())) {
            // Hikari closes a connection whose socket broke and answers every later call on it so,
            // without a state: a rate limit's rollback after a read timed out, for one, ends here.
            return true;
        }
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            // 08: connection exceptions; 57P0x: the server is shutting down or not accepting
            // connections; 57014: a statement cancelled by a timeout.
            return state.startsWith("08") || state.startsWith("57P") || state.equals("57014")
                    || H2_UNAVAILABLE.contains(state);
        }
        if (e instanceof IOException io && io.getMessage() != null) {
            // H2 on a full disk: a general error whose cause is the OS's ENOSPC or EDQUOT.
            return io.getMessage().contains("No space left on device") || io.getMessage().contains("Disk quota exceeded")
                    || e instanceof SocketTimeoutException || e instanceof ConnectException;
        }
        return e instanceof SocketTimeoutException || e instanceof ConnectException;
    }
}
