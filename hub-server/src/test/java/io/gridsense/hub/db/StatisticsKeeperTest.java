package io.gridsense.hub.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The hub keeps planner statistics on PostgreSQL itself (the machine's server, like some operators', runs with
 * autovacuum off). Against the real PostgreSQL; nothing is timed:
 * the waits only give the server's statistics their usual flush delay.
 */
public class StatisticsKeeperTest {

    static final int ROWS = 20_000;

    @Test
    void analysesAHotTableThatChangedAndThenLeavesItAlone() throws Exception {
        try (TestDatabases.TestDb pg = TestDatabases.postgres(); Database db = Database.open(pg.url(), pg.user(), "")) {
            fillIncidents(pg);
            assertThat(stat(pg, "last_analyze")).as("never analysed yet").isNull();

            StatisticsKeeper keeper = StatisticsKeeper.manual(db);
            assertThat(keeper.check()).contains("incidents");

            awaitStat(pg, "last_analyze IS NOT NULL AND n_mod_since_analyze = 0");
            assertThat(stat(pg, "last_analyze")).isNotNull();
            assertThat(keeper.check()).as("nothing changed since").doesNotContain("incidents");
        }
    }

    /**
     * The keeper's ANALYZE samples 3,000 rows, not 30,000 (on the machine, the full sample of the hot tables cost
     * PostgreSQL seconds of CPU inside the push bench's rounds): its histograms have at most 11 bounds where the
     * server's default target gives 101, and the smaller target does not stay on the pooled connection.
     */
    @Test
    void analysesWithASmallSampleThatDoesNotOutliveTheCheck() throws Exception {
        try (TestDatabases.TestDb pg = TestDatabases.postgres(); Database db = Database.open(pg.url(), pg.user(), "")) {
            fillIncidents(pg);
            assertThat(StatisticsKeeper.manual(db).check()).contains("incidents");
            try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT array_length(histogram_bounds::text::text[], 1) "
                         + "FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'incidents' AND attname = 'id'")) {
                assertThat(rs.next()).as("incidents.id has statistics").isTrue();
                assertThat(rs.getInt(1)).as("histogram bounds of incidents.id").isBetween(2, StatisticsKeeper.SAMPLE_TARGET + 1);
            }
            // the pool hands this thread the connection the check just returned
            String target = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SHOW default_statistics_target")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(target).isEqualTo("100");
        }
    }

    @Test
    void doesNothingOnH2() {
        try (TestDatabases.TestDb h2 = TestDatabases.h2(); Database db = Database.open(h2.url(), h2.user(), "")) {
            assertThat(StatisticsKeeper.manual(db).check()).isEmpty();
        }
    }

    /** ROWS open incidents over 1,000 cameras, as the ingest bench leaves them, on a connection closed at once. */
    public static void fillIncidents(TestDatabases.TestDb pg) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO incidents (id, type, state, camera_id, lat, lon, first_alert_at, last_alert_at, "
                    + "alert_count, people_count, snapshot_uri, created_at) SELECT 'INC-' || g, 'GATHERING', 'NEW', "
                    + "'cam-' || (g % 1000), 30.27, 120.15, now(), now(), 20, 5, "
                    + "'evidence://bench/snapshots/cam-' || (g % 1000) || '/' || g || '.jpg', now() "
                    + "FROM generate_series(1, " + ROWS + ") g");
        } // the backend reports its counts to the statistics system when it ends
        awaitStat(pg, "n_mod_since_analyze >= " + ROWS);
    }

    public static Object stat(TestDatabases.TestDb pg, String column) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), "");
             ResultSet rs = c.createStatement().executeQuery("SELECT " + column + " FROM pg_stat_user_tables "
                     + "WHERE schemaname = current_schema() AND relname = 'incidents'")) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }

    /** Waits (at most 30 s) until the table's statistics row meets a condition. */
    private static void awaitStat(TestDatabases.TestDb pg, String condition) throws SQLException {
        for (int tries = 0; tries < 300; tries++) {
            if (Boolean.TRUE.equals(stat(pg, condition))) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("statistics never showed " + condition);
    }
}
