package io.gridsense.analytics.behavior;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The timing logic shared by the rules: a condition must hold for {@code minDuration}, gaps up to
 * {@code dropout} (a missed detection, a person hidden for a moment) do not restart it, and after an alarm the
 * rule stays quiet for {@code repeatInterval}.
 */
public final class HoldTimer {
    private final Duration minDuration;
    private final Duration dropout;
    private final Duration repeatInterval;
    private Instant since;
    private Instant lastTrue;
    private Instant lastAlarm;

    public HoldTimer(Duration minDuration, Duration dropout, Duration repeatInterval) {
        this.minDuration = minDuration;
        this.dropout = dropout;
        this.repeatInterval = repeatInterval;
    }

    /** Feeds the condition at time {@code at}; returns the episode's start when an alarm is due now. */
    public Optional<Instant> update(boolean condition, Instant at) {
        return update(condition, at, at);
    }

    /**
     * As {@link #update(boolean, Instant)}, for a condition measured over a window: a new episode starts at
     * {@code evidenceSince} (the window's start), because the window already shows the behaviour since then.
     */
    public Optional<Instant> update(boolean condition, Instant at, Instant evidenceSince) {
        if (condition) {
            if (since == null) {
                since = evidenceSince.isAfter(at) ? at : evidenceSince;
            }
            lastTrue = at;
        } else if (since != null && Duration.between(lastTrue, at).compareTo(dropout) > 0) {
            since = null;
            lastTrue = null;
        }
        if (!condition || since == null || Duration.between(since, at).compareTo(minDuration) < 0) {
            return Optional.empty();
        }
        if (lastAlarm != null && Duration.between(lastAlarm, at).compareTo(repeatInterval) < 0) {
            return Optional.empty();
        }
        lastAlarm = at;
        return Optional.of(since);
    }

    /** Start of the current episode, if one is running. */
    public Optional<Instant> since() {
        return Optional.ofNullable(since);
    }
}
