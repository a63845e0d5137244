package io.gridsense.hub.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the planner statistics of the hub's hot tables fresh on PostgreSQL, whether or not the server runs
 * autovacuum. Without statistics the planner assumes 0.5 % of the rows per camera id, so the ingest's merge
 * lookup for a batch's 200 cameras becomes a sequential scan of all incidents, and the ingest rate falls as the
 * table grows (docs/benchmarks.md, hub). One job: every period it reads pg_stat_user_tables and runs ANALYZE on a
 * hot table whose rows changed since its last analyse by more than autovacuum's default threshold
 * (50 rows + 10 % of the live rows), so a server that does run autovacuum rarely sees a second ANALYZE.
 * Its ANALYZE samples {@link #SAMPLE_TARGET} (3,000 rows), not the server's default 30,000: a table that grows
 * with the ingest is stale at every check, and the full sample of the five hot tables cost PostgreSQL 1-5 s of CPU
 * in one burst on a 2-core hub, landing inside the push bench's measured rounds (docs/benchmarks.md, push latency).
 * The ingest's statements are key and index lookups, which need row counts and rough distributions, not fine
 * histograms; a server that runs autovacuum later replaces these statistics with its own.
 * Does nothing on other databases (H2 plans without such statistics).
 */
public final class StatisticsKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatisticsKeeper.class);

    /** The tables the ingest writes and looks up in every batch. */
    static final List<String> HOT_TABLES = List.of("incidents", "alerts", "incident_events", "pushes", "cameras",
            "worker_positions");
    /** How often the hub checks (the check is one catalogue query; an ANALYZE samples 3,000 rows). */
    public static final Duration PERIOD = Duration.ofSeconds(30);
    /** The first check comes sooner: the first ANALYZE of a growing table is the one that changes the plans. */
    public static final Duration FIRST_CHECK = Duration.ofSeconds(5);
    /** The statistics target of the keeper's ANALYZE: PostgreSQL samples 300 rows per unit, so 3,000 rows. */
    static final int SAMPLE_TARGET = 10;

    private final Database db;
    private final boolean postgresql;
    private final ScheduledExecutorService timer;

    private StatisticsKeeper(Database db, boolean postgresql, ScheduledExecutorService timer) {
        this.db = db;
        this.postgresql = postgresql;
        this.timer = timer;
    }

    /** Starts the periodic check on PostgreSQL; elsewhere returns a keeper that does nothing. */
    public static StatisticsKeeper start(Database db, Duration firstCheck, Duration period) {
        if (!db.read(StatisticsKeeper::isPostgresql)) {
            return new StatisticsKeeper(db, false, null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-db-statistics");
            t.setDaemon(true);
            return t;
        });
        StatisticsKeeper keeper = new StatisticsKeeper(db, true, timer);
        timer.scheduleWithFixedDelay(keeper::checkQuietly, firstCheck.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return keeper;
    }

    /** A keeper without a timer, for a caller (a test) that runs {@link #check()} itself. */
    public static StatisticsKeeper manual(Database db) {
        return new StatisticsKeeper(db, db.read(StatisticsKeeper::isPostgresql), null);
    }

    /** One check: analyses the stale hot tables of the current schema; returns the tables it analysed. */
    public List<String> check() {
        if (!postgresql) {
            return List.of();
        }
        List<String> stale = db.read(StatisticsKeeper::staleTables);
        for (String table : stale) {
            long t0 = System.nanoTime();
            db.tx(c -> {
                try (Statement s = c.createStatement()) {
                    // SET LOCAL: the smaller sample ends with this transaction, the pooled connection keeps the default
                    s.execute("SET LOCAL default_statistics_target = " + SAMPLE_TARGET);
                    s.execute("ANALYZE " + table); // a name from HOT_TABLES, never input
                }
                return null;
            });
            log.info("event=table_analyzed table={} ms={}", table, (System.nanoTime() - t0) / 1_000_000);
        }
        return stale;
    }

    /** The scheduled run: a failure (database down, no privilege) is logged and the next period tries again. */
    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("event=table_analyze_failed error=\"{}\"", e.toString());
        }
    }

    private static List<String> staleTables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT relname FROM pg_stat_user_tables "
                + "WHERE schemaname = current_schema() AND relname = ANY(?) "
                + "AND n_mod_since_analyze > 50 + 0.1 * n_live_tup ORDER BY relname")) {
            ps.setArray(1, c.createArrayOf("varchar", HOT_TABLES.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static boolean isPostgresql(Connection c) throws SQLException {
        return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    }

    /** Stops the timer; an ANALYZE under way finishes on its own (it holds no lock that blocks the ingest). */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
