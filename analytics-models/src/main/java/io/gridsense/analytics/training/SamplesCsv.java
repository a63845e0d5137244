package io.gridsense.analytics.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cache of extracted window samples (one {@code #set} row per extraction with its name, kind and sampling start, one
 * {@code #clip} row per clip so that clips without windows are kept, one CSV row per window), so the network can be
 * retrained without running the pipeline over the videos again.
 */
final class SamplesCsv {
    private SamplesCsv() {
    }

    static void write(Path file, List<SampleExtractor.Extraction> sets, List<String> names) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < sets.size(); k++) {
            SampleExtractor.Extraction e = sets.get(k);
            lines.add("#set," + names.get(k) + "," + e.real() + "," + e.startS());
            for (Map.Entry<String, Boolean> c : e.clipFight().entrySet()) {
                lines.add("#clip," + c.getKey() + "," + c.getValue() + "," + e.clipGroup().get(c.getKey()));
            }
            for (WindowSample s : e.samples()) {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s,%s,%b,%.2f", s.clip(), s.group(),
                        s.fight(), s.atS()));
                for (double v : s.x()) {
                    b.append(String.format(Locale.ROOT, ",%.6g", v));
                }
                lines.add(b.toString());
            }
        }
        Files.write(file, lines);
    }

    /** The cached sets, in the order written, with the names they were written under. */
    static Map<String, SampleExtractor.Extraction> read(Path file) throws IOException {
        Map<String, SampleExtractor.Extraction> out = new LinkedHashMap<>();
        String name = null;
        boolean real = false;
        double startS = 0;
        List<WindowSample> samples = null;
        Map<String, Boolean> truth = null;
        Map<String, String> groups = null;
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(",");
            if (f[0].equals("#set")) {
                if (name != null) {
                    out.put(name, new SampleExtractor.Extraction(samples, truth, groups, real, startS));
                }
                name = f[1];
                real = Boolean.parseBoolean(f[2]);
                // caches written before several samplings existed have no start: they sampled from the first frame
                startS = f.length > 3 ? Double.parseDouble(f[3]) : 0;
                samples = new ArrayList<>();
                truth = new java.util.TreeMap<>();
                groups = new java.util.TreeMap<>();
            } else if (f[0].equals("#clip")) {
                truth.put(f[1], Boolean.parseBoolean(f[2]));
                groups.put(f[1], f[3]);
            } else {
                double[] x = new double[f.length - 4];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Double.parseDouble(f[4 + i]);
                }
                samples.add(new WindowSample(x, Boolean.parseBoolean(f[2]), f[0], f[1], real, Double.parseDouble(f[3])));
            }
        }
        if (name != null) {
            out.put(name, new SampleExtractor.Extraction(samples, truth, groups, real, startS));
        }
        return out;
    }
}
