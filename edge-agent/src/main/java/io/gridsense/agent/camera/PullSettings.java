package io.gridsense.agent.camera;

import java.time.Duration;
import java.util.Objects;

/**
 * How a camera's stream is pulled: RTSP transport, the socket timeout that notices a silent camera, the
 * reconnect backoff (and a longer one after a refused password, so a camera does not lock the account), the
 * decoder threads and when an outage is long enough to be reported as an alert.
 */
public record PullSettings(Transport transport, Duration ioTimeout, Duration minBackoff, Duration maxBackoff,
                           Duration authBackoff, int decodeThreads, Duration offlineAlertAfter) {

    /** RTSP's media transport: interleaved on the TCP control connection (the default) or UDP. */
    public enum Transport { TCP, UDP }

    public PullSettings {
        Objects.requireNonNull(transport, "transport");
        require(ioTimeout, "ioTimeout");
        require(minBackoff, "minBackoff");
        require(maxBackoff, "maxBackoff");
        require(authBackoff, "authBackoff");
        require(offlineAlertAfter, "offlineAlertAfter");
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be at least minBackoff");
        }
        if (decodeThreads < 0) {
            throw new IllegalArgumentException("decodeThreads must be 0 (FFmpeg chooses) or more");
        }
    }

    /**
     * TCP, 5 s socket timeout, 1 s to 30 s backoff, 60 s after a refused password, one decoder thread (many
     * cameras share few cores, so one thread each costs least), offline alert after 60 s.
     */
    public static PullSettings defaults() {
        return new PullSettings(Transport.TCP, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 1, Duration.ofSeconds(60));
    }

    public PullSettings withTransport(Transport t) {
        return new PullSettings(t, ioTimeout, minBackoff, maxBackoff, authBackoff, decodeThreads, offlineAlertAfter);
    }

    public PullSettings withIoTimeout(Duration d) {
        return new PullSettings(transport, d, minBackoff, maxBackoff, authBackoff, decodeThreads, offlineAlertAfter);
    }

    public PullSettings withBackoff(Duration min, Duration max, Duration auth) {
        return new PullSettings(transport, ioTimeout, min, max, auth, decodeThreads, offlineAlertAfter);
    }

    public PullSettings withOfflineAlertAfter(Duration d) {
        return new PullSettings(transport, ioTimeout, minBackoff, maxBackoff, authBackoff, decodeThreads, d);
    }

    private static void require(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
