package io.gridsense.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void everyKindRoundTrips() {
        for (Topic t : new Topic[] {
                Topic.agentStatus("s1", "a1"), Topic.cameraStatus("s1", "a1", "c1"), Topic.alerts("s1", "a1"),
                Topic.command("s1", "a1"), Topic.commandReply("s1", "a1"), Topic.workerPush("w-9")}) {
            assertThat(Topic.parse(t.path())).contains(t);
        }
        assertThat(Topic.alerts("site-A", "agent_7").path()).isEqualTo("gridsense/v1/site-A/agents/agent_7/alerts");
        assertThat(Topic.workerPush("w1").path()).isEqualTo("gridsense/v1/push/workers/w1");
    }

    @Test
    void rejectsForeignAndMalformedTopics() {
        assertThat(Topic.parse("gridsense/v2/s/agents/a/alerts")).isEmpty();
        assertThat(Topic.parse("gridsense/v1/s/agents/a/alerts/extra")).isEmpty();
        assertThat(Topic.parse("gridsense/v1/s/agents/+/alerts")).isEmpty();
        assertThat(Topic.parse("gridsense/v1/s/agents//alerts")).isEmpty();
        assertThat(Topic.parse(null)).isEmpty();
        assertThatThrownBy(() -> Topic.alerts("s", "a/b")).hasMessageContaining("agentId");
    }
}
