package io.gridsense.hub.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.deadline.DeadlinePolicy;
import io.gridsense.hub.grid.GridLevel;
import io.gridsense.hub.incident.Incident;
import io.gridsense.hub.incident.LoopAction;
import io.gridsense.hub.incident.LoopFixtures;
import io.gridsense.protocol.AlertType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 结案率, 按期结案率, 返工率 and mean times from a known history, per grid and per street, on H2 and PostgreSQL. */
class IndicatorServiceTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ratesAndMeanTimesOfAKnownHistory(boolean postgres) throws Exception {
        try (var f = LoopFixtures.open(postgres, DeadlinePolicy.defaults())) {
            Instant start = f.now();
            Incident i1 = f.alertIncident("cam-i1", AlertType.FIGHT);
            Incident i2 = f.alertIncident("cam-i2", AlertType.GATHERING);
            Incident i3 = f.alertIncident("cam-i3", AlertType.FIGHT);
            f.alertIncident("cam-i4", AlertType.GATHERING);                  // still REPORTED
            f.act(i3.id(), LoopAction.REJECT, "operator:op-1");             // a false alarm: not a case to close
            f.advance(Duration.ofMinutes(10));
            for (Incident i : List.of(i1, i2)) {
                f.act(i.id(), LoopAction.ACCEPT, "operator:op-1");
                f.act(i.id(), LoopAction.DISPATCH, "operator:op-1");
            }
            f.advance(Duration.ofMinutes(5));
            for (Incident i : List.of(i1, i2)) {
                f.act(i.id(), LoopAction.ARRIVE, "worker:w-01");
                f.act(i.id(), LoopAction.FEEDBACK, "worker:w-01");
            }
            f.act(i2.id(), LoopAction.REWORK, "operator:op-1");
            f.act(i2.id(), LoopAction.FEEDBACK, "worker:w-01");
            f.advance(Duration.ofMinutes(15));
            f.act(i1.id(), LoopAction.VERIFY, "operator:op-1");
            f.act(i2.id(), LoopAction.VERIFY, "operator:op-1");

            IndicatorService s = new IndicatorService(f.db(), f.grids());
            List<IndicatorRow> rows = s.compute(null, GridLevel.STREET, start.minusSeconds(1), f.now());
            assertThat(rows).extracting(IndicatorRow::gridCode).containsExactly("330106001000", "ALL");
            IndicatorRow street = rows.get(0);
            assertThat(street.gridName()).contains("Beishan");
            assertThat(street.total()).isEqualTo(4);
            assertThat(street.rejected()).isEqualTo(1);
            assertThat(street.closed()).isEqualTo(2);
            assertThat(street.closureRate()).isEqualTo(0.6667);
            assertThat(street.onTimeRate()).isEqualTo(1.0);
            assertThat(street.reworkRate()).isEqualTo(0.5);
            assertThat(street.meanSecsToDispatch()).isEqualTo(600.0);
            assertThat(street.meanSecsToArrive()).isEqualTo(300.0);
            assertThat(street.meanSecsToClose()).isEqualTo(1800.0);
            assertThat(rows.get(1).total()).isEqualTo(4);

            assertThat(s.compute(null, GridLevel.GRID, start.minusSeconds(1), f.now()))
                    .extracting(IndicatorRow::gridCode).containsExactly("330106001001-01", "ALL");
            // another street's scope sees none of it; a period before it, nothing either
            assertThat(s.compute("/330106000000/330106002000/", GridLevel.GRID, start.minusSeconds(1), f.now()))
                    .singleElement().extracting(IndicatorRow::total).isEqualTo(0L);
            assertThat(s.compute(null, GridLevel.GRID, start.minusSeconds(100), start.minusSeconds(1)).get(0).closureRate())
                    .isNull();
            String csv = IndicatorService.csv(rows);
            assertThat(csv.split("\r\n")).hasSize(3);
            assertThat(csv).startsWith("grid_code,grid_name,level,total").contains("330106001000,北山街道 Beishan Street,street,4,1,2,2,1,0,0.6667,1.0,0.5,600.0,300.0,1800.0");
        }
    }
}
