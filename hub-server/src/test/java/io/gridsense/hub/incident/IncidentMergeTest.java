package io.gridsense.hub.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridsense.hub.MutableClock;
import io.gridsense.hub.TestData;
import io.gridsense.hub.TestDatabases;
import io.gridsense.hub.alert.AlertRepository;
import io.gridsense.hub.camera.CameraRepository;
import io.gridsense.hub.db.Database;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.hub.grid.GridRepository;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.WireCodec;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentMergeTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
    private final AtomicInteger seq = new AtomicInteger();
    private TestDatabases.TestDb tdb;
    private Database db;
    private IncidentService service;
    private final AlertRepository alerts = new AlertRepository();

    @BeforeEach
    void open() {
        tdb = TestDatabases.h2();
        db = Database.open(tdb.url(), tdb.user(), tdb.password());
        GridDirectory grids = new GridDirectory(db, new GridRepository(), WireCodec.newMapper());
        service = new IncidentService(new IncidentRepository(), new CameraRepository(), grids, Duration.ofMinutes(10), clock);
    }

    @AfterEach
    void close() {
        db.close();
        tdb.close();
    }

    private IncidentChange alert(String camera, AlertType type, int people) {
        Alert a = TestData.alert("ALERT-MERGE-" + String.format("%04d", seq.incrementAndGet()), "s1", "agent-1", camera,
                type, clock.instant(), people, new GeoPoint(30.27175, 120.152));
        return db.tx(c -> {
            alerts.insertIfNew(c, a, "{}", clock.instant());
            return service.applyAlert(c, a);
        });
    }

    @Test
    void alertsWithinTheWindowMerge() {
        IncidentChange first = alert("cam-1", AlertType.GATHERING, 5);
        clock.advance(Duration.ofMinutes(6));
        IncidentChange second = alert("cam-1", AlertType.GATHERING, 9);
        clock.advance(Duration.ofMinutes(9)); // 9 min after the last alert, 15 after the first: still within
        IncidentChange third = alert("cam-1", AlertType.GATHERING, 7);

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(third.created()).isFalse();
        assertThat(third.incident().id()).isEqualTo(first.incident().id());
        assertThat(third.incident().alertCount()).isEqualTo(3);
        assertThat(third.incident().peopleCount()).isEqualTo(9);
        assertThat(third.incident().lastAlertAt()).isEqualTo(clock.instant());
        assertThat(third.incident().firstAlertAt()).isEqualTo(first.incident().firstAlertAt());
    }

    @Test
    void aGapLongerThanTheWindowStartsANewIncident() {
        IncidentChange first = alert("cam-1", AlertType.GATHERING, 5);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        IncidentChange second = alert("cam-1", AlertType.GATHERING, 5);
        assertThat(second.created()).isTrue();
        assertThat(second.incident().id()).isNotEqualTo(first.incident().id());
    }

    @Test
    void otherTypeOrOtherCameraDoesNotMerge() {
        IncidentChange a = alert("cam-1", AlertType.GATHERING, 5);
        IncidentChange b = alert("cam-1", AlertType.FIGHT, 2);
        IncidentChange c = alert("cam-2", AlertType.GATHERING, 5);
        assertThat(b.created()).isTrue();
        assertThat(c.created()).isTrue();
        assertThat(a.incident().id()).isNotEqualTo(b.incident().id()).isNotEqualTo(c.incident().id());
    }

    @Test
    void aClosedIncidentTakesNoMoreAlerts() {
        IncidentChange first = alert("cam-1", AlertType.GATHERING, 5);
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET state='CLOSED' WHERE id=?")) {
                ps.setString(1, first.incident().id());
                ps.executeUpdate();
            }
            return null;
        });
        assertThat(alert("cam-1", AlertType.GATHERING, 5).created()).isTrue();
    }

    @Test
    void acceptOnlyFromReported() {
        IncidentChange first = alert("cam-1", AlertType.FIGHT, 2);
        Incident accepted = db.tx(c -> service.accept(c, first.incident().id(), "operator:op-1"));
        assertThat(accepted.state()).isEqualTo(IncidentState.ACCEPTED);
        assertThat(accepted.acceptedBy()).isEqualTo("operator:op-1");
        assertThatThrownBy(() -> db.tx(c -> service.accept(c, first.incident().id(), "worker:w-01")))
                .isInstanceOf(IncidentConflictException.class).hasMessageContaining("ACCEPTED");
        assertThatThrownBy(() -> db.tx(c -> service.accept(c, "INC-NOPE", "worker:w-01")))
                .isInstanceOf(IncidentNotFoundException.class);
    }

    @Test
    void theLoopAllowsOnlyItsTransitions() {
        assertThat(IncidentState.REPORTED.canGoTo(IncidentState.ACCEPTED)).isTrue();
        assertThat(IncidentState.REPORTED.canGoTo(IncidentState.HANDLED)).isFalse();
        assertThat(IncidentState.HANDLED.canGoTo(IncidentState.CLOSED)).isTrue();
        assertThat(IncidentState.CLOSED.canGoTo(IncidentState.EVALUATED)).isTrue();
        assertThat(IncidentState.EVALUATED.next()).isEmpty();
        assertThat(IncidentState.CLOSED.isOpen()).isFalse();
    }
}
