package io.gridsense.hub.incident;

import io.gridsense.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The incident_events table: append-only, so this class has no update and no delete. */
public final class AuditLog {

    /** Appends one record. */
    public void append(Connection c, String incidentId, Instant at, String actor, String action, String detail,
                       IncidentState from, IncidentState to, String evidence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_events (incident_id, occurred_at, actor, "
                + "action, detail, from_state, to_state, evidence) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setString(1, incidentId);
            Sql.setInstant(ps, 2, at);
            ps.setString(3, cut(actor, 100));
            ps.setString(4, action);
            ps.setString(5, cut(detail, 2000));
            ps.setString(6, from == null ? null : from.name());
            ps.setString(7, to == null ? null : to.name());
            ps.setString(8, cut(evidence, 1024));
            ps.executeUpdate();
        }
    }

    /** One record without a state change (e.g. an alert merged), for {@link #appendAll}. */
    public record Entry(String incidentId, Instant at, String actor, String action, String detail) {
    }

    /** Appends several records as one JDBC batch, in the order given. */
    public void appendAll(Connection c, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_events (incident_id, occurred_at, actor, "
                + "action, detail, from_state, to_state, evidence) VALUES (?,?,?,?,?,NULL,NULL,NULL)")) {
            for (Entry e : entries) {
                ps.setString(1, e.incidentId());
                Sql.setInstant(ps, 2, e.at());
                ps.setString(3, cut(e.actor(), 100));
                ps.setString(4, e.action());
                ps.setString(5, cut(e.detail(), 2000));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The trail of one incident, oldest first. */
    public List<IncidentEvent> events(Connection c, String incidentId) throws SQLException {
        List<IncidentEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT occurred_at, actor, action, detail, from_state, to_state, "
                + "evidence FROM incident_events WHERE incident_id=? ORDER BY id")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new IncidentEvent(Sql.getInstant(rs, "occurred_at"), rs.getString("actor"),
                            rs.getString("action"), rs.getString("detail"), state(rs.getString("from_state")),
                            state(rs.getString("to_state")), rs.getString("evidence")));
                }
            }
        }
        return out;
    }

    private static IncidentState state(String s) {
        return s == null ? null : IncidentState.valueOf(s);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
