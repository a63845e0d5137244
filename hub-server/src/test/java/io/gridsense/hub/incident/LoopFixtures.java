package io.gridsense.hub.incident;

import io.gridsense.hub.db.Database;
import io.gridsense.hub.deadline.DeadlinePolicy;
import io.gridsense.hub.grid.GridDirectory;
import io.gridsense.protocol.AlertType;
import java.time.Duration;
import java.time.Instant;

/** Opens {@link LoopFixture} for tests in other packages. */
public final class LoopFixtures {

    private LoopFixtures() {
    }

    /** What tests outside this package use of the fixture. */
    public interface Handle extends AutoCloseable {
        Incident alertIncident(String camera, AlertType type);

        Incident act(String id, LoopAction a, String actor);

        Instant now();

        void advance(Duration d);

        Database db();

        GridDirectory grids();

        @Override
        void close();
    }

    public static Handle open(boolean postgres, DeadlinePolicy deadlines) throws Exception {
        LoopFixture f = new LoopFixture(postgres, deadlines);
        return new Handle() {
            public Incident alertIncident(String camera, AlertType type) {
                return f.alertIncident(camera, type);
            }

            public Incident act(String id, LoopAction a, String actor) {
                return f.act(id, a, actor);
            }

            public Instant now() {
                return f.clock.instant();
            }

            public void advance(Duration d) {
                f.clock.advance(d);
            }

            public Database db() {
                return f.db;
            }

            public GridDirectory grids() {
                return f.grids;
            }

            public void close() {
                f.close();
            }
        };
    }
}
