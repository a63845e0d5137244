package io.gridsense.hub.alert;

import io.gridsense.hub.db.Sql;
import io.gridsense.protocol.Alert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The alerts table; inserts are idempotent on the edge-chosen alert id. */
public final class AlertRepository {

    /** Stores an alert unless its id is known; true when this call stored it. */
    public boolean insertIfNew(Connection c, Alert a, String raw, Instant receivedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (alert_id, site, agent_id, camera_id, type, "
                + "started_at, detected_at, confidence, people_count, raw, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT DO NOTHING")) {
            bindAlert(ps, a, raw);
            Sql.setInstant(ps, 11, receivedAt);
            return ps.executeUpdate() == 1;
        }
    }

    /** The ids among these that are already stored (one statement). */
    public java.util.Set<String> known(Connection c, java.util.Collection<String> alertIds) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (alertIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT alert_id FROM alerts WHERE alert_id IN ("
                + Sql.placeholders(alertIds.size()) + ")")) {
            int k = 1;
            for (String id : alertIds) {
                ps.setString(k++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** A new alert with the incident it went into, for {@link #insertAll}. */
    public record Stored(Alert alert, String raw, String incidentId) {
    }

    /**
     * Stores new alerts, already linked to their incidents, as one JDBC batch (multi-row inserts on PostgreSQL,
     * see {@code Database}). The caller checked with {@link #known} under the cameras' locks; a row that appeared
     * since (the same id from another camera) is a unique-key violation, so the transaction rolls back (and the
     * ingest queue retries one by one) instead of counting an alert twice.
     */
    public void insertAll(Connection c, List<Stored> rows, Instant receivedAt) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (alert_id, site, agent_id, camera_id, type, "
                + "started_at, detected_at, confidence, people_count, raw, received_at, incident_id) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (Stored r : rows) {
                Alert a = r.alert();
                bindAlert(ps, a, r.raw());
                Sql.setInstant(ps, 11, receivedAt);
                ps.setString(12, r.incidentId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Records which incident an alert went into. */
    public void linkIncident(Connection c, String alertId, String incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET incident_id=? WHERE alert_id=?")) {
            ps.setString(1, incidentId);
            ps.setString(2, alertId);
            ps.executeUpdate();
        }
    }

    /** The newest alerts first. */
    public List<AlertRow> recent(Connection c, int limit) throws SQLException {
        return recent(c, null, limit);
    }

    /** The newest alerts whose incident lies under a grid path prefix (null: all), newest first. */
    public List<AlertRow> recent(Connection c, String gridPathPrefix, int limit) throws SQLException {
        List<AlertRow> out = new ArrayList<>();
        String scope = gridPathPrefix == null ? ""
                : "WHERE incident_id IN (SELECT id FROM incidents WHERE grid_path LIKE ?) ";
        try (PreparedStatement ps = c.prepareStatement("SELECT alert_id, site, agent_id, camera_id, type, started_at, "
                + "detected_at, confidence, people_count, received_at, incident_id FROM alerts " + scope
                + "ORDER BY received_at DESC, alert_id LIMIT ?")) {
            int k = 1;
            if (gridPathPrefix != null) {
                ps.setString(k++, gridPathPrefix + "%");
            }
            ps.setInt(k, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlertRow(rs.getString("alert_id"), rs.getString("site"), rs.getString("agent_id"),
                            rs.getString("camera_id"), rs.getString("type"), Sql.getInstant(rs, "started_at"),
                            Sql.getInstant(rs, "detected_at"), rs.getDouble("confidence"), rs.getInt("people_count"),
                            Sql.getInstant(rs, "received_at"), rs.getString("incident_id")));
                }
            }
        }
        return out;
    }

    /** How many alerts carry an id (tests and health checks). */
    public int count(Connection c, String alertId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alerts WHERE alert_id=?")) {
            ps.setString(1, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Parameters 1..10 of an alerts row: the columns both inserts share, in the same order. */
    private static void bindAlert(PreparedStatement ps, Alert a, String raw) throws SQLException {
        ps.setString(1, a.alertId());
        ps.setString(2, a.site());
        ps.setString(3, a.agentId());
        ps.setString(4, a.cameraId());
        ps.setString(5, a.type().name());
        Sql.setInstant(ps, 6, a.startedAt());
        Sql.setInstant(ps, 7, a.detectedAt());
        ps.setDouble(8, a.confidence());
        ps.setInt(9, a.peopleCount());
        ps.setString(10, raw);
    }
}
