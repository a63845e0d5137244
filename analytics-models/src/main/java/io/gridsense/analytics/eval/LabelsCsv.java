package io.gridsense.analytics.eval;

import io.gridsense.analytics.BehaviorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads and writes {@code labels.csv}: {@code clip,type,start_s,end_s}; a clip with no row is a negative. */
public final class LabelsCsv {
    public static final String HEADER = "clip,type,start_s,end_s";

    private LabelsCsv() {
    }

    public static List<Label> read(Path csv) {
        List<Label> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labels " + csv, e);
        }
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("clip,") || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(",");
            if (f.length < 4) {
                throw new IllegalArgumentException(csv + ": bad line '" + line + "', expected " + HEADER);
            }
            out.add(new Label(f[0].strip(), BehaviorType.valueOf(f[1].strip().toUpperCase(Locale.ROOT)),
                    Double.parseDouble(f[2].strip()), Double.parseDouble(f[3].strip())));
        }
        return out;
    }

    public static String line(Label l) {
        return String.format(Locale.ROOT, "%s,%s,%.1f,%.1f", l.clip(), l.type(), l.startS(), l.endS());
    }
}
