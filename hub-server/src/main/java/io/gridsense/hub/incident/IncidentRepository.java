package io.gridsense.hub.incident;

import io.gridsense.hub.db.Sql;
import io.gridsense.protocol.AlertType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The incidents table (and, through {@link AuditLog}, its append-only audit trail). */
public final class IncidentRepository {

    static final String[] FIELDS = {"id", "type", "state", "grid_code", "camera_id", "lat", "lon",
        "first_alert_at", "last_alert_at", "alert_count", "people_count", "snapshot_uri", "created_at", "accepted_by",
        "accepted_at", "source", "category", "description", "reported_by", "handling_level", "grid_path", "assignee",
        "dispatched_at", "deadline_at", "arrived_at", "handled_at", "closed_at", "evaluated_at", "supervised_at",
        "rework_count", "supervisions", "escalations", "rating", "on_time", "feedback_note", "feedback_photo",
        "secs_to_dispatch", "secs_to_arrive", "secs_to_close"};
    static final String COLUMNS = String.join(", ", FIELDS);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final AuditLog audit = new AuditLog();

    /** The audit trail writer, for batch appends. */
    AuditLog audit() {
        return audit;
    }

    /** A new readable id, INC-yyyyMMdd-000123, unique across hubs thanks to the shared sequence. */
    public String nextId(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('incident_seq')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return String.format("INC-%s-%06d", DAY.format(now), rs.getLong(1));
        }
    }

    /**
     * n new ids with one statement (a batch of alerts that makes many incidents would otherwise pay a round-trip
     * per id), in ascending order. The row source differs: generate_series on PostgreSQL, SYSTEM_RANGE on H2.
     */
    public List<String> nextIds(Connection c, Instant now, int n) throws SQLException {
        List<String> out = new ArrayList<>(n);
        if (n <= 0) {
            return out;
        }
        boolean pg = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        // the count as a parameter: one statement text for every batch size, which the driver keeps prepared
        String rows = pg ? "generate_series(1, CAST(? AS INTEGER))" : "SYSTEM_RANGE(1, CAST(? AS INTEGER))";
        List<Long> values = new ArrayList<>(n);
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('incident_seq') FROM " + rows)) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getLong(1));
                }
            }
        }
        values.sort(null);
        for (long v : values) {
            out.add(String.format("INC-%s-%06d", DAY.format(now), v));
        }
        return out;
    }

    /** The newest open incident of a camera and type whose last alert is at or after {@code since}, locked. */
    public Optional<Incident> openForMerge(Connection c, String cameraId, AlertType type, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE camera_id=? AND type=? "
                + "AND state NOT IN ('CLOSED','EVALUATED','REJECTED') AND last_alert_at >= ? "
                + "ORDER BY last_alert_at DESC LIMIT 1 FOR UPDATE")) {
            ps.setString(1, cameraId);
            ps.setString(2, type.name());
            Sql.setInstant(ps, 3, since);
            return one(ps);
        }
    }

    public void insert(Connection c, Incident i) throws SQLException {
        StringBuilder q = new StringBuilder("INSERT INTO incidents (" + COLUMNS + ") VALUES (?");
        q.append(",?".repeat(FIELDS.length - 1)).append(')');
        try (PreparedStatement ps = c.prepareStatement(q.toString())) {
            ps.setString(1, i.id());
            bindMutable(ps, 2, i);
            ps.executeUpdate();
        }
    }

    /** Writes every field but the id. */
    public void update(Connection c, Incident i) throws SQLException {
        StringBuilder q = new StringBuilder("UPDATE incidents SET ");
        for (int f = 1; f < FIELDS.length; f++) {
            q.append(f == 1 ? "" : ", ").append(FIELDS[f]).append("=?");
        }
        q.append(" WHERE id=?");
        try (PreparedStatement ps = c.prepareStatement(q.toString())) {
            int next = bindMutable(ps, 1, i);
            ps.setString(next, i.id());
            ps.executeUpdate();
        }
    }

    /** Writes what a merged alert changes: last alert time, counts, snapshot (the hot path of ingest). */
    public void updateMerge(Connection c, Incident i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET last_alert_at=?, alert_count=?, people_count=?, "
                + "snapshot_uri=? WHERE id=?")) {
            Sql.setInstant(ps, 1, i.lastAlertAt());
            ps.setInt(2, i.alertCount());
            ps.setInt(3, i.peopleCount());
            ps.setString(4, i.snapshotUri());
            ps.setString(5, i.id());
            ps.executeUpdate();
        }
    }

    /** Binds fields 1.. (all but id) from index k; returns the next free index. */
    static int bindMutable(PreparedStatement ps, int k, Incident i) throws SQLException {
        IncidentLoop l = i.loop();
        ps.setString(k++, i.type().name());
        ps.setString(k++, i.state().name());
        ps.setString(k++, i.gridCode());
        ps.setString(k++, i.cameraId());
        Sql.setDouble(ps, k++, i.lat());
        Sql.setDouble(ps, k++, i.lon());
        Sql.setInstant(ps, k++, i.firstAlertAt());
        Sql.setInstant(ps, k++, i.lastAlertAt());
        ps.setInt(k++, i.alertCount());
        ps.setInt(k++, i.peopleCount());
        ps.setString(k++, i.snapshotUri());
        Sql.setInstant(ps, k++, i.createdAt());
        ps.setString(k++, i.acceptedBy());
        Sql.setInstant(ps, k++, i.acceptedAt());
        ps.setString(k++, l.source());
        ps.setString(k++, l.category());
        ps.setString(k++, l.description());
        ps.setString(k++, l.reportedBy());
        ps.setString(k++, l.level().name());
        ps.setString(k++, l.gridPath());
        ps.setString(k++, l.assignee());
        Sql.setInstant(ps, k++, l.dispatchedAt());
        Sql.setInstant(ps, k++, l.deadlineAt());
        Sql.setInstant(ps, k++, l.arrivedAt());
        Sql.setInstant(ps, k++, l.handledAt());
        Sql.setInstant(ps, k++, l.closedAt());
        Sql.setInstant(ps, k++, l.evaluatedAt());
        Sql.setInstant(ps, k++, l.supervisedAt());
        ps.setInt(k++, l.reworkCount());
        ps.setInt(k++, l.supervisions());
        ps.setInt(k++, l.escalations());
        setInt(ps, k++, l.rating());
        if (l.onTime() == null) {
            ps.setNull(k++, Types.BOOLEAN);
        } else {
            ps.setBoolean(k++, l.onTime());
        }
        ps.setString(k++, l.feedbackNote());
        ps.setString(k++, l.feedbackPhoto());
        setLong(ps, k++, secs(i.createdAt(), l.dispatchedAt()));
        setLong(ps, k++, secs(l.dispatchedAt(), l.arrivedAt()));
        // a false alarm's closing is no case closed: it stays out of the mean time to close
        setLong(ps, k++, i.state() == IncidentState.REJECTED ? null : secs(i.createdAt(), l.closedAt()));
        return k;
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
        return list(c, IncidentFilter.all(limit));
    }

    /** The newest incidents matching a filter. */
    public List<Incident> list(Connection c, IncidentFilter f) throws SQLException {
        StringBuilder q = new StringBuilder("SELECT " + COLUMNS + " FROM incidents WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (f.gridPathPrefix() != null) {
            q.append(" AND grid_path LIKE ?");
            args.add(f.gridPathPrefix() + "%");
        }
        if (f.withinPathPrefix() != null) {
            q.append(" AND grid_path LIKE ?");
            args.add(f.withinPathPrefix() + "%");
        }
        if (f.states() != null && !f.states().isEmpty()) {
            q.append(" AND state IN (").append(String.join(",", f.states().stream().map(s -> "'" + s.name() + "'").toList())).append(')');
        }
        if (f.category() != null) {
            q.append(" AND category=?");
            args.add(f.category());
        }
        if (f.level() != null) {
            q.append(" AND handling_level=?");
            args.add(f.level().name());
        }
        if (f.assignee() != null) {
            q.append(" AND assignee=?");
            args.add(f.assignee());
        }
        if (f.from() != null) {
            q.append(" AND created_at >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            q.append(" AND created_at < ?");
            args.add(f.to());
        }
        if (f.supervisedOnly()) {
            q.append(" AND supervisions > 0");
        }
        q.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(f.limit());
        try (PreparedStatement ps = c.prepareStatement(q.toString())) {
            for (int k = 0; k < args.size(); k++) {
                Object a = args.get(k);
                if (a instanceof Instant t) {
                    Sql.setInstant(ps, k + 1, t);
                } else if (a instanceof Integer n) {
                    ps.setInt(k + 1, n);
                } else {
                    ps.setString(k + 1, (String) a);
                }
            }
            return many(ps);
        }
    }

    /** Running incidents (dispatched, not verified) whose deadline is before {@code now}. */
    public List<String> overdueIds(Connection c, Instant now, int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM incidents WHERE state IN "
                + "('DISPATCHED','IN_PROGRESS','HANDLED') AND deadline_at < ? ORDER BY deadline_at LIMIT ?")) {
            Sql.setInstant(ps, 1, now);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The newest incidents that were pushed or dispatched to one worker. */
    public List<Incident> recentForWorker(Connection c, String workerId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE assignee=? OR id IN "
                + "(SELECT incident_id FROM pushes WHERE worker_id=?) ORDER BY created_at DESC, id DESC LIMIT ?")) {
            ps.setString(1, workerId);
            ps.setString(2, workerId);
            ps.setInt(3, limit);
            return many(ps);
        }
    }

    /** Appends one audit record (no state change); never updated or deleted. */
    public void appendEvent(Connection c, String incidentId, Instant at, String actor, String action, String detail)
            throws SQLException {
        audit.append(c, incidentId, at, actor, action, detail, null, null, null);
    }

    /** Appends one audit record of a transition. */
    public void appendTransition(Connection c, String incidentId, Instant at, String actor, String action, String detail,
                                 IncidentState from, IncidentState to, String evidence) throws SQLException {
        audit.append(c, incidentId, at, actor, action, detail, from, to, evidence);
    }

    /** The audit trail of one incident, oldest first. */
    public List<IncidentEvent> events(Connection c, String incidentId) throws SQLException {
        return audit.events(c, incidentId);
    }

    private static Optional<Incident> one(PreparedStatement ps) throws SQLException {
        List<Incident> l = many(ps);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    static List<Incident> many(PreparedStatement ps) throws SQLException {
        List<Incident> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    private static Incident map(ResultSet rs) throws SQLException {
        boolean onTime = rs.getBoolean("on_time");
        Boolean onTimeOrNull = rs.wasNull() ? null : onTime;
        int rating = rs.getInt("rating");
        Integer ratingOrNull = rs.wasNull() ? null : rating;
        IncidentLoop loop = new IncidentLoop(rs.getString("source"), rs.getString("category"), rs.getString("description"),
                rs.getString("reported_by"), CommandLevel.valueOf(rs.getString("handling_level")), rs.getString("grid_path"),
                rs.getString("assignee"), Sql.getInstant(rs, "dispatched_at"), Sql.getInstant(rs, "deadline_at"),
                Sql.getInstant(rs, "arrived_at"), Sql.getInstant(rs, "handled_at"), Sql.getInstant(rs, "closed_at"),
                Sql.getInstant(rs, "evaluated_at"), Sql.getInstant(rs, "supervised_at"), rs.getInt("rework_count"),
                rs.getInt("supervisions"), rs.getInt("escalations"), ratingOrNull, onTimeOrNull,
                rs.getString("feedback_note"), rs.getString("feedback_photo"));
        return new Incident(rs.getString("id"), AlertType.valueOf(rs.getString("type")),
                IncidentState.valueOf(rs.getString("state")), rs.getString("grid_code"), rs.getString("camera_id"),
                Sql.getDouble(rs, "lat"), Sql.getDouble(rs, "lon"), Sql.getInstant(rs, "first_alert_at"),
                Sql.getInstant(rs, "last_alert_at"), rs.getInt("alert_count"), rs.getInt("people_count"),
                rs.getString("snapshot_uri"), Sql.getInstant(rs, "created_at"), rs.getString("accepted_by"),
                Sql.getInstant(rs, "accepted_at"), loop);
    }

    private static Long secs(Instant a, Instant b) {
        return a == null || b == null ? null : Math.max(0, b.getEpochSecond() - a.getEpochSecond());
    }

    private static void setInt(PreparedStatement ps, int k, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(k, Types.INTEGER);
        } else {
            ps.setInt(k, v);
        }
    }

    private static void setLong(PreparedStatement ps, int k, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(k, Types.BIGINT);
        } else {
            ps.setLong(k, v);
        }
    }
}
