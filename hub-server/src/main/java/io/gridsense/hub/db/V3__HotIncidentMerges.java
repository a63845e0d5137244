package io.gridsense.hub.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema v3: lets the ingest's merge updates of {@code incidents} be HOT (heap-only) on PostgreSQL.
 * <p>
 * Every merged alert rewrites its incident's {@code last_alert_at}, {@code alert_count}, {@code people_count} and
 * {@code snapshot_uri}. PostgreSQL can update a row without touching its indexes only when no indexed column
 * changes and the new row version fits on the same page. V1's {@code incidents_merge} index included
 * {@code last_alert_at}, so every merge inserted a new entry into all six indexes of the table and the indexes
 * bloated until autovacuum (ingest fell round after round). The merge lookups filter by camera and type and keep
 * the few open incidents of a camera whose last alert is recent: they need the index to find the camera's rows,
 * not to range-scan the time, so the index becomes {@code (camera_id, type, state)}. {@code state} stays because
 * it changes only on loop transitions (a few per incident), never on merges. The other indexes hold no column a
 * merge writes ({@code incidents_deadline (state, deadline_at)}, {@code incidents_path}, {@code incidents_grid},
 * {@code incidents_created}).
 * <p>
 * On PostgreSQL the table's fillfactor drops to 70 so each page keeps room for the new versions of its rows;
 * with full pages an update has to move the row to another page, which is not HOT either. This is
 * PostgreSQL-only SQL, hence a Java migration that asks the database product, rather than two sets of SQL
 * migrations whose version numbers would differ by database. The setting applies to pages written from now on;
 * an existing table's full pages only get the room after a rewrite (VACUUM FULL during a quiet hour).
 */
public final class V3__HotIncidentMerges extends BaseJavaMigration {

    /** Percent of each incidents page filled by inserts; the rest is for the updated versions of its rows. */
    static final int INCIDENTS_FILLFACTOR = 70;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX incidents_merge");
            s.execute("CREATE INDEX incidents_merge ON incidents (camera_id, type, state)");
            if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                s.execute("ALTER TABLE incidents SET (fillfactor = " + INCIDENTS_FILLFACTOR + ")");
            }
        }
    }
}
