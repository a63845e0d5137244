package io.gridsense.agent.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: an append-only segment log on local disk. {@link #append} returns only once the
 * alert is on disk (fsync), with concurrent appends sharing one fsync (group commit) so durability does not
 * cost one disk flush per alert. Acknowledgements are logged too; a segment whose alerts are all
 * acknowledged is deleted. On open, the log is replayed: what was appended and not acknowledged is
 * delivered again, in order. When the disk refuses writes (full, read-only), alerts are kept in memory up
 * to a bound, with one ERROR line, and written out when space returns.
 */
public final class DiskOutbox implements Outbox, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiskOutbox.class);
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".log";

    private final Path dir;
    private final long segmentBytes;
    private final int memoryCapacity;
    private final Clock clock;
    private final ObjectMapper mapper = WireCodec.newMapper();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition synced = lock.newCondition();
    private final Condition dirty = lock.newCondition();

    private final LinkedHashMap<String, Entry> pending = new LinkedHashMap<>();
    private final Map<Long, Integer> liveBySegment = new HashMap<>();
    private FileChannel active;
    private long activeId;
    private long activeSize;
    private long writtenSeq;
    private long syncedSeq;
    private IOException syncError;
    private boolean diskFailing;
    private int inMemory;
    private volatile boolean closed;
    private final Thread syncer;

    /** One alert waiting: where it is stored ({@code segment} -1: only in memory) and since when. */
    private record Entry(Alert alert, long segment, Instant appendedAt) {
    }

    private DiskOutbox(Path dir, long segmentBytes, int memoryCapacity, Clock clock) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.memoryCapacity = memoryCapacity;
        this.clock = clock;
        this.syncer = new Thread(this::syncLoop, "outbox-fsync");
        syncer.setDaemon(true);
    }

    /**
     * Opens (creating if needed) the outbox in {@code dir}, replaying what an earlier run left unacknowledged.
     *
     * @param segmentBytes   a segment is closed and a new one begun past this size
     * @param memoryCapacity alerts kept in memory while the disk refuses writes
     */
    public static DiskOutbox open(Path dir, long segmentBytes, int memoryCapacity, Clock clock) throws IOException {
        Files.createDirectories(dir);
        DiskOutbox box = new DiskOutbox(dir, segmentBytes, memoryCapacity, clock);
        box.replay();
        box.syncer.start();
        return box;
    }

    private void replay() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.getFileName().toString().endsWith(SUFFIX))
                    .sorted((a, b) -> Long.compare(segmentId(a), segmentId(b))).toList();
        }
        long maxId = 0;
        int torn = 0;
        for (Path f : files) {
            long id = segmentId(f);
            maxId = Math.max(maxId, id);
            long valid = SegmentFile.read(f, (type, payload) -> {
                if (type == SegmentFile.APPEND) {
                    try {
                        Alert a = mapper.readValue(payload, Alert.class);
                        if (pending.putIfAbsent(a.alertId(), new Entry(a, id, clock.instant())) == null) {
                            liveBySegment.merge(id, 1, Integer::sum);
                        }
                    } catch (IOException e) {
                        log.error("event=outbox_record_unreadable segment={} reason=\"{}\"", f.getFileName(), e.getMessage());
                    }
                } else {
                    Entry e = pending.remove(new String(payload, StandardCharsets.UTF_8));
                    if (e != null) {
                        liveBySegment.merge(e.segment(), -1, Integer::sum);
                    }
                }
            });
            if (valid < Files.size(f)) {
                torn++;
                log.warn("event=outbox_torn_tail segment={} valid_bytes={} file_bytes={} (cut off: a write was interrupted)",
                        f.getFileName(), valid, Files.size(f));
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.truncate(valid);
                    ch.force(true);
                }
            }
        }
        for (Path f : files) {
            long id = segmentId(f);
            if (liveBySegment.getOrDefault(id, 0) <= 0) {
                liveBySegment.remove(id);
                Files.deleteIfExists(f);
            }
        }
        activeId = maxId + 1;
        openActive();
        log.info("event=outbox_opened dir={} replayed_alerts={} segments={} torn_segments={}", dir, pending.size(),
                liveBySegment.size(), torn);
    }

    private void openActive() throws IOException {
        active = FileChannel.open(dir.resolve(PREFIX + String.format("%012d", activeId) + SUFFIX),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        activeSize = active.size();
        // make the new file's directory entry durable too
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open a directory; the file's own fsync still covers its data
        }
    }

    private static long segmentId(Path p) {
        String n = p.getFileName().toString();
        return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
    }

    @Override
    public void append(Alert alert) {
        appendAll(List.of(alert));
    }

    /**
     * Appends several alerts and returns once all are on disk, with one fsync for the lot: what a camera
     * burst or a replay of queued alerts should use.
     */
    public void appendAll(List<Alert> alerts) {
        List<byte[]> json = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            try {
                json.add(mapper.writeValueAsBytes(a));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long seq = -1;
        lock.lock();
        try {
            for (int i = 0; i < alerts.size(); i++) {
                Alert alert = alerts.get(i);
                if (pending.containsKey(alert.alertId())) {
                    continue;
                }
                try {
                    if (diskFailing) {
                        throw new IOException("disk still failing");
                    }
                    write(SegmentFile.record(SegmentFile.APPEND, json.get(i)));
                    pending.put(alert.alertId(), new Entry(alert, activeId, clock.instant()));
                    liveBySegment.merge(activeId, 1, Integer::sum);
                    seq = ++writtenSeq;
                } catch (IOException e) {
                    keepInMemory(alert, e);
                }
            }
            notEmpty.signalAll();
            if (seq < 0) {
                return;
            }
            dirty.signal();
            // wait for the group fsync that covers these records
            while (syncedSeq < seq && syncError == null && !closed) {
                synced.awaitUninterruptibly();
            }
            if (syncError != null && syncedSeq < seq) {
                log.error("event=outbox_fsync_failed alerts={} reason=\"{}\" (kept in memory until delivered)",
                        alerts.size(), syncError.getMessage());
            }
        } finally {
            lock.unlock();
        }
    }

    private void keepInMemory(Alert alert, IOException cause) {
        if (!diskFailing) {
            diskFailing = true;
            log.error("event=outbox_disk_error dir={} reason=\"{}\" action=\"keeping up to {} alerts in memory until the disk takes writes again\"",
                    dir, cause.getMessage(), memoryCapacity);
        }
        if (inMemory >= memoryCapacity) {
            // the bound protects the box; drop the oldest memory-only alert and say which
            Iterator<Map.Entry<String, Entry>> it = pending.entrySet().iterator();
            while (it.hasNext()) {
                Entry e = it.next().getValue();
                if (e.segment() < 0) {
                    it.remove();
                    inMemory--;
                    log.error("event=outbox_memory_full_dropped alert={} capacity={}", e.alert().alertId(), memoryCapacity);
                    break;
                }
            }
        }
        pending.put(alert.alertId(), new Entry(alert, -1, clock.instant()));
        inMemory++;
    }

    /** Writes memory-only alerts to disk once it takes writes again; called by the fsync thread. */
    private void retryMemoryAlerts() {
        List<Entry> waiting = new ArrayList<>();
        for (Entry e : pending.values()) {
            if (e.segment() < 0) {
                waiting.add(e);
            }
        }
        try {
            for (Entry e : waiting) {
                write(SegmentFile.record(SegmentFile.APPEND, mapper.writeValueAsBytes(e.alert())));
                pending.put(e.alert().alertId(), new Entry(e.alert(), activeId, e.appendedAt()));
                liveBySegment.merge(activeId, 1, Integer::sum);
                inMemory--;
                writtenSeq++;
            }
            active.force(false);
            syncedSeq = writtenSeq;
            diskFailing = false;
            log.info("event=outbox_disk_recovered dir={} written_back={}", dir, waiting.size());
        } catch (IOException e) {
            log.debug("event=outbox_disk_still_failing reason=\"{}\"", e.getMessage());
        }
    }

    private void write(ByteBuffer record) throws IOException {
        if (activeSize >= segmentBytes) {
            roll();
        }
        int n = record.remaining();
        long before = activeSize;
        try {
            while (record.hasRemaining()) {
                active.write(record);
            }
        } catch (IOException e) {
            // never leave half a record behind a good one: cut back to where this record began
            try {
                active.truncate(before);
            } catch (IOException ignored) {
                // replay's checksum catches what remains
            }
            throw e;
        }
        activeSize += n;
    }

    private void roll() throws IOException {
        active.force(false);
        syncedSeq = writtenSeq;
        synced.signalAll();
        active.close();
        if (liveBySegment.getOrDefault(activeId, 0) <= 0) {
            liveBySegment.remove(activeId);
            Files.deleteIfExists(segmentPath(activeId));
        }
        activeId++;
        openActive();
    }

    private Path segmentPath(long id) {
        return dir.resolve(PREFIX + String.format("%012d", id) + SUFFIX);
    }

    private void syncLoop() {
        while (!closed) {
            lock.lock();
            try {
                while (syncedSeq >= writtenSeq && !diskFailing && !closed) {
                    dirty.await(1, TimeUnit.SECONDS);
                }
                if (closed) {
                    return;
                }
                if (diskFailing) {
                    retryMemoryAlerts();
                    synced.signalAll();
                    if (diskFailing) {
                        lock.unlock();
                        try {
                            Thread.sleep(2000);
                        } finally {
                            lock.lock();
                        }
                    }
                    continue;
                }
                long target = writtenSeq;
                FileChannel ch = active;
                // fsync outside the lock so appends keep writing into the next group meanwhile
                lock.unlock();
                IOException failure = null;
                try {
                    ch.force(false);
                } catch (IOException e) {
                    failure = e;
                } finally {
                    lock.lock();
                }
                if (failure == null || (failure instanceof java.nio.channels.ClosedChannelException && ch != active)) {
                    // a closed channel here was rolled over, and roll() synced it before closing
                    syncedSeq = Math.max(syncedSeq, target);
                    syncError = null;
                } else {
                    syncError = failure;
                }
                synced.signalAll();
            } catch (InterruptedException e) {
                return;
            } finally {
                if (lock.isHeldByCurrentThread()) {
                    lock.unlock();
                }
            }
        }
    }

    @Override
    public Optional<Alert> peek(long millis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (pending.isEmpty()) {
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return Optional.of(pending.values().iterator().next().alert());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void acknowledged(String alertId) {
        lock.lock();
        try {
            Entry e = pending.remove(alertId);
            if (e == null) {
                return;
            }
            if (e.segment() < 0) {
                inMemory--;
                return;
            }
            // an ack that is lost in a crash only means one duplicate publish, which the hub ignores: no fsync
            try {
                write(SegmentFile.ack(alertId));
            } catch (IOException ex) {
                log.debug("event=outbox_ack_not_logged alert={} reason=\"{}\"", alertId, ex.getMessage());
            }
            int live = liveBySegment.merge(e.segment(), -1, Integer::sum);
            if (live <= 0 && e.segment() != activeId) {
                liveBySegment.remove(e.segment());
                try {
                    Files.deleteIfExists(segmentPath(e.segment()));
                } catch (IOException ex) {
                    log.warn("event=outbox_segment_delete_failed segment={} reason=\"{}\"", e.segment(), ex.getMessage());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int depth() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** How long the oldest waiting alert has waited; zero when none waits. */
    public Duration oldestAge() {
        lock.lock();
        try {
            if (pending.isEmpty()) {
                return Duration.ZERO;
            }
            return Duration.between(pending.values().iterator().next().appendedAt(), clock.instant());
        } finally {
            lock.unlock();
        }
    }

    /** Alerts held only in memory because the disk refused them. */
    public int inMemoryOnly() {
        lock.lock();
        try {
            return inMemory;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            dirty.signalAll();
            synced.signalAll();
            try {
                active.force(false);
                active.close();
            } catch (IOException e) {
                log.warn("event=outbox_close_failed reason=\"{}\"", e.getMessage());
            }
        } finally {
            lock.unlock();
        }
        syncer.interrupt();
    }
}
