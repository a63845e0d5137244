package io.gridsense.hub.grid;

import io.gridsense.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The grids table. */
public final class GridRepository {

    /** Inserts or replaces one grid (insert-if-absent then update: portable and race-free). */
    public void upsert(Connection c, Grid g, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO grids (code, name, grid_level, parent_code, polygon, updated_at) VALUES (?,?,?,?,?,?) "
                        + "ON CONFLICT DO NOTHING")) {
            bind(ps, g, now);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE grids SET name=?, grid_level=?, parent_code=?, polygon=?, updated_at=? WHERE code=?")) {
            ps.setString(1, g.name());
            ps.setString(2, g.level().wireName());
            ps.setString(3, g.parentCode());
            ps.setString(4, g.geometry());
            Sql.setInstant(ps, 5, now);
            ps.setString(6, g.code());
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Grid g, Instant now) throws SQLException {
        ps.setString(1, g.code());
        ps.setString(2, g.name());
        ps.setString(3, g.level().wireName());
        ps.setString(4, g.parentCode());
        ps.setString(5, g.geometry());
        Sql.setInstant(ps, 6, now);
    }

    /** Every grid, coarse levels first. */
    public List<Grid> all(Connection c) throws SQLException {
        List<Grid> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT code, name, grid_level, parent_code, polygon FROM grids ORDER BY code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Grid(rs.getString("code"), rs.getString("name"), GridLevel.parse(rs.getString("grid_level")),
                        rs.getString("parent_code"), rs.getString("polygon")));
            }
        }
        out.sort((a, b) -> Integer.compare(a.level().depth(), b.level().depth()));
        return out;
    }
}
