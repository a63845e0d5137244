package io.gridsense.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.agent.outbox.MemoryOutbox;
import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.GeoPoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryOutboxTest {

    private static Alert alert(String id) {
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        return new Alert(1, id, "s", "a", "c", AlertType.GATHERING, t, t, 0.9, 5, List.of(), new GeoPoint(30, 120),
                List.of(), "m", "r", "1");
    }

    @Test
    void keepsOrderUntilAcknowledgedAndDropsOldestWhenFull() throws InterruptedException {
        MemoryOutbox box = new MemoryOutbox(2);
        box.append(alert("a1"));
        box.append(alert("a2"));
        assertThat(box.peek(0)).get().extracting(Alert::alertId).isEqualTo("a1");
        assertThat(box.peek(0)).get().extracting(Alert::alertId).isEqualTo("a1");
        box.append(alert("a3"));
        assertThat(box.depth()).isEqualTo(2);
        assertThat(box.peek(0)).get().extracting(Alert::alertId).isEqualTo("a2");
        box.acknowledged("a2");
        assertThat(box.peek(0)).get().extracting(Alert::alertId).isEqualTo("a3");
        box.acknowledged("a3");
        assertThat(box.peek(10)).isEmpty();
    }
}
