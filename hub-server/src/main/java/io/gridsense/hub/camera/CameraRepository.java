package io.gridsense.hub.camera;

import io.gridsense.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The cameras table. */
public final class CameraRepository {

    private static final String COLUMNS = "camera_id, agent_id, site, name, lat, lon, grid_code, online, last_status, updated_at";

    /** Creates a row for a camera first heard of (via an alert or status); an existing row is left alone. */
    public void ensure(Connection c, String cameraId, String agentId, String site, Double lat, Double lon,
                       String gridCode, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cameras (camera_id, agent_id, site, lat, lon, grid_code, "
                + "online, updated_at) VALUES (?,?,?,?,?,?,FALSE,?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, cameraId);
            ps.setString(2, agentId);
            ps.setString(3, site);
            Sql.setDouble(ps, 4, lat);
            Sql.setDouble(ps, 5, lon);
            ps.setString(6, gridCode);
            Sql.setInstant(ps, 7, now);
            ps.executeUpdate();
        }
    }

    /**
     * Reads and row-locks a camera until the transaction ends. Alerts of one camera are serialised on this
     * lock, which makes the incident merge safe with several hubs on one database.
     */
    public Optional<Camera> lock(Connection c, String cameraId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM cameras WHERE camera_id=? FOR UPDATE", cameraId);
    }

    /**
     * Row-locks several cameras with one statement, in camera id order (every hub locks in that order, so two
     * batches sharing cameras wait for each other instead of deadlocking); returns those that exist, by id.
     * One placeholder per id, not an array parameter: with {@code = ANY(?)} the server's cached generic plan
     * costs the array at 10 elements and, on a table not analysed yet (4,000 rows), scans the whole table for every
     * batch (6.3 ms, growing with the table, against 0.2 ms by the key), until the next ANALYZE.
     */
    public java.util.Map<String, Camera> lockAll(Connection c, java.util.Collection<String> cameraIds) throws SQLException {
        java.util.Map<String, Camera> out = new java.util.HashMap<>();
        if (cameraIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cameras WHERE camera_id IN ("
                + Sql.placeholders(cameraIds.size()) + ") ORDER BY camera_id FOR UPDATE")) {
            int k = 1;
            for (String id : cameraIds) {
                ps.setString(k++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Camera cam = map(rs);
                    out.put(cam.cameraId(), cam);
                }
            }
        }
        return out;
    }

    /** A camera first heard of through an alert: what {@link #ensureAll} creates its row from. */
    public record NewCamera(String cameraId, String agentId, String site, Double lat, Double lon, String gridCode) {
    }

    /** {@link #ensure} for several cameras as one JDBC batch, in the order given (callers sort by id). */
    public void ensureAll(Connection c, List<NewCamera> cams, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cameras (camera_id, agent_id, site, lat, lon, grid_code, "
                + "online, updated_at) VALUES (?,?,?,?,?,?,FALSE,?) ON CONFLICT DO NOTHING")) {
            for (NewCamera n : cams) {
                ps.setString(1, n.cameraId());
                ps.setString(2, n.agentId());
                ps.setString(3, n.site());
                Sql.setDouble(ps, 4, n.lat());
                Sql.setDouble(ps, 5, n.lon());
                ps.setString(6, n.gridCode());
                Sql.setInstant(ps, 7, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<Camera> find(Connection c, String cameraId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM cameras WHERE camera_id=?", cameraId);
    }

    /** Applies a status message; position and name only when the status carries them. */
    public void updateStatus(Connection c, String cameraId, String agentId, String name, Double lat, Double lon,
                             String gridCode, boolean online, String statusJson, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE cameras SET agent_id=?, name=COALESCE(?, name), "
                + "lat=COALESCE(?, lat), lon=COALESCE(?, lon), grid_code=COALESCE(?, grid_code), online=?, last_status=?, "
                + "updated_at=? WHERE camera_id=?")) {
            ps.setString(1, agentId);
            ps.setString(2, name);
            Sql.setDouble(ps, 3, lat);
            Sql.setDouble(ps, 4, lon);
            ps.setString(5, gridCode);
            ps.setBoolean(6, online);
            ps.setString(7, statusJson);
            Sql.setInstant(ps, 8, now);
            ps.setString(9, cameraId);
            ps.executeUpdate();
        }
    }

    /** Marks every camera of an agent offline (the agent's last will said it went away); returns their ids. */
    public List<String> markAgentOffline(Connection c, String agentId, Instant now) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT camera_id FROM cameras WHERE agent_id=? AND online=TRUE")) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE cameras SET online=FALSE, updated_at=? WHERE agent_id=?")) {
            Sql.setInstant(ps, 1, now);
            ps.setString(2, agentId);
            ps.executeUpdate();
        }
        return ids;
    }

    /** Every camera by id. */
    public List<Camera> all(Connection c) throws SQLException {
        List<Camera> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cameras ORDER BY camera_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    private static Optional<Camera> one(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static Camera map(ResultSet rs) throws SQLException {
        return new Camera(rs.getString("camera_id"), rs.getString("agent_id"), rs.getString("site"), rs.getString("name"),
                Sql.getDouble(rs, "lat"), Sql.getDouble(rs, "lon"), rs.getString("grid_code"), rs.getBoolean("online"),
                rs.getString("last_status"), Sql.getInstant(rs, "updated_at"));
    }
}
