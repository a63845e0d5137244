package io.gridsense.analytics.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridsense.analytics.behavior.FightFeatures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several samplings of each real clip: where they start, how the cross-validation trains on all of them and judges
 * each alone, and how the sample cache keeps them apart.
 */
class FightTrainerTest {
    private static final FightTrainer.Settings LINEAR = new FightTrainer.Settings(7, 5, 7, 1, 0.5, List.of(), true,
            0.005, null, 2);

    /**
     * 20 real clips from 10 sources, 12 windows each, the even ones fights (every feature high). In the sampling from
     * {@code startS} > 0 the fights whose number is a multiple of 8 look calm; one more fight clip
     * gives no window at all.
     */
    private static SampleExtractor.Extraction real(double startS) {
        Random r = new Random(startS > 0 ? 2 : 1);
        List<WindowSample> samples = new ArrayList<>();
        Map<String, Boolean> truth = new TreeMap<>();
        Map<String, String> groups = new TreeMap<>();
        for (int c = 0; c < 20; c++) {
            String clip = "clip" + c;
            boolean fight = c % 2 == 0;
            boolean flipped = startS > 0 && c % 8 == 0;
            truth.put(clip, fight);
            groups.put(clip, "src" + c / 2);
            for (int w = 0; w < 12; w++) {
                double[] x = new double[FightFeatures.SIZE];
                for (int j = 0; j < x.length; j++) {
                    x[j] = (fight != flipped ? 1 : -1) + 0.1 * r.nextGaussian();
                }
                samples.add(new WindowSample(x, fight, clip, "src" + c / 2, true, 0.4 + 0.05 * w));
            }
        }
        truth.put("silent", true);
        groups.put("silent", "src9");
        return new SampleExtractor.Extraction(samples, truth, groups, true, startS);
    }

    @Test
    void threeSamplingsStartOneSourceFrameApartAt30Fps() {
        assertThat(FightTrainer.Settings.of(7, 5).realStarts())
                .containsExactly(List.of(0.0, 0.1 / 3, 0.2 / 3).toArray(Double[]::new));
        assertThat(new FightTrainer.Settings(7, 5, 7, 1, 0.5, List.of(), true, 0.005, null, 1).realStarts())
                .containsExactly(0.0);
        assertThatThrownBy(() -> new FightTrainer.Settings(7, 5, 7, 1, 0.5, List.of(), true, 0.005, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crossValidationJudgesEverySamplingAlone() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String cv = FightTrainer.crossValidate(List.of(), List.of(real(0), real(0.05)), LINEAR,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(cv).contains("each clip sampled 2 times (from 0.000 / 0.050 s after its first frame)");
        Matcher m = Pattern.compile("accuracy per sampling ([0-9.]+) / ([0-9.]+)\\): accuracy ([0-9.]+)").matcher(cv);
        assertThat(m.find()).as(cv).isTrue();
        double first = Double.parseDouble(m.group(1));
        double later = Double.parseDouble(m.group(2));
        // sampling 0: every clip with windows right, the silent fight missed (20 of 21); the later sampling also
        // misses the three fights that look calm there (0, 8, 16: 17 of 21); the overall accuracy pools both
        assertThat(first).as(cv).isEqualTo(0.952);
        assertThat(later).isEqualTo(0.810);
        assertThat(Double.parseDouble(m.group(3))).isCloseTo((first + later) / 2, Offset.offset(0.001));
        int verdicts = Pattern.compile("tp (\\d+), fp (\\d+), fn (\\d+), tn (\\d+)").matcher(cv).results()
                .mapToInt(r -> Integer.parseInt(r.group(1)) + Integer.parseInt(r.group(2)) + Integer.parseInt(r.group(3))
                        + Integer.parseInt(r.group(4))).sum();
        assertThat(verdicts).isEqualTo(42);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("verdicts=");
    }

    @Test
    void theCacheKeepsEachSamplingApartAndReadsOldCachesAsFromTheFirstFrame(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("samples.csv");
        SamplesCsv.write(cache, List.of(real(0), real(0.05)), List.of("/clips", "/clips@0.0500"));
        Map<String, SampleExtractor.Extraction> read = SamplesCsv.read(cache);
        assertThat(read.keySet()).containsExactly("/clips", "/clips@0.0500");
        SampleExtractor.Extraction later = read.get("/clips@0.0500");
        assertThat(later.startS()).isEqualTo(0.05);
        assertThat(later.samples()).hasSize(240);
        assertThat(later.samples().get(0).x()[10]).isCloseTo(real(0.05).samples().get(0).x()[10], Offset.offset(1e-5));
        assertThat(later.clipFight()).containsEntry("silent", true);

        Path old = dir.resolve("old.csv");
        Files.write(old, List.of("#set,/clips,true", "#clip,a.mp4,true,src0", "a.mp4,src0,true,0.40,1,2"));
        SampleExtractor.Extraction e = SamplesCsv.read(old).get("/clips");
        assertThat(e.startS()).isZero();
        assertThat(e.samples()).singleElement().satisfies(s -> assertThat(s.x()).containsExactly(1, 2));
    }
}
