package io.gridsense.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridsense.hub.HubServer;
import io.gridsense.protocol.WireCodec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Grid codes under the 12-digit administrative division scheme: levels, parents, and import errors. */
class GridCodeSchemeTest {

    private final GridCodeScheme plain = GridCodeScheme.parse("admin12+3+2");
    private final GridCodeScheme dashed = GridCodeScheme.parse("admin12-2-2");

    @Test
    void validCodesTellTheirLevelAndParent() {
        assertThat(plain.levelOf("330106000000")).contains(GridLevel.DISTRICT);
        assertThat(plain.parentOf("330106000000")).isEmpty();
        assertThat(plain.levelOf("330106001000")).contains(GridLevel.STREET);
        assertThat(plain.parentOf("330106001000")).contains("330106000000");
        assertThat(plain.levelOf("330106001002")).contains(GridLevel.COMMUNITY);
        assertThat(plain.parentOf("330106001002")).contains("330106001000");
        assertThat(plain.levelOf("330106001002007")).contains(GridLevel.GRID);
        assertThat(plain.parentOf("330106001002007")).contains("330106001002");
        assertThat(plain.levelOf("33010600100200703")).contains(GridLevel.MICROGRID);
        assertThat(plain.parentOf("33010600100200703")).contains("330106001002007");
        assertThat(dashed.levelOf("330106001001-01-02")).contains(GridLevel.MICROGRID);
        assertThat(dashed.parentOf("330106001001-01-02")).contains("330106001001-01");
        assertThat(dashed.spec()).isEqualTo("admin12-2-2");
        assertThat(plain.spec()).isEqualTo("admin12+3+2");
        assertThat(GridCodeScheme.FREE.levelOf("anything")).isEqualTo(Optional.empty());
    }

    @Test
    void invalidCodesAreRefusedNamingTheRule() {
        assertThatThrownBy(() -> plain.levelOf("3301060010")).hasMessageContaining("12-digit administrative division code");
        assertThatThrownBy(() -> plain.levelOf("33010600100A")).hasMessageContaining("12-digit");
        assertThatThrownBy(() -> plain.levelOf("330100000000")).hasMessageContaining("county part");
        assertThatThrownBy(() -> plain.levelOf("330106000001")).hasMessageContaining("street part");
        assertThatThrownBy(() -> plain.levelOf("330106001000001")).hasMessageContaining("grids lie in a community");
        assertThatThrownBy(() -> plain.levelOf("3301060010020071")).hasMessageContaining("3 digits (grid)");
        assertThatThrownBy(() -> plain.levelOf("330106001002000")).hasMessageContaining("grid part must be 3 digits, not all 0");
        assertThatThrownBy(() -> plain.levelOf("33010600100200700")).hasMessageContaining("micro-grid part");
        assertThatThrownBy(() -> dashed.levelOf("330106001001_01")).hasMessageContaining("'-' + 2 digits");
        assertThatThrownBy(() -> GridCodeScheme.parse("admin12+3")).hasMessageContaining("expected free, admin12+G+M");
        assertThatThrownBy(() -> GridCodeScheme.parse("admin12+0+2")).hasMessageContaining("1..9");
    }

    @Test
    void theDemoDistrictFollowsTheDashedScheme() throws Exception {
        try (InputStream in = HubServer.class.getResourceAsStream(HubServer.DEMO_DISTRICT)) {
            DistrictFile d = DistrictFile.parse(in, WireCodec.newMapper(), Instant.EPOCH, dashed);
            assertThat(d.grids()).hasSize(7);
        }
    }

    @Test
    void importRefusesAGridThatBreaksTheSchemeAndNamesIt() {
        assertThatThrownBy(() -> parse("330106001001-1", "grid", "330106001001"))
                .hasMessageStartingWith("grid 330106001001-1 (G):").hasMessageContaining("'-' + 2 digits");
        assertThatThrownBy(() -> parse("330106001001-01", "community", null))
                .hasMessageContaining("level community but under scheme admin12-2-2 the code is a grid code");
        assertThatThrownBy(() -> parse("330106001001-01", "grid", "330106001002"))
                .hasMessageContaining("parent 330106001002 but under scheme admin12-2-2 the code's parent is 330106001001");
    }

    @Test
    void importDerivesAMissingLevelAndParentFromTheCode() throws Exception {
        DistrictFile d = parse("330106001001-01-03", null, null);
        Grid g = d.grids().get(0);
        assertThat(g.level()).isEqualTo(GridLevel.MICROGRID);
        assertThat(g.parentCode()).isEqualTo("330106001001-01");
    }

    private DistrictFile parse(String code, String level, String parent) throws Exception {
        String props = "\"code\":\"" + code + "\",\"name\":\"G\"" + (level == null ? "" : ",\"level\":\"" + level + "\"")
                + (parent == null ? "" : ",\"parent\":\"" + parent + "\"");
        String json = "{\"grids\":{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{" + props
                + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.15,30.27],[120.16,30.27],[120.16,30.28],"
                + "[120.15,30.27]]]}}]},\"workers\":[]}";
        return DistrictFile.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), WireCodec.newMapper(),
                Instant.EPOCH, dashed);
    }
}
