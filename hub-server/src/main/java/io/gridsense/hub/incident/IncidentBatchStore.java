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
     * The open incidents of these cameras whose last alert is at or after {@code since}, row-locked (the merge
     * candidates of a whole batch; the caller picks per alert). Locked in id order, like a single lookup would.
     */
    List<Incident> openForMerge(Connection c, Collection<String> cameraIds, Instant since) throws SQLException {
        if (cameraIds.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + IncidentRepository.COLUMNS + " FROM incidents "
                + "WHERE camera_id IN (" + Sql.placeholders(cameraIds.size()) + ") "
                + "AND state NOT IN ('CLOSED','EVALUATED','REJECTED') AND last_alert_at >= ? ORDER BY id FOR UPDATE")) {
            int k = 1;
            for (String id : cameraIds) {
                ps.setString(k++, id);
            }
            Sql.setInstant(ps, k, since);
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

    /** Writes the merge fields (last alert time, counts, snapshot) of existing incidents as one JDBC batch. */
    void updateMerges(Connection c, Collection<Incident> merged) throws SQLException {
        if (merged.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET last_alert_at=?, alert_count=?, "
                + "people_count=?, snapshot_uri=? WHERE id=?")) {
            for (Incident i : merged) {
                Sql.setInstant(ps, 1, i.lastAlertAt());
                ps.setInt(2, i.alertCount());
                ps.setInt(3, i.peopleCount());
                ps.setString(4, i.snapshotUri());
                ps.setString(5, i.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
