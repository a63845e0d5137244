package io.gridsense.hub.indicator;

import io.gridsense.hub.db.Database;
import io.gridsense.hub.db.Sql;
import io.gridsense.hub.grid.Grid;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.grid.GridLevel;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes {@link IndicatorRow}s: one portable GROUP BY over the incidents of a period (sums of the durations
 * fixed at each step), rolled up in memory to the grids of the requested level, plus a total row.
 */
public final class IndicatorService {

    private static final String ALL = "ALL";

    private final Database db;
    private final GridDirectory grids;

    public IndicatorService(Database db, GridDirectory grids) {
        this.db = db;
        this.grids = grids;
    }

    /** Sums of one group before the rates are taken. */
    private static final class Acc {
        long total, rejected, closed, onTime, reworked, supervised, dispatchN, arriveN, closeN;
        double dispatchS, arriveS, closeS;

        void add(Acc o) {
            total += o.total;
            rejected += o.rejected;
            closed += o.closed;
            onTime += o.onTime;
            reworked += o.reworked;
            supervised += o.supervised;
            dispatchN += o.dispatchN;
            arriveN += o.arriveN;
            closeN += o.closeN;
            dispatchS += o.dispatchS;
            arriveS += o.arriveS;
            closeS += o.closeS;
        }
    }

    /**
     * The indicators of cases created in [from, to) under a grid path prefix (null: all), one row per grid of
     * {@code level} (cases in no grid of that level go to "-"), then the total.
     */
    public List<IndicatorRow> compute(String pathPrefix, GridLevel level, Instant from, Instant to) {
        Map<String, Acc> perGrid = db.read(c -> {
            Map<String, Acc> m = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT grid_code, COUNT(*) AS n, "
                    + "SUM(CASE WHEN state='REJECTED' THEN 1 ELSE 0 END) AS rejected, "
                    + "SUM(CASE WHEN state IN ('CLOSED','EVALUATED') THEN 1 ELSE 0 END) AS closed, "
                    + "SUM(CASE WHEN state IN ('CLOSED','EVALUATED') AND on_time = TRUE THEN 1 ELSE 0 END) AS on_time, "
                    + "SUM(CASE WHEN state IN ('CLOSED','EVALUATED') AND rework_count > 0 THEN 1 ELSE 0 END) AS reworked, "
                    + "SUM(CASE WHEN supervisions > 0 THEN 1 ELSE 0 END) AS supervised, "
                    + "SUM(secs_to_dispatch) AS sd, COUNT(secs_to_dispatch) AS nd, SUM(secs_to_arrive) AS sa, "
                    + "COUNT(secs_to_arrive) AS na, SUM(secs_to_close) AS sc, COUNT(secs_to_close) AS nc "
                    + "FROM incidents WHERE created_at >= ? AND created_at < ?"
                    + (pathPrefix == null ? "" : " AND grid_path LIKE ?") + " GROUP BY grid_code")) {
                Sql.setInstant(ps, 1, from);
                Sql.setInstant(ps, 2, to);
                if (pathPrefix != null) {
                    ps.setString(3, pathPrefix + "%");
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Acc a = new Acc();
                        a.total = rs.getLong("n");
                        a.rejected = rs.getLong("rejected");
                        a.closed = rs.getLong("closed");
                        a.onTime = rs.getLong("on_time");
                        a.reworked = rs.getLong("reworked");
                        a.supervised = rs.getLong("supervised");
                        a.dispatchS = rs.getDouble("sd");
                        a.dispatchN = rs.getLong("nd");
                        a.arriveS = rs.getDouble("sa");
                        a.arriveN = rs.getLong("na");
                        a.closeS = rs.getDouble("sc");
                        a.closeN = rs.getLong("nc");
                        m.put(rs.getString("grid_code") == null ? "-" : rs.getString("grid_code"), a);
                    }
                }
            }
            return m;
        });
        Map<String, Acc> rolled = new TreeMap<>();
        Acc total = new Acc();
        perGrid.forEach((code, acc) -> {
            String key = "-".equals(code) ? "-" : grids.ancestorAt(code, level).map(Grid::code).orElse("-");
            rolled.computeIfAbsent(key, k -> new Acc()).add(acc);
            total.add(acc);
        });
        List<IndicatorRow> out = new ArrayList<>();
        rolled.forEach((code, acc) -> out.add(row(code, grids.byCode(code).map(Grid::name).orElse(null), level.wireName(), acc)));
        out.add(row(ALL, null, level.wireName(), total));
        return out;
    }

    private static IndicatorRow row(String code, String name, String level, Acc a) {
        long toClose = a.total - a.rejected;
        return new IndicatorRow(code, name, level, a.total, a.rejected, a.closed, a.onTime, a.reworked, a.supervised,
                ratio(a.closed, toClose), ratio(a.onTime, a.closed), ratio(a.reworked, a.closed),
                mean(a.dispatchS, a.dispatchN), mean(a.arriveS, a.arriveN), mean(a.closeS, a.closeN));
    }

    private static Double ratio(long n, long d) {
        return d <= 0 ? null : Math.round(10000.0 * n / d) / 10000.0;
    }

    private static Double mean(double sum, long n) {
        return n <= 0 ? null : Math.round(10.0 * sum / n) / 10.0;
    }

    /** The rows as CSV (RFC 4180 quoting of names), header first. */
    public static String csv(List<IndicatorRow> rows) {
        StringBuilder b = new StringBuilder("grid_code,grid_name,level,total,rejected,closed,closed_on_time,reworked,"
                + "supervised,closure_rate,on_time_rate,rework_rate,mean_secs_to_dispatch,mean_secs_to_arrive,"
                + "mean_secs_to_close\r\n");
        for (IndicatorRow r : rows) {
            b.append(quote(r.gridCode())).append(',').append(quote(r.gridName())).append(',').append(r.level()).append(',')
                    .append(r.total()).append(',').append(r.rejected()).append(',').append(r.closed()).append(',')
                    .append(r.closedOnTime()).append(',').append(r.reworked()).append(',').append(r.supervised()).append(',')
                    .append(n(r.closureRate())).append(',').append(n(r.onTimeRate())).append(',').append(n(r.reworkRate()))
                    .append(',').append(n(r.meanSecsToDispatch())).append(',').append(n(r.meanSecsToArrive())).append(',')
                    .append(n(r.meanSecsToClose())).append("\r\n");
        }
        return b.toString();
    }

    private static String n(Double d) {
        return d == null ? "" : String.valueOf(d);
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
