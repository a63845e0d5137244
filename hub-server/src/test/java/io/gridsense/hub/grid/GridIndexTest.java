package io.gridsense.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridsense.hub.HubServer;
import io.gridsense.hub.TestData;
import io.gridsense.protocol.WireCodec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GridIndexTest {

    static DistrictFile demo;
    static GridIndex index;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = HubServer.class.getResourceAsStream(HubServer.DEMO_DISTRICT)) {
            demo = DistrictFile.parse(in, WireCodec.newMapper(), Instant.EPOCH);
        }
        index = new GridIndex(demo.grids(), WireCodec.newMapper());
    }

    @Test
    void demoDistrictHasTheHierarchyAndEnoughWorkers() {
        assertThat(demo.grids()).extracting(Grid::level).contains(GridLevel.DISTRICT, GridLevel.STREET,
                GridLevel.COMMUNITY, GridLevel.GRID);
        assertThat(demo.grids().stream().filter(g -> g.level() == GridLevel.GRID)).hasSize(4);
        assertThat(demo.workers()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(demo.workers()).anyMatch(w -> !w.onDuty());
    }

    @Test
    void cameraCentresFallInTheirGrids() {
        assertThat(index.locate(TestData.SW.lat(), TestData.SW.lon())).map(Grid::code).hasValue("330106001001-01");
        assertThat(index.locate(TestData.SE.lat(), TestData.SE.lon())).map(Grid::code).hasValue("330106001001-02");
        assertThat(index.locate(TestData.NW.lat(), TestData.NW.lon())).map(Grid::code).hasValue("330106001001-03");
        assertThat(index.locate(TestData.NE.lat(), TestData.NE.lon())).map(Grid::code).hasValue("330106001001-04");
    }

    @Test
    void deepestLevelWinsAndOutsideIsEmpty() {
        // inside the street but outside the community
        assertThat(index.locate(30.268, 120.147)).map(Grid::level).hasValue(GridLevel.STREET);
        // inside the district only
        assertThat(index.locate(30.290, 120.135)).map(Grid::code).hasValue("330106000000");
        // far away
        assertThat(index.locate(31.23, 121.47)).isEmpty();
    }

    @Test
    void boundaryPointBelongsToAGridNotTheCommunity() {
        assertThat(index.locate(30.2735, 120.154)).map(Grid::level).hasValue(GridLevel.GRID);
    }

    @Test
    void badGeometryIsRefusedWithItsCode() {
        String json = "{\"grids\":{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"code\":\"X1\",\"level\":\"grid\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}}";
        assertThatThrownBy(() -> DistrictFile.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                WireCodec.newMapper(), Instant.EPOCH)).hasMessageContaining("unsupported geometry type 'Point'");
    }

    @Test
    void haversineMatchesAKnownDistance() {
        // 0.004° of longitude at 30.27°N ≈ 384.6 m
        assertThat(GeoMath.distanceMeters(30.27175, 120.152, 30.27175, 120.156)).isBetween(383.0, 386.0);
    }
}
