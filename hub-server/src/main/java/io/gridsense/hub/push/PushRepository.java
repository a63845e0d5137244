package io.gridsense.hub.push;

import io.gridsense.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pushes table. */
public final class PushRepository {

    private static final String COLUMNS = "push_id, incident_id, worker_id, sent_at, distance_m, reason, acked_at";

    public void insert(Connection c, PushRecord p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pushes (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, p.pushId());
            ps.setString(2, p.incidentId());
            ps.setString(3, p.workerId());
            Sql.setInstant(ps, 4, p.sentAt());
            ps.setDouble(5, p.distanceMeters());
            ps.setString(6, p.reason().name());
            Sql.setInstant(ps, 7, p.ackedAt());
            ps.executeUpdate();
        }
    }

    public Optional<PushRecord> find(Connection c, String pushId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pushes WHERE push_id=?")) {
            ps.setString(1, pushId);
            List<PushRecord> l = many(ps);
            return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
        }
    }

    /** A worker's pushes, newest first. */
    public List<PushRecord> forWorker(Connection c, String workerId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pushes WHERE worker_id=? "
                + "ORDER BY sent_at DESC, push_id LIMIT ?")) {
            ps.setString(1, workerId);
            ps.setInt(2, limit);
            return many(ps);
        }
    }

    /** Whether an incident was pushed to a worker: what lets a worker see and accept it. */
    public boolean wasPushed(Connection c, String incidentId, String workerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pushes WHERE incident_id=? AND worker_id=?")) {
            ps.setString(1, incidentId);
            ps.setString(2, workerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether a worker was pushed an incident that carries this alert (so they may see its snapshot). */
    public boolean wasPushedAlert(Connection c, String alertId, String workerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pushes p JOIN alerts a ON a.incident_id = p.incident_id "
                + "WHERE a.alert_id=? AND p.worker_id=?")) {
            ps.setString(1, alertId);
            ps.setString(2, workerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Marks a push acknowledged (first ack wins); true if this call did it. */
    public boolean ack(Connection c, String pushId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pushes SET acked_at=? WHERE push_id=? AND acked_at IS NULL")) {
            Sql.setInstant(ps, 1, at);
            ps.setString(2, pushId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Acknowledges every open push of one incident to one worker (accepting implies having seen it). */
    public int ackIncident(Connection c, String incidentId, String workerId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE pushes SET acked_at=? WHERE incident_id=? AND worker_id=? AND acked_at IS NULL")) {
            Sql.setInstant(ps, 1, at);
            ps.setString(2, incidentId);
            ps.setString(3, workerId);
            return ps.executeUpdate();
        }
    }

    private static List<PushRecord> many(PreparedStatement ps) throws SQLException {
        List<PushRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new PushRecord(rs.getString("push_id"), rs.getString("incident_id"), rs.getString("worker_id"),
                        Sql.getInstant(rs, "sent_at"), rs.getDouble("distance_m"), PushReason.valueOf(rs.getString("reason")),
                        Sql.getInstant(rs, "acked_at")));
            }
        }
        return out;
    }
}
