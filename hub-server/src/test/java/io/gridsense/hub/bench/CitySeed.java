package io.gridsense.hub.bench;

import io.gridsense.hub.db.Sql;
import io.gridsense.hub.grid.Grid;
import io.gridsense.hub.worker.Worker;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;

/** Loads a generated city into a migrated database with batched inserts (the district upsert is row by row). */
final class CitySeed {

    private CitySeed() {
    }

    static void load(String url, String user, CityGenerator.City city) throws Exception {
        String batched = url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        try (Connection c = DriverManager.getConnection(batched, user, "")) {
            c.setAutoCommit(false);
            Instant now = Instant.now();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO grids (code, name, grid_level, parent_code, polygon, "
                    + "updated_at) VALUES (?,?,?,?,?,?)")) {
                int n = 0;
                for (Grid g : city.grids()) {
                    ps.setString(1, g.code());
                    ps.setString(2, g.name());
                    ps.setString(3, g.level().wireName());
                    ps.setString(4, g.parentCode());
                    ps.setString(5, g.geometry());
                    Sql.setInstant(ps, 6, now);
                    ps.addBatch();
                    if (++n % 5000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO workers (id, name, grid_code, phone, on_duty, lat, lon, "
                    + "position_at) VALUES (?,?,?,?,?,?,?,?)")) {
                int n = 0;
                for (Worker w : city.workers()) {
                    ps.setString(1, w.id());
                    ps.setString(2, w.name());
                    ps.setString(3, w.gridCode());
                    ps.setString(4, w.phone());
                    ps.setBoolean(5, w.onDuty());
                    ps.setDouble(6, w.lat());
                    ps.setDouble(7, w.lon());
                    Sql.setInstant(ps, 8, w.positionAt());
                    ps.addBatch();
                    if (++n % 5000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }
}
