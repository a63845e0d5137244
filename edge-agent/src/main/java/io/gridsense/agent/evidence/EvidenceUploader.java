package io.gridsense.agent.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads the evidence spool to the hub, oldest first, and removes each file once the hub stored it. When
 * the hub is unreachable it waits with exponential backoff and tries again, for as long as it takes; a
 * file the hub refuses for good (too large, not an image) is removed with an ERROR line.
 */
public final class EvidenceUploader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EvidenceUploader.class);
    private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final EvidenceSpool spool;
    private final HubUploader hub;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private volatile long uploaded;

    public EvidenceUploader(EvidenceSpool spool, HubUploader hub) {
        this.spool = spool;
        this.hub = hub;
        this.thread = new Thread(this::run, "evidence-upload");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Something new is in the spool: upload it now rather than at the next poll. */
    public void poke() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Files stored by the hub since start. */
    public long uploaded() {
        return uploaded;
    }

    private void run() {
        Duration backoff = MIN_BACKOFF;
        while (running) {
            List<EvidenceSpool.Item> items = spool.pending();
            boolean failed = false;
            for (EvidenceSpool.Item item : items) {
                if (!running) {
                    return;
                }
                Outcome o = send(item);
                if (o == Outcome.RETRY) {
                    failed = true;
                    break;
                }
                spool.remove(item);
                if (o == Outcome.STORED) {
                    uploaded++;
                }
            }
            try {
                if (failed) {
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                } else {
                    backoff = MIN_BACKOFF;
                    synchronized (wake) {
                        wake.wait(2000);
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private enum Outcome { STORED, REFUSED, RETRY }

    private Outcome send(EvidenceSpool.Item item) {
        try {
            int status = hub.upload(item.alertId(), item.name(), Files.readAllBytes(item.file()));
            if (status / 100 == 2) {
                log.info("event=evidence_uploaded alert={} name={} bytes={}", item.alertId(), item.name(), item.bytes());
                return Outcome.STORED;
            }
            if (status == 413 || status == 415 || status == 400) {
                log.error("event=evidence_refused alert={} name={} status={} action=dropped", item.alertId(), item.name(), status);
                return Outcome.REFUSED;
            }
            // 401/403: a token problem an operator must fix; 5xx: the hub's trouble. Keep the file, retry later.
            log.warn("event=evidence_upload_rejected alert={} name={} status={}{}", item.alertId(), item.name(), status,
                    status == 401 || status == 403 ? " hint=\"check hub.token in the agent config\"" : "");
            return Outcome.RETRY;
        } catch (IOException e) {
            log.warn("event=evidence_upload_failed alert={} name={} reason=\"{}\"", item.alertId(), item.name(), e.getMessage());
            return Outcome.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
