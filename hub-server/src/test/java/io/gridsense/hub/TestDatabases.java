package io.gridsense.hub;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Fresh, isolated databases for tests: an H2 in-memory one, or a new schema on the machine's PostgreSQL. */
public final class TestDatabases {

    public static final String PG_BASE = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String PG_USER = "postgres";

    private TestDatabases() {
    }

    /** A JDBC URL, user and a cleanup action. */
    public record TestDb(String url, String user, String password, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            drop.run();
        }
    }

    public static TestDb h2() {
        String url = "jdbc:h2:mem:hub_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        return new TestDb(url, "sa", "", () -> exec(url, "sa", "SHUTDOWN"));
    }

    /** A new schema hubtest_<random> on the local PostgreSQL, dropped on close, so runs never collide. */
    public static TestDb postgres() {
        String schema = "hubtest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec(PG_BASE, PG_USER, "CREATE SCHEMA " + schema);
        return new TestDb(PG_BASE + "?currentSchema=" + schema, PG_USER, "",
                () -> exec(PG_BASE, PG_USER, "DROP SCHEMA " + schema + " CASCADE"));
    }

    private static void exec(String url, String user, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + url + ": " + e.getMessage(), e);
        }
    }
}
