package io.gridsense.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.agent.outbox.DiskOutbox;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.GeoPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskOutboxTest {

    @TempDir
    Path dir;

    static Alert alert(String id) {
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        return new Alert(1, id, "s", "a", "c", AlertType.GATHERING, t, t, 0.9, 5, List.of(), new GeoPoint(30, 120),
                List.of(), "m", "r", "1");
    }

    private static List<String> drain(DiskOutbox box) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        Optional<Alert> a;
        while ((a = box.peek(0)).isPresent()) {
            ids.add(a.get().alertId());
            box.acknowledged(a.get().alertId());
        }
        return ids;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }

    @Test
    void whatWasNotAcknowledgedIsReplayedInOrderAfterARestart() throws Exception {
        try (DiskOutbox box = DiskOutbox.open(dir, 1 << 20, 100, Clock.systemUTC())) {
            box.append(alert("a1"));
            box.append(alert("a2"));
            box.append(alert("a3"));
            box.append(alert("a2")); // a replayed append of the same id is ignored
            box.acknowledged("a1");
            assertThat(box.depth()).isEqualTo(2);
        }
        try (DiskOutbox box = DiskOutbox.open(dir, 1 << 20, 100, Clock.systemUTC())) {
            assertThat(box.depth()).isEqualTo(2);
            assertThat(drain(box)).containsExactly("a2", "a3");
        }
        try (DiskOutbox box = DiskOutbox.open(dir, 1 << 20, 100, Clock.systemUTC())) {
            assertThat(box.depth()).isZero();
        }
    }

    @Test
    void aTornTailFromAPowerCutIsCutOffAndTheRestSurvives() throws Exception {
        try (DiskOutbox box = DiskOutbox.open(dir, 1 << 20, 100, Clock.systemUTC())) {
            box.append(alert("b1"));
            box.append(alert("b2"));
        }
        Path seg = segments().get(segments().size() - 1);
        long goodSize = Files.size(seg);
        // half a record: a length and checksum that promise more bytes than follow
        Files.write(seg, new byte[] {0, 0, 1, 0, 1, 2, 3, 4, 1, '{', '"'}, StandardOpenOption.APPEND);
        try (DiskOutbox box = DiskOutbox.open(dir, 1 << 20, 100, Clock.systemUTC())) {
            assertThat(Files.size(seg)).isEqualTo(goodSize);
            box.append(alert("b3"));
        }
        try (DiskOutbox box = DiskOutbox.open(dir, 1 << 20, 100, Clock.systemUTC())) {
            assertThat(drain(box)).containsExactly("b1", "b2", "b3");
        }
    }

    @Test
    void aCorruptedRecordStopsReplayOfThatSegmentOnly() throws Exception {
        try (DiskOutbox box = DiskOutbox.open(dir, 1 << 20, 100, Clock.systemUTC())) {
            box.append(alert("c1"));
            box.append(alert("c2"));
        }
        Path seg = segments().get(0);
        byte[] bytes = Files.readAllBytes(seg);
        bytes[bytes.length - 5] ^= 0x55; // flip bits inside the last record's payload
        Files.write(seg, bytes);
        try (DiskOutbox box = DiskOutbox.open(dir, 1 << 20, 100, Clock.systemUTC())) {
            assertThat(drain(box)).containsExactly("c1");
        }
    }

    @Test
    void fullyAcknowledgedSegmentsAreDeleted() throws Exception {
        try (DiskOutbox box = DiskOutbox.open(dir, 2048, 100, Clock.systemUTC())) {
            for (int i = 0; i < 60; i++) {
                box.append(alert("d" + i));
            }
            assertThat(segments().size()).isGreaterThan(5);
            assertThat(drain(box)).hasSize(60);
            assertThat(segments()).hasSize(1); // only the active segment stays
        }
    }

    @Test
    void concurrentAppendsShareFsyncsAndAllSurvive() throws Exception {
        int threads = 8;
        int each = 250;
        try (DiskOutbox box = DiskOutbox.open(dir, 1 << 20, 100, Clock.systemUTC())) {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                Thread th = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        box.append(alert("t" + tt + "-" + i));
                    }
                });
                th.start();
                ts.add(th);
            }
            for (Thread t : ts) {
                t.join();
            }
            assertThat(box.depth()).isEqualTo(threads * each);
        }
        try (DiskOutbox box = DiskOutbox.open(dir, 1 << 20, 100, Clock.systemUTC())) {
            assertThat(box.depth()).isEqualTo(threads * each);
        }
    }

    @Test
    void aFullDiskKeepsAlertsInMemoryAndWritesThemOutWhenSpaceReturns() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        // a real small file system, filled up for real: the kernel's ENOSPC, not a simulated one
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        String out = new String(mount.getInputStream().readAllBytes());
        assertThat(mount.waitFor()).as("mounting a 256 KiB tmpfs needs root: " + out).isZero();
        try {
            Path filler = small.resolve("filler");
            try (DiskOutbox box = DiskOutbox.open(small.resolve("outbox"), 1 << 20, 1000, Clock.systemUTC())) {
                box.append(alert("e0"));
                try (var ch = java.nio.channels.FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(4096);
                    while (true) {
                        chunk.clear();
                        ch.write(chunk);
                    }
                } catch (IOException full) {
                    // the disk is full now
                }
                for (int i = 1; i <= 40; i++) {
                    box.append(alert("e" + i)); // never throws: kept in memory
                }
                assertThat(box.depth()).isEqualTo(41);
                assertThat(box.inMemoryOnly()).isPositive();
                Files.delete(filler);
                long deadline = System.currentTimeMillis() + 15_000;
                while (box.inMemoryOnly() > 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(box.inMemoryOnly()).as("written out once space returned").isZero();
            }
            try (DiskOutbox box = DiskOutbox.open(small.resolve("outbox"), 1 << 20, 1000, Clock.systemUTC())) {
                List<String> ids = drain(box);
                assertThat(ids).hasSize(41).startsWith("e0", "e1", "e2").endsWith("e40");
            }
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }
}
