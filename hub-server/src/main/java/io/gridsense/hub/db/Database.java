package io.gridsense.hub.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hub's connection pool, its Flyway migrations, and transaction helpers over plain JDBC. */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Opens the pool and migrates the schema to the newest version. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(8);
        hc.setPoolName("hub-db");
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // JDBC batches of INSERTs go to the server as multi-row inserts: the ingest writes alerts, audit
            // records and pushes in batches of up to 200 (an explicit setting in the URL wins)
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            // SQL migrations for both databases; V3 needs PostgreSQL-only SQL, so it is Java and asks the product
            var result = Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                    .javaMigrations(new V3__HotIncidentMerges()).load().migrate();
            log.info("event=db_migrated url={} applied={} version={}", redact(jdbcUrl), result.migrationsExecuted,
                    result.targetSchemaVersion);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds);
    }

    /** Runs work in one transaction: commit on return, rollback on any exception. */
    public <T> T tx(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Runs read-only work on an auto-commit connection. */
    public <T> T read(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Whether a connection can be had and answers within a second. */
    public boolean healthy() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
