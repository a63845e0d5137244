package io.gridsense.hub.worker;

import io.gridsense.hub.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gridworkers' duty and positions as the app reports them, their trajectories, and the live locator. */
public final class WorkerService {

    private static final Logger log = LoggerFactory.getLogger(WorkerService.class);
    /** The most positions one report may carry (an app that was offline uploads its backlog in pages). */
    public static final int MAX_BATCH = 500;

    private final Database db;
    private final WorkerRepository workers;
    private final PositionRepository positions;
    private final WorkerLocator locator;
    private final Clock clock;

    public WorkerService(Database db, WorkerRepository workers, PositionRepository positions, WorkerLocator locator,
                         Clock clock) {
        this.db = db;
        this.workers = workers;
        this.positions = positions;
        this.locator = locator;
        this.clock = clock;
    }

    /** Stores a batch of positions; the newest becomes the last known position. Empty for an unknown worker. */
    public Optional<Worker> report(String workerId, List<Position> batch) {
        if (batch.isEmpty() || batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a report carries 1.." + MAX_BATCH + " positions");
        }
        Instant latest = clock.instant().plusSeconds(60);
        if (batch.stream().anyMatch(p -> p.at().isAfter(latest))) {
            throw new IllegalArgumentException("a position from the future: check the phone's clock");
        }
        Position newest = batch.stream().max(Comparator.comparing(Position::at)).orElseThrow();
        Optional<Worker> w = db.tx(c -> {
            if (!workers.setPosition(c, workerId, newest.lat(), newest.lon(), newest.at())) {
                return Optional.<Worker>empty();
            }
            positions.append(c, workerId, batch);
            return workers.find(c, workerId);
        });
        w.ifPresent(locator::put);
        log.debug("event=positions_reported worker={} count={}", workerId, batch.size());
        return w;
    }

    /** Goes on or off duty; empty for an unknown worker. */
    public Optional<Worker> setDuty(String workerId, boolean onDuty) {
        Optional<Worker> w = db.tx(c -> workers.setDuty(c, workerId, onDuty, clock.instant())
                ? workers.find(c, workerId) : Optional.<Worker>empty());
        w.ifPresent(locator::put);
        w.ifPresent(x -> log.info("event=duty_changed worker={} on_duty={}", workerId, onDuty));
        return w;
    }

    /** The trajectory of a worker in [from, to), oldest first. */
    public List<Position> trajectory(String workerId, Instant from, Instant to, int limit) {
        return db.read(c -> positions.track(c, workerId, from, to, limit));
    }

    /** Re-reads every on-duty worker into the locator: picks up what other hubs received. */
    public void reload() {
        List<Worker> onDuty = db.read(workers::onDuty);
        locator.replaceAll(onDuty);
        log.debug("event=worker_index_reloaded on_duty={}", onDuty.size());
    }

    public WorkerLocator locator() {
        return locator;
    }
}
