package io.gridsense.hub.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.MutableClock;
import io.gridsense.hub.TestData;
import io.gridsense.hub.TestDatabases;
import io.gridsense.hub.camera.CameraRepository;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.grid.GridRepository;
import io.gridsense.hub.incident.IncidentChange;
import io.gridsense.hub.incident.IncidentRepository;
import io.gridsense.hub.incident.IncidentService;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.WireCodec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** V3: the merge index leaves out what a merge writes, and on PostgreSQL a merge is a heap-only (HOT) update. */
class HotMergeMigrationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void mergeIndexHoldsNoColumnAMergeWrites(String kind) throws Exception {
        try (TestDatabases.TestDb tdb = kind.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
             Database db = Database.open(tdb.url(), tdb.user(), tdb.password())) {
            List<String> columns = db.<List<String>>read(c -> indexColumns(c, "incidents_merge"));
            assertThat(columns).containsExactly("camera_id", "type", "state");
        }
    }

    @Test
    void aMergeOnPostgresqlIsAHeapOnlyUpdate() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.postgres();
             Database db = Database.open(tdb.url(), tdb.user(), tdb.password())) {
            String options = db.read(c -> string(c, "SELECT array_to_string(reloptions, ',') FROM pg_class "
                    + "WHERE oid = 'incidents'::regclass"));
            assertThat(options).isEqualTo("fillfactor=" + V3__HotIncidentMerges.INCIDENTS_FILLFACTOR);
            IncidentService service = new IncidentService(new IncidentRepository(), new CameraRepository(),
                    new GridDirectory(db, new GridRepository(), WireCodec.newMapper()), Duration.ofMinutes(10), clock);
            IncidentChange created = db.tx(c -> apply(c, service, alert("HOT-0001")));
            clock.advance(Duration.ofMinutes(1));
            long[] updates = db.tx(c -> {
                IncidentChange merged = apply(c, service, alert("HOT-0002"));
                assertThat(merged.created()).isFalse();
                assertThat(merged.incident().id()).isEqualTo(created.incident().id());
                // this transaction's own counters: exact, unlike the cumulative statistics that are flushed later
                return new long[] {
                    Long.parseLong(string(c, "SELECT pg_stat_get_xact_tuples_updated('incidents'::regclass)")),
                    Long.parseLong(string(c, "SELECT pg_stat_get_xact_tuples_hot_updated('incidents'::regclass)"))};
            });
            assertThat(updates).containsExactly(1, 1);
        }
    }

    private Alert alert(String id) {
        return TestData.alert(id, "s1", "agent-1", "cam-hot", AlertType.GATHERING, clock.instant(), 5,
                new GeoPoint(30.27175, 120.152));
    }

    /** The ingest's batch path (camera lock, one merge lookup, MERGE statement) for one alert. */
    private static IncidentChange apply(Connection c, IncidentService service, Alert a) throws SQLException {
        return service.applyAlerts(c, List.of(a), service.lockCameras(c, List.of(a))).get(0);
    }

    private static List<String> indexColumns(Connection c, String index) throws SQLException {
        TreeMap<Integer, String> byPosition = new TreeMap<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, c.getSchema(), "incidents", false, false)) {
            while (rs.next()) {
                if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                    byPosition.put((int) rs.getShort("ORDINAL_POSITION"), rs.getString("COLUMN_NAME").toLowerCase());
                }
            }
        }
        return new ArrayList<>(byPosition.values());
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
