package io.gridsense.hub.incident;

import io.gridsense.hub.db.Sql;
import io.gridsense.protocol.AlertType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The incidents and incident_events tables. */
public final class IncidentRepository {

    private static final String COLUMNS = "id, type, state, grid_code, camera_id, lat, lon, first_alert_at, last_alert_at, "
            + "alert_count, people_count, snapshot_uri, created_at, accepted_by, accepted_at";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    /** A new readable id, INC-yyyyMMdd-000123, unique across hubs thanks to the shared sequence. */
    public String nextId(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('incident_seq')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return String.format("INC-%s-%06d", DAY.format(now), rs.getLong(1));
        }
    }

    /** The newest open incident of a camera and type whose last alert is at or after {@code since}, locked. */
    public Optional<Incident> openForMerge(Connection c, String cameraId, AlertType type, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE camera_id=? AND type=? "
                + "AND state NOT IN ('CLOSED','EVALUATED') AND last_alert_at >= ? ORDER BY last_alert_at DESC LIMIT 1 FOR UPDATE")) {
            ps.setString(1, cameraId);
            ps.setString(2, type.name());
            Sql.setInstant(ps, 3, since);
            return one(ps);
        }
    }

    public void insert(Connection c, Incident i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidents (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, i.id());
            ps.setString(2, i.type().name());
            ps.setString(3, i.state().name());
            ps.setString(4, i.gridCode());
            ps.setString(5, i.cameraId());
            Sql.setDouble(ps, 6, i.lat());
            Sql.setDouble(ps, 7, i.lon());
            Sql.setInstant(ps, 8, i.firstAlertAt());
            Sql.setInstant(ps, 9, i.lastAlertAt());
            ps.setInt(10, i.alertCount());
            ps.setInt(11, i.peopleCount());
            ps.setString(12, i.snapshotUri());
            Sql.setInstant(ps, 13, i.createdAt());
            ps.setString(14, i.acceptedBy());
            Sql.setInstant(ps, 15, i.acceptedAt());
            ps.executeUpdate();
        }
    }

    /** Writes the mutable fields of an incident (counts, times, snapshot, state, acceptance). */
    public void update(Connection c, Incident i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET state=?, last_alert_at=?, alert_count=?, "
                + "people_count=?, snapshot_uri=?, accepted_by=?, accepted_at=?, grid_code=? WHERE id=?")) {
            ps.setString(1, i.state().name());
            Sql.setInstant(ps, 2, i.lastAlertAt());
            ps.setInt(3, i.alertCount());
            ps.setInt(4, i.peopleCount());
            ps.setString(5, i.snapshotUri());
            ps.setString(6, i.acceptedBy());
            Sql.setInstant(ps, 7, i.acceptedAt());
            ps.setString(8, i.gridCode());
            ps.setString(9, i.id());
            ps.executeUpdate();
        }
    }

    public Optional<Incident> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE id=?")) {
            ps.setString(1, id);
            return one(ps);
        }
    }

    /** Reads and row-locks one incident for a state change. */
    public Optional<Incident> lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE id=? FOR UPDATE")) {
            ps.setString(1, id);
            return one(ps);
        }
    }

    /** The newest incidents first. */
    public List<Incident> recent(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents ORDER BY created_at DESC, id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            return many(ps);
        }
    }

    /** The newest incidents that were pushed to one worker. */
    public List<Incident> recentForWorker(Connection c, String workerId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE id IN "
                + "(SELECT incident_id FROM pushes WHERE worker_id=?) ORDER BY created_at DESC, id DESC LIMIT ?")) {
            ps.setString(1, workerId);
            ps.setInt(2, limit);
            return many(ps);
        }
    }

    /** Appends one audit record; never updated or deleted. */
    public void appendEvent(Connection c, String incidentId, Instant at, String actor, String action, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO incident_events (incident_id, occurred_at, actor, action, detail) VALUES (?,?,?,?,?)")) {
            ps.setString(1, incidentId);
            Sql.setInstant(ps, 2, at);
            ps.setString(3, actor);
            ps.setString(4, action);
            ps.setString(5, detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000));
            ps.executeUpdate();
        }
    }

    /** The audit trail of one incident, oldest first. */
    public List<IncidentEvent> events(Connection c, String incidentId) throws SQLException {
        List<IncidentEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT occurred_at, actor, action, detail FROM incident_events "
                + "WHERE incident_id=? ORDER BY id")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new IncidentEvent(Sql.getInstant(rs, "occurred_at"), rs.getString("actor"),
                            rs.getString("action"), rs.getString("detail")));
                }
            }
        }
        return out;
    }

    private static Optional<Incident> one(PreparedStatement ps) throws SQLException {
        List<Incident> l = many(ps);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private static List<Incident> many(PreparedStatement ps) throws SQLException {
        List<Incident> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Incident(rs.getString("id"), AlertType.valueOf(rs.getString("type")),
                        IncidentState.valueOf(rs.getString("state")), rs.getString("grid_code"), rs.getString("camera_id"),
                        Sql.getDouble(rs, "lat"), Sql.getDouble(rs, "lon"), Sql.getInstant(rs, "first_alert_at"),
                        Sql.getInstant(rs, "last_alert_at"), rs.getInt("alert_count"), rs.getInt("people_count"),
                        rs.getString("snapshot_uri"), Sql.getInstant(rs, "created_at"), rs.getString("accepted_by"),
                        Sql.getInstant(rs, "accepted_at")));
            }
        }
        return out;
    }
}
