package io.gridsense.hub.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (a user name, a client address) in a sliding window; past the limit the key is
 * refused until its oldest failure leaves the window. In memory, per hub: with N hubs behind a balancer an
 * attacker gets at most N times the limit, which still stops password guessing.
 */
public final class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long the key must still wait; zero when it may try now. */
    public Duration retryAfter(String key) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return Duration.ZERO;
        }
        synchronized (q) {
            Instant now = clock.instant();
            while (!q.isEmpty() && !q.peekFirst().plus(window).isAfter(now)) {
                q.pollFirst();
            }
            if (q.size() < maxFailures) {
                return Duration.ZERO;
            }
            return Duration.between(now, q.peekFirst().plus(window));
        }
    }

    public void failed(String key) {
        Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(clock.instant());
            while (q.size() > maxFailures) {
                q.pollFirst();
            }
        }
    }

    public void succeeded(String key) {
        failures.remove(key);
    }
}
