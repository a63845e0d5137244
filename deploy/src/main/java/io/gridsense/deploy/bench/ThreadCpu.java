package io.gridsense.deploy.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A process's CPU over an interval from {@code /proc/<pid>/task}, grouped by what its threads do (camera decode,
 * analysis, JIT, GC, the rest), so a capacity figure also says where the time went.
 */
final class ThreadCpu {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    /** Cores per thread group over the interval, the whole as a share of the machine, and frame rates per camera. */
    record Breakdown(Map<String, Double> coresByGroup, double machineShare, double receivedFps, double analysedFps,
                     double droppedFps) {

        Breakdown withRates(double received, double analysed, double dropped) {
            return new Breakdown(coresByGroup, machineShare, received, analysed, dropped);
        }

        /** The median cores of each group over several breakdowns, in a fixed order. */
        static String medians(List<Breakdown> all) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String g : GROUPS) {
                double[] v = all.stream().mapToDouble(b -> b.coresByGroup().getOrDefault(g, 0.0)).toArray();
                out.put(g, Stats.of(v).median());
            }
            return out.entrySet().stream().map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
        }
    }

    private static final List<String> GROUPS = List.of("decode", "analysis", "jit", "gc", "other");

    private ThreadCpu() {
    }

    static Breakdown measure(long pid, Duration interval) throws IOException, InterruptedException {
        Map<String, Sample> before = sample(pid);
        long t0 = System.nanoTime();
        Thread.sleep(interval.toMillis());
        Map<String, Sample> after = sample(pid);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cores = new HashMap<>();
        double total = 0;
        for (Map.Entry<String, Sample> e : after.entrySet()) {
            Sample b = before.get(e.getKey());
            double c = (e.getValue().ticks() - (b == null ? 0 : b.ticks())) / TICKS_PER_SECOND / seconds;
            cores.merge(group(e.getValue().name()), c, Double::sum);
            total += c;
        }
        return new Breakdown(cores, 100 * total / Runtime.getRuntime().availableProcessors(), Double.NaN, Double.NaN,
                Double.NaN);
    }

    private record Sample(String name, long ticks) {
    }

    /** Each live thread of the process by thread id: its name and CPU ticks so far. */
    private static Map<String, Sample> sample(long pid) throws IOException {
        Map<String, Sample> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended between listing and reading
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.put(task.getFileName().toString(), new Sample(name, Long.parseLong(f[11]) + Long.parseLong(f[12])));
            }
        }
        return out;
    }

    private static String group(String threadName) {
        if (threadName.startsWith("camera-")) {
            return "decode";
        }
        if (threadName.startsWith("analysis-")) {
            return "analysis";
        }
        if (threadName.contains("CompilerThre")) {
            return "jit";
        }
        if (threadName.startsWith("GC ") || threadName.startsWith("G1 ") || threadName.contains("Conc#")
                || threadName.contains("Refine#")) {
            return "gc";
        }
        return "other";
    }
}
