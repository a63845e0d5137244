package io.gridsense.agent.evidence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evidence waiting for upload, one folder per alert under the agent's data folder, written durably
 * (temporary file, fsync, rename) so a power cut loses none. Bounded: past {@code maxBytes} the oldest
 * evidence is deleted first, with a WARN line naming it. Alert records live in the outbox and are never
 * touched here: evidence is what gives way when space runs short.
 */
public final class EvidenceSpool {

    private static final Logger log = LoggerFactory.getLogger(EvidenceSpool.class);

    private final Path dir;
    private final long maxBytes;

    /** One file to upload: which alert, its name ({@code snapshot.jpg}, {@code clip.mp4}) and where it is. */
    public record Item(String alertId, String name, Path file, long bytes, long modifiedMillis) {
    }

    public EvidenceSpool(Path dir, long maxBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.maxBytes = maxBytes;
    }

    /** Stores one piece of evidence; returns false (with an ERROR line) when the disk refuses it. */
    public synchronized boolean put(String alertId, String name, byte[] bytes) {
        try {
            makeRoom(bytes.length);
            Path folder = Files.createDirectories(dir.resolve(alertId));
            Path tmp = folder.resolve(name + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            log.error("event=evidence_spool_write_failed alert={} name={} reason=\"{}\"", alertId, name, e.getMessage());
            return false;
        }
    }

    /** Everything waiting, oldest first. */
    public synchronized List<Item> pending() {
        List<Item> items = new ArrayList<>();
        try (Stream<Path> alerts = Files.list(dir)) {
            for (Path folder : alerts.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path f : files.filter(p -> !p.getFileName().toString().endsWith(".tmp")).toList()) {
                        items.add(new Item(folder.getFileName().toString(), f.getFileName().toString(), f, Files.size(f),
                                Files.getLastModifiedTime(f).toMillis()));
                    }
                }
            }
        } catch (IOException e) {
            log.warn("event=evidence_spool_list_failed reason=\"{}\"", e.getMessage());
        }
        items.sort(Comparator.comparingLong(Item::modifiedMillis).thenComparing(Item::alertId).thenComparing(Item::name));
        return items;
    }

    /** Removes an uploaded (or refused) file, and its folder once empty. */
    public synchronized void remove(Item item) {
        try {
            Files.deleteIfExists(item.file());
            try (Stream<Path> rest = Files.list(item.file().getParent())) {
                if (rest.findAny().isEmpty()) {
                    Files.deleteIfExists(item.file().getParent());
                }
            }
        } catch (IOException e) {
            log.warn("event=evidence_spool_remove_failed alert={} name={} reason=\"{}\"", item.alertId(), item.name(), e.getMessage());
        }
    }

    /** Bytes waiting for upload. */
    public synchronized long bytes() {
        return pending().stream().mapToLong(Item::bytes).sum();
    }

    private void makeRoom(long incoming) {
        List<Item> items = pending();
        long total = items.stream().mapToLong(Item::bytes).sum();
        for (Item oldest : items) {
            if (total + incoming <= maxBytes) {
                return;
            }
            log.warn("event=evidence_dropped_spool_full alert={} name={} bytes={} limit_bytes={}", oldest.alertId(),
                    oldest.name(), oldest.bytes(), maxBytes);
            remove(oldest);
            total -= oldest.bytes();
        }
    }
}
