package io.gridsense.hub.access;

import io.gridsense.hub.db.Sql;
import io.gridsense.hub.incident.CommandLevel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The users table. */
public final class UserRepository {

    /** A user and their stored password hash, for the login check only. */
    public record Stored(User user, String passwordHash) {
    }

    /** Inserts or replaces a user (the hash too). */
    public void upsert(Connection c, User u, String passwordHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, password_hash, role, scope_code, "
                + "command_level, display_name, disabled, created_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, u.username());
            ps.setString(2, passwordHash);
            ps.setString(3, u.role().name());
            ps.setString(4, u.scopeCode());
            ps.setString(5, u.level() == null ? null : u.level().name());
            ps.setString(6, u.displayName());
            ps.setBoolean(7, u.disabled());
            Sql.setInstant(ps, 8, now);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash=?, role=?, scope_code=?, "
                + "command_level=?, display_name=?, disabled=? WHERE username=?")) {
            ps.setString(1, passwordHash);
            ps.setString(2, u.role().name());
            ps.setString(3, u.scopeCode());
            ps.setString(4, u.level() == null ? null : u.level().name());
            ps.setString(5, u.displayName());
            ps.setBoolean(6, u.disabled());
            ps.setString(7, u.username());
            ps.executeUpdate();
        }
    }

    public Optional<Stored> find(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE username=?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(map(rs), rs.getString("password_hash"))) : Optional.empty();
            }
        }
    }

    public List<User> all(Connection c) throws SQLException {
        List<User> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users ORDER BY username"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    private static User map(ResultSet rs) throws SQLException {
        String level = rs.getString("command_level");
        return new User(rs.getString("username"), Role.valueOf(rs.getString("role")), rs.getString("scope_code"),
                level == null ? null : CommandLevel.valueOf(level), rs.getString("display_name"), rs.getBoolean("disabled"));
    }
}
