package io.gridsense.hub.worker;

import io.gridsense.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The worker_positions table: every reported position, for trajectories and their playback. */
public final class PositionRepository {

    /** Appends positions of one worker in one batch. */
    public void append(Connection c, String workerId, List<Position> positions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO worker_positions (worker_id, pos_at, lat, lon, accuracy_m) VALUES (?,?,?,?,?)")) {
            for (Position p : positions) {
                ps.setString(1, workerId);
                Sql.setInstant(ps, 2, p.at());
                ps.setDouble(3, p.lat());
                ps.setDouble(4, p.lon());
                Sql.setDouble(ps, 5, p.accuracyMeters());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The positions of a worker in [from, to), oldest first, at most limit. */
    public List<Position> track(Connection c, String workerId, Instant from, Instant to, int limit) throws SQLException {
        List<Position> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT pos_at, lat, lon, accuracy_m FROM worker_positions "
                + "WHERE worker_id=? AND pos_at >= ? AND pos_at < ? ORDER BY pos_at LIMIT ?")) {
            ps.setString(1, workerId);
            Sql.setInstant(ps, 2, from);
            Sql.setInstant(ps, 3, to);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Position(Sql.getInstant(rs, "pos_at"), rs.getDouble("lat"), rs.getDouble("lon"),
                            Sql.getDouble(rs, "accuracy_m")));
                }
            }
        }
        return out;
    }
}
