package io.gridsense.hub.incident;

import io.gridsense.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The false_alarm_samples table: written when an incident is rejected, read by the training export. */
public final class FalseAlarmRepository {

    /** The label the training reads as "not the behaviour the detector claimed". */
    public static final String LABEL = "FALSE_ALARM";

    /** Stores one sample per alert of the incident; returns how many (0 for a manual report: no detector spoke). */
    public int record(Connection c, String incidentId, String verdictBy, Instant at, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO false_alarm_samples (incident_id, alert_id, camera_id, "
                + "type, label, verdict_by, verdict_at, note, snapshot_uri, alert_json) "
                + "SELECT incident_id, alert_id, camera_id, type, ?, ?, ?, ?, '/api/evidence/' || alert_id || '/snapshot.jpg', raw "
                + "FROM alerts WHERE incident_id=? ORDER BY detected_at")) {
            ps.setString(1, LABEL);
            ps.setString(2, verdictBy);
            Sql.setInstant(ps, 3, at);
            ps.setString(4, note == null || note.length() <= 2000 ? note : note.substring(0, 2000));
            ps.setString(5, incidentId);
            return ps.executeUpdate();
        }
    }

    /** Samples with an id above {@code afterId}, oldest first: a trainer pages with the last id it saw. */
    public List<FalseAlarmSample> after(Connection c, long afterId, int limit) throws SQLException {
        List<FalseAlarmSample> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, incident_id, alert_id, camera_id, type, label, verdict_by, "
                + "verdict_at, note, snapshot_uri, alert_json FROM false_alarm_samples WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FalseAlarmSample(rs.getLong("id"), rs.getString("incident_id"), rs.getString("alert_id"),
                            rs.getString("camera_id"), rs.getString("type"), rs.getString("label"),
                            rs.getString("verdict_by"), Sql.getInstant(rs, "verdict_at"), rs.getString("note"),
                            rs.getString("snapshot_uri"), rs.getString("alert_json")));
                }
            }
        }
        return out;
    }
}
