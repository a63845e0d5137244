package io.gridsense.deploy.bench;

import io.gridsense.agent.camera.FfmpegMediaSource;
import io.gridsense.agent.camera.PullSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decode cost per camera, the agent's path beside Debian's {@code ffmpeg -i URL -f null -}: both pull the same kind of
 * stream at the same time (so the machine's other tenants weigh on both alike), and both are measured over the same
 * steady-state window in nanoseconds of CPU (ffmpeg's threads from {@code /proc/<pid>/task/<tid>/schedstat}, the
 * agent's decode thread from the JVM), start-up and stream probing left out of both.
 */
final class DecodeComparison {

    /** Seconds each side runs before its window starts: connection, probing and the first key frame. */
    private static final int SETTLE_SECONDS = 3;

    /** One side-by-side sample: CPU milliseconds per second of wall time for each decoder. */
    record Pair(double agentMs, double ffmpegMs) {
        double ratio() {
            return agentMs / ffmpegMs;
        }
    }

    private DecodeComparison() {
    }

    /**
     * Pulls {@code ffmpegUrl} with ffmpeg and {@code agentUrl} with the agent's {@link FfmpegMediaSource}, converting
     * one picture in {@code every} as the agent's camera thread does at its analysis rate, for {@code seconds} of
     * steady state.
     */
    static Pair sample(String ffmpegUrl, String agentUrl, int seconds, int every) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread decoder = new Thread(() -> {
            try (FfmpegMediaSource src = new FfmpegMediaSource(agentUrl, false, PullSettings.defaults())) {
                src.open();
                long n = 0;
                while (!stop.get() && src.grab(n++ % every == 0) != null) {
                    // the camera thread decodes every frame and converts only those it hands to analysis
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "bench-decode");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostats", "-loglevel", "error", "-rtsp_transport", "tcp",
                "-threads", "1", "-i", ffmpegUrl, "-t", Integer.toString(seconds + SETTLE_SECONDS + 10),
                "-f", "null", "-")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        decoder.start();
        try {
            Thread.sleep(SETTLE_SECONDS * 1000L);
            long f0 = processCpuNanos(ffmpeg.pid());
            long a0 = mx.getThreadCpuTime(decoder.getId());
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long f1 = processCpuNanos(ffmpeg.pid());
            long a1 = mx.getThreadCpuTime(decoder.getId());
            double wall = (System.nanoTime() - t0) / 1e9;
            if (!ffmpeg.isAlive() || !decoder.isAlive() || a0 < 0) {
                throw new IOException("a decoder ended before its window did (ffmpeg alive " + ffmpeg.isAlive()
                        + ", agent decoder alive " + decoder.isAlive() + ")");
            }
            return new Pair((a1 - a0) / 1e6 / wall, (f1 - f0) / 1e6 / wall);
        } finally {
            stop.set(true);
            ffmpeg.destroy();
            ffmpeg.waitFor(10, TimeUnit.SECONDS);
            decoder.join(10_000);
        }
    }

    /** CPU nanoseconds of all a process's threads so far (the first field of each thread's schedstat). */
    private static long processCpuNanos(long pid) throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    sum += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
                } catch (IOException gone) {
                    // a thread that ended between listing and reading; its time is lost to both readings alike
                }
            }
        }
        return sum;
    }

    /** Median and spread of the ratios of several pairs, with the medians of each side. */
    static String summary(List<Pair> pairs) {
        Stats r = Stats.of(pairs.stream().mapToDouble(Pair::ratio).toArray());
        Stats a = Stats.of(pairs.stream().mapToDouble(Pair::agentMs).toArray());
        Stats f = Stats.of(pairs.stream().mapToDouble(Pair::ffmpegMs).toArray());
        return String.format("agent %.1f ms CPU/s (min %.1f, max %.1f), ffmpeg -f null %.1f ms CPU/s (min %.1f, max %.1f); "
                + "ratio per pair %.2fx median (min %.2f, max %.2f, %d pairs side by side)", a.median(), a.min(), a.max(),
                f.median(), f.min(), f.max(), r.median(), r.min(), r.max(), pairs.size());
    }

    /** {@code pairs} side-by-side samples, one after the other. */
    static List<Pair> samples(String ffmpegUrl, String agentUrl, int pairs, int seconds, int every) throws Exception {
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            out.add(sample(ffmpegUrl, agentUrl, seconds, every));
        }
        return out;
    }
}
