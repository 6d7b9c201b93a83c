package org.concurrencylab.postgres;

import org.concurrencylab.experiment.OldRows;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** V4 on PostgreSQL, where the JSON columns are {@code text} too but the driver binds types its own way. */
class StoredDocumentsMigrationPostgresTest {

    @Test
    void oldRowsReadBackIntactAfterV4() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        OldRows.migrateAndCheck(new DriverManagerDataSource(database.url(), database.username(), database.password()));
    }
}
