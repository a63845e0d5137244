package io.gridsense.hub;

import io.gridsense.hub.deadline.DeadlinePolicy;
import java.time.Duration;

/**
 * The hub's rules of work: deadlines, how often overdue incidents are looked for, how long a push may stay
 * unacknowledged before the next nearest worker is pushed, how often the worker position index refreshes
 * from the database (positions reported to other hubs), and the login limits.
 *
 * @param supervisionSweep   how often overdue incidents are supervised and escalated
 * @param pushAckTimeout     silence after which an unaccepted incident is re-pushed to the next nearest worker
 * @param repushRounds       at most this many re-push rounds per incident
 * @param workerRefresh      how often the in-memory worker index re-reads positions and duty from the database
 * @param loginMaxFailures   failed logins per user name (and per client address) allowed within loginWindow
 * @param loginTokenTtl      lifetime of a token issued by the login endpoint
 * @param bcryptCost         BCrypt work factor of stored passwords (10 by default; tests use 4)
 */
public record HubPolicy(DeadlinePolicy deadlines, Duration supervisionSweep, Duration pushAckTimeout, int repushRounds,
                        Duration workerRefresh, int loginMaxFailures, Duration loginWindow, Duration loginTokenTtl, int bcryptCost) {

    public HubPolicy {
        if (deadlines == null || supervisionSweep == null || pushAckTimeout == null || workerRefresh == null
                || loginWindow == null || loginTokenTtl == null) {
            throw new IllegalArgumentException("every policy field is required");
        }
        if (repushRounds < 0 || loginMaxFailures < 1 || bcryptCost < 4) {
            throw new IllegalArgumentException("repushRounds >= 0 and loginMaxFailures >= 1");
        }
    }

    /** Default deadlines, a 30 s sweep, re-push after 60 s (3 rounds), 5 s worker refresh, 5 failed logins per 5 min. */
    public static HubPolicy defaults() {
        return new HubPolicy(DeadlinePolicy.defaults(), Duration.ofSeconds(30), Duration.ofSeconds(60), 3,
                Duration.ofSeconds(5), 5, Duration.ofMinutes(5), Duration.ofHours(12), 10);
    }

    public HubPolicy withDeadlines(DeadlinePolicy d) {
        return new HubPolicy(d, supervisionSweep, pushAckTimeout, repushRounds, workerRefresh, loginMaxFailures,
                loginWindow, loginTokenTtl, bcryptCost);
    }

    public HubPolicy withPush(Duration ackTimeout, int rounds) {
        return new HubPolicy(deadlines, supervisionSweep, ackTimeout, rounds, workerRefresh, loginMaxFailures,
                loginWindow, loginTokenTtl, bcryptCost);
    }

    public HubPolicy withSweep(Duration sweep) {
        return new HubPolicy(deadlines, sweep, pushAckTimeout, repushRounds, workerRefresh, loginMaxFailures,
                loginWindow, loginTokenTtl, bcryptCost);
    }

    public HubPolicy withBcryptCost(int cost) {
        return new HubPolicy(deadlines, supervisionSweep, pushAckTimeout, repushRounds, workerRefresh, loginMaxFailures,
                loginWindow, loginTokenTtl, cost);
    }

    public HubPolicy withLogin(int maxFailures, Duration window, Duration tokenTtl) {
        return new HubPolicy(deadlines, supervisionSweep, pushAckTimeout, repushRounds, workerRefresh, maxFailures,
                window, tokenTtl, bcryptCost);
    }
}
