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

    @Test
    void aWaitingSenderIsWokenByTheCompletionThatFreesASlot() throws Exception {
        PublishWindow w = new PublishWindow(1);
        assertThat(w.tryAcquire()).isTrue();
        assertThat(w.awaitRoom(1_000_000)).as("full: the wait times out").isFalse();
        Thread completion = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            w.release();
        });
        completion.start();
        long t0 = System.nanoTime();
        assertThat(w.awaitRoom(java.util.concurrent.TimeUnit.SECONDS.toNanos(30))).isTrue();
        assertThat(System.nanoTime() - t0).as("woken by the release, long before the 30 s timeout")
                .isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(10));
        assertThat(w.tryAcquire()).isTrue();
        completion.join();
    }
}
