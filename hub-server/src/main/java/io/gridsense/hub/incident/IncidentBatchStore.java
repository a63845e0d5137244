package io.gridsense.hub.incident;

import io.gridsense.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The incident statements of a batch of alerts: one merge lookup for all cameras of the batch and the writes as
 * JDBC batches at the end, so a batch of 200 alerts costs a handful of round-trips instead of ~1,400.
 */
final class IncidentBatchStore {

    /**
     * The merge lookup: the camera ids as one array parameter, so the statement text is the same for every batch
     * (PgJDBC prepares it once per connection, and PostgreSQL stops planning it: ~7 ms per batch at 26,000
     * incidents with a 200-literal IN list). Its generic plan costs the array at 10 elements, so it takes the merge
     * index even on a table that was never analysed, where a 200-literal list was costed at all rows (a seq scan).
     */
    static final String MERGE_LOOKUP = "SELECT " + IncidentRepository.COLUMNS + " FROM incidents "
            + "WHERE camera_id = ANY(?) AND state NOT IN ('CLOSED','EVALUATED','REJECTED') AND last_alert_at >= ? "
            + "ORDER BY id FOR UPDATE";

    /**
     * The open incidents of these cameras whose last alert is at or after {@code since}, row-locked (the merge
     * candidates of a whole batch; the caller picks per alert). Locked in id order, like a single lookup would.
     */
    List<Incident> openForMerge(Connection c, Collection<String> cameraIds, Instant since) throws SQLException {
        if (cameraIds.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement(MERGE_LOOKUP)) {
            ps.setArray(1, c.createArrayOf("varchar", cameraIds.toArray()));
            Sql.setInstant(ps, 2, since);
            return IncidentRepository.many(ps);
        }
    }

    /** Inserts new incidents (in their final state after the batch's merges) as one JDBC batch. */
    void insertAll(Connection c, Collection<Incident> created) throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        String q = "INSERT INTO incidents (" + IncidentRepository.COLUMNS + ") VALUES (?"
                + ",?".repeat(IncidentRepository.FIELDS.length - 1) + ")";
        try (PreparedStatement ps = c.prepareStatement(q)) {
            for (Incident i : created) {
                ps.setString(1, i.id());
                IncidentRepository.bindMutable(ps, 2, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Writes the merge fields (last alert time, counts, snapshot) of existing incidents with one {@code MERGE}
     * statement per 200 incidents (standard SQL that PostgreSQL 15 and H2 both run), not one UPDATE each.
     */
    void updateMerges(Connection c, Collection<Incident> merged) throws SQLException {
        List<Incident> all = List.copyOf(merged);
        for (int from = 0; from < all.size(); from += 200) {
            List<Incident> chunk = all.subList(from, Math.min(all.size(), from + 200));
            String row = "(CAST(? AS VARCHAR(40)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS INTEGER), "
                    + "CAST(? AS INTEGER), CAST(? AS VARCHAR(1024)))";
            String q = "MERGE INTO incidents i USING (VALUES " + String.join(",", java.util.Collections.nCopies(chunk.size(), row))
                    + ") AS v(id, last_at, n, people, snap) ON i.id = v.id WHEN MATCHED THEN UPDATE SET "
                    + "last_alert_at = v.last_at, alert_count = v.n, people_count = v.people, snapshot_uri = v.snap";
            try (PreparedStatement ps = c.prepareStatement(q)) {
                int k = 1;
                for (Incident i : chunk) {
                    ps.setString(k++, i.id());
                    Sql.setInstant(ps, k++, i.lastAlertAt());
                    ps.setInt(k++, i.alertCount());
                    ps.setInt(k++, i.peopleCount());
                    ps.setString(k++, i.snapshotUri());
                }
                ps.executeUpdate();
            }
        }
    }
}
