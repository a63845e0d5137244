package io.gridsense.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The connector's publish window on its own: slots up to the broker's Receive Maximum, given back on completion. */
class PublishWindowUnitTest {

    @Test
    void holdsAtMostTheLimitAndFreesOnRelease() {
        PublishWindow w = new PublishWindow(3);
        assertThat(w.tryAcquire()).isTrue();
        assertThat(w.tryAcquire()).isTrue();
        assertThat(w.tryAcquire()).isTrue();
        assertThat(w.tryAcquire()).as("full").isFalse();
        assertThat(w.outstanding()).isEqualTo(3);
        w.release();
        assertThat(w.tryAcquire()).isTrue();
        assertThat(w.tryAcquire()).isFalse();
    }

    @Test
    void takesTheBrokersMaximumOrTheProtocolDefault() {
        PublishWindow w = new PublishWindow(20);
        w.limit(1000);
        assertThat(w.limit()).isEqualTo(1000);
        w.limit(null);
        assertThat(w.limit()).isEqualTo(PublishWindow.PROTOCOL_MAXIMUM);
    }

    @Test
    void shrinksToWhatWasOutstandingWhenPahoRefused() {
        PublishWindow w = new PublishWindow(20);
        for (int i = 0; i < 11; i++) {
            assertThat(w.tryAcquire()).isTrue();
        }
        // Paho refused the 11th: 10 others were outstanding, so the broker's window is at most 10
        assertThat(w.shrinkToOutstanding()).isEqualTo(10);
        w.release();
        assertThat(w.tryAcquire()).as("10 outstanding again: full").isFalse();
    }
}
