package io.gridsense.hub.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.TestDatabases;
import io.gridsense.hub.db.Database;
import io.gridsense.hub.db.StatisticsKeeperTest;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The batch merge lookup's plan does not depend on the table having planner statistics (real PostgreSQL). */
class MergeLookupPlanTest {

    /**
     * The batch merge lookup on a table that was never analysed, prepared once and run as the ingest runs it: after
     * its first five (custom) plans PostgreSQL's plan cache settles on the generic plan, which reads the merge index.
     * The former 200-value IN list was costed at every row: a sequential scan, kept because it looked cheaper.
     */
    @Test
    void mergeLookupUsesTheIndexWithoutStatistics() throws Exception {
        try (TestDatabases.TestDb pg = TestDatabases.postgres(); Database db = Database.open(pg.url(), pg.user(), "")) {
            StatisticsKeeperTest.fillIncidents(pg);
            assertThat(StatisticsKeeperTest.stat(pg, "last_analyze")).isNull();
            String sql = IncidentBatchStore.MERGE_LOOKUP
                    .replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2");
            StringBuilder cams = new StringBuilder("ARRAY[");
            for (int k = 0; k < 200; k++) {
                cams.append(k == 0 ? "" : ",").append("'cam-").append(k).append('\'');
            }
            cams.append("]::varchar[]");
            String plan = db.read(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PREPARE lookup(varchar[], timestamptz) AS " + sql);
                    for (int run = 0; run < 6; run++) { // the plan cache compares generic and custom after 5 runs
                        s.execute("EXECUTE lookup(" + cams + ", now() - interval '1 hour')");
                    }
                    StringBuilder out = new StringBuilder();
                    try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE lookup(" + cams + ", now() - interval '1 hour')")) {
                        while (rs.next()) {
                            out.append(rs.getString(1)).append('\n');
                        }
                    }
                    s.execute("DEALLOCATE lookup");
                    return out.toString();
                }
            });
            assertThat(plan).contains("incidents_merge").doesNotContain("Seq Scan");
        }
    }

}
