package org.concurrencylab.experiment;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Which database the lab runs on, where that changes how nodes share work. */
final class Databases {

    private Databases() {}

    /** PostgreSQL, which nodes share; otherwise the embedded H2 of one node. */
    static boolean isPostgreSql(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return "PostgreSQL".equalsIgnoreCase(product);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the lab runs on", e);
        }
    }
}
