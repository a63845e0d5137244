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
        insert(c, p, 0);
    }

    /** Inserts a push of a re-push round (0 for the first pushes of an incident). */
    public void insert(Connection c, PushRecord p, int round) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pushes (" + COLUMNS + ", push_round) VALUES (?,?,?,?,?,?,?,?)")) {
            bind(ps, p, round);
            ps.executeUpdate();
        }
    }

    /** Inserts several pushes of one round as one JDBC batch. */
    public void insertAll(Connection c, List<PushRecord> records, int round) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pushes (" + COLUMNS + ", push_round) VALUES (?,?,?,?,?,?,?,?)")) {
            for (PushRecord p : records) {
                bind(ps, p, round);
                ps.addBatch();
            }
            ps.executeBatch();
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

    /** An incident still REPORTED whose pushes nobody acknowledged, and its last round. */
    public record Silent(String incidentId, int round) {
    }

    /**
     * REPORTED incidents whose every push is unacknowledged and the newest older than {@code before}. An incident
     * created at or after {@code before} cannot qualify (its pushes are planned in its creating transaction or
     * later), so those are left out before the pushes are grouped, through the {@code incidents_created} index:
     * without that the sweep grouped the pushes of every REPORTED incident, 0.2–0.4 s of the database every 15 s
     * while a thousand new incidents a second were stored, all of them too young to be silent.
     */
    public List<Silent> silent(Connection c, Instant before, int maxRound, int limit) throws SQLException {
        List<Silent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.incident_id, MAX(p.push_round) AS r FROM pushes p "
                + "JOIN incidents i ON i.id = p.incident_id WHERE i.state = 'REPORTED' AND i.created_at < ? "
                + "GROUP BY p.incident_id "
                + "HAVING COUNT(p.acked_at) = 0 AND MAX(p.sent_at) < ? AND MAX(p.push_round) < ? LIMIT ?")) {
            Sql.setInstant(ps, 1, before);
            Sql.setInstant(ps, 2, before);
            ps.setInt(3, maxRound);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Silent(rs.getString(1), rs.getInt(2)));
                }
            }
        }
        return out;
    }

    /** Whether an incident's pushes are all unacknowledged, the newest before {@code before} and of round {@code round}. */
    public boolean stillSilent(Connection c, String incidentId, Instant before, int round) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(acked_at), MAX(sent_at), MAX(push_round) FROM pushes "
                + "WHERE incident_id=?")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                java.time.OffsetDateTime last = rs.getObject(2, java.time.OffsetDateTime.class);
                return rs.getInt(1) == 0 && last != null && last.toInstant().isBefore(before) && rs.getInt(3) == round;
            }
        }
    }

    /** The workers an incident was already pushed to. */
    public java.util.Set<String> pushedWorkers(Connection c, String incidentId) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT worker_id FROM pushes WHERE incident_id=?")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
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

    /** The parameters of one pushes row, in {@code COLUMNS} order, then its round. */
    private static void bind(PreparedStatement ps, PushRecord p, int round) throws SQLException {
        ps.setString(1, p.pushId());
        ps.setString(2, p.incidentId());
        ps.setString(3, p.workerId());
        Sql.setInstant(ps, 4, p.sentAt());
        ps.setDouble(5, p.distanceMeters());
        ps.setString(6, p.reason().name());
        Sql.setInstant(ps, 7, p.ackedAt());
        ps.setInt(8, round);
    }
}
