package io.gridsense.deploy.bench;

import io.gridsense.agent.outbox.DiskOutbox;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.WireCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Durable appends per second into the agent's outbox (each append returns only after fsync), with 1 and
 * with 16 appending threads (an agent's cameras), beside the naive peer in the same run: one fsync per
 * alert, which is what a store without group commit does.
 */
public final class OutboxBenchmark {

    private OutboxBenchmark() {
    }

    public static void run(Path dir, double seconds, int runs, PrintStream out) throws Exception {
        out.printf("outbox benchmark: %s, %.0f s per run, %d runs, alerts of %d bytes%n", dir, seconds, runs,
                new WireCodec().encode(alert(0, 0)).length);
        double[] batched = new double[runs];
        for (int r = 0; r < runs; r++) {
            batched[r] = outboxBatched(dir.resolve("batched-" + r), 16, 32, seconds);
        }
        out.printf("  16 thread(s)  DiskOutbox.appendAll, 32 alerts per call: %s%n", Stats.of(batched).format("appends/s"));
        for (int threads : new int[] {1, 16}) {
            double[] group = new double[runs];
            double[] naive = new double[runs];
            for (int r = 0; r < runs; r++) {
                group[r] = outbox(dir.resolve("run-" + threads + "-" + r), threads, seconds);
                naive[r] = naive(dir.resolve("naive-" + threads + "-" + r), threads, seconds);
            }
            Stats g = Stats.of(group);
            Stats n = Stats.of(naive);
            out.printf("  %2d thread(s)  DiskOutbox (group-commit fsync): %s%n", threads, g.format("appends/s"));
            out.printf("  %2d thread(s)  fsync per append (peer)        : %s%n", threads, n.format("appends/s"));
            out.printf("  %2d thread(s)  ratio                          : %.1fx%n", threads, g.median() / n.median());
        }
    }

    private static double outbox(Path dir, int threads, double seconds) throws Exception {
        AtomicLong count = new AtomicLong();
        try (DiskOutbox box = DiskOutbox.open(dir, 64L << 20, 1000, Clock.systemUTC())) {
            timed(threads, seconds, (t, i) -> {
                box.append(alert(t, i));
                count.incrementAndGet();
            });
        }
        delete(dir);
        return count.get() / seconds;
    }

    private static double outboxBatched(Path dir, int threads, int batch, double seconds) throws Exception {
        AtomicLong count = new AtomicLong();
        try (DiskOutbox box = DiskOutbox.open(dir, 64L << 20, 1000, Clock.systemUTC())) {
            timed(threads, seconds, (t, i) -> {
                List<Alert> alerts = new ArrayList<>(batch);
                for (int k = 0; k < batch; k++) {
                    alerts.add(alert(t, i * batch + k));
                }
                box.appendAll(alerts);
                count.addAndGet(batch);
            });
        }
        delete(dir);
        return count.get() / seconds;
    }

    private static double naive(Path dir, int threads, double seconds) throws Exception {
        Files.createDirectories(dir);
        WireCodec codec = new WireCodec();
        AtomicLong count = new AtomicLong();
        try (FileChannel ch = FileChannel.open(dir.resolve("log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            timed(threads, seconds, (t, i) -> {
                byte[] b = codec.encode(alert(t, i));
                synchronized (ch) {
                    ch.write(ByteBuffer.wrap(b));
                    ch.force(false);
                }
                count.incrementAndGet();
            });
        }
        delete(dir);
        return count.get() / seconds;
    }

    private interface Work {
        void run(int thread, long i) throws IOException;
    }

    private static void timed(int threads, double seconds, Work work) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tt = t;
            Thread th = new Thread(() -> {
                long i = 0;
                while (System.nanoTime() < end) {
                    try {
                        work.run(tt, i++);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
    }

    private static Alert alert(int thread, long i) {
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        return new Alert(1, "bench-" + thread + "-" + i + "-" + System.nanoTime(), "bench", "edge-bench", "cam-" + thread,
                AlertType.GATHERING, t, t, 0.9, 6, List.of(), new GeoPoint(30.27, 120.15), List.of(), "hog-motion-1", "r", "1");
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
