package io.gridsense.hub.alert;

import io.gridsense.hub.db.Sql;
import io.gridsense.protocol.DeadLetter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The dead_letters table: every message that failed validation, with the reason. */
public final class DeadLetterRepository {

    public void insert(Connection c, DeadLetter d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dead_letters (topic, reason, excerpt, bytes, received_at) VALUES (?,?,?,?,?)")) {
            ps.setString(1, cut(d.topic(), 1024));
            ps.setString(2, cut(d.reason(), 2000));
            ps.setString(3, cut(d.payloadExcerpt(), 2000));
            ps.setInt(4, d.payloadBytes());
            Sql.setInstant(ps, 5, d.receivedAt());
            ps.executeUpdate();
        }
    }

    /** The newest dead letters first. */
    public List<DeadLetter> recent(Connection c, int limit) throws SQLException {
        List<DeadLetter> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT topic, reason, excerpt, bytes, received_at FROM dead_letters ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeadLetter(rs.getString("topic"), rs.getString("reason"), rs.getString("excerpt"),
                            rs.getInt("bytes"), Sql.getInstant(rs, "received_at")));
                }
            }
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? (s == null ? "" : s) : s.substring(0, max);
    }
}
