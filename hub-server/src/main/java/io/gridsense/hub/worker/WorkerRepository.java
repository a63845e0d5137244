package io.gridsense.hub.worker;

import io.gridsense.hub.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The workers table. */
public final class WorkerRepository {

    private static final String COLUMNS = "id, name, grid_code, phone, on_duty, lat, lon, position_at";

    /** Inserts or replaces one worker. */
    public void upsert(Connection c, Worker w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO workers (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?) "
                + "ON CONFLICT DO NOTHING")) {
            ps.setString(1, w.id());
            ps.setString(2, w.name());
            ps.setString(3, w.gridCode());
            ps.setString(4, w.phone());
            ps.setBoolean(5, w.onDuty());
            Sql.setDouble(ps, 6, w.lat());
            Sql.setDouble(ps, 7, w.lon());
            Sql.setInstant(ps, 8, w.positionAt());
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE workers SET name=?, grid_code=?, phone=?, on_duty=?, lat=?, lon=?, position_at=? WHERE id=?")) {
            ps.setString(1, w.name());
            ps.setString(2, w.gridCode());
            ps.setString(3, w.phone());
            ps.setBoolean(4, w.onDuty());
            Sql.setDouble(ps, 5, w.lat());
            Sql.setDouble(ps, 6, w.lon());
            Sql.setInstant(ps, 7, w.positionAt());
            ps.setString(8, w.id());
            ps.executeUpdate();
        }
    }

    /** Sets duty; false when there is no such worker. */
    public boolean setDuty(Connection c, String id, boolean onDuty, java.time.Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workers SET on_duty=?, duty_changed_at=? WHERE id=?")) {
            ps.setBoolean(1, onDuty);
            Sql.setInstant(ps, 2, at);
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Moves the last known position, unless a newer one is already stored; false for an unknown worker. */
    public boolean setPosition(Connection c, String id, double lat, double lon, java.time.Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workers SET lat=?, lon=?, position_at=? WHERE id=? "
                + "AND (position_at IS NULL OR position_at <= ?)")) {
            ps.setDouble(1, lat);
            ps.setDouble(2, lon);
            Sql.setInstant(ps, 3, at);
            ps.setString(4, id);
            Sql.setInstant(ps, 5, at);
            ps.executeUpdate();
        }
        return find(c, id).isPresent();
    }

    /** On-duty workers of one grid: the grid owners a push always reaches. */
    public List<Worker> onDutyInGrid(Connection c, String gridCode) throws SQLException {
        List<Worker> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM workers WHERE grid_code=? AND on_duty = TRUE "
                + "ORDER BY id")) {
            ps.setString(1, gridCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
        }
        return out;
    }

    /**
     * {@link #onDutyInGrid} for several grids with one statement (the grids as one array parameter, so the text is
     * the same for every batch): the ingest plans the pushes of a batch's new incidents with one round-trip for
     * their grids' owners instead of one per grid. Every grid asked for is in the map, by id order within a grid.
     */
    public java.util.Map<String, List<Worker>> onDutyInGrids(Connection c, java.util.Collection<String> gridCodes)
            throws SQLException {
        java.util.Map<String, List<Worker>> out = new java.util.HashMap<>();
        if (gridCodes.isEmpty()) {
            return out;
        }
        gridCodes.forEach(g -> out.put(g, new ArrayList<>()));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM workers WHERE grid_code = ANY(?) "
                + "AND on_duty = TRUE ORDER BY id")) {
            ps.setArray(1, c.createArrayOf("varchar", gridCodes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Worker w = map(rs);
                    out.get(w.gridCode()).add(w);
                }
            }
        }
        return out;
    }

    /** Every worker, by id. */
    public List<Worker> all(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM workers ORDER BY id");
    }

    /** Workers on duty now; the push candidates. */
    public List<Worker> onDuty(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM workers WHERE on_duty = TRUE ORDER BY id");
    }

    public Optional<Worker> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM workers WHERE id=?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static List<Worker> query(Connection c, String sql) throws SQLException {
        List<Worker> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    private static Worker map(ResultSet rs) throws SQLException {
        return new Worker(rs.getString("id"), rs.getString("name"), rs.getString("grid_code"), rs.getString("phone"),
                rs.getBoolean("on_duty"), Sql.getDouble(rs, "lat"), Sql.getDouble(rs, "lon"),
                Sql.getInstant(rs, "position_at"));
    }
}
