package org.concurrencylab.experiment;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** V4 on H2, the lab's default database (on PostgreSQL: postgres.StoredDocumentsMigrationPostgresTest). */
class StoredDocumentsMigrationTest {

    @Test
    void oldRowsReadBackIntactAfterV4() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:v4-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        OldRows.migrateAndCheck(h2);
    }
}
