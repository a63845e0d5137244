package io.gridsense.agent.camera;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many analyses run at once by default, and that a full budget turns a camera away rather than queueing it. */
class AnalysisBudgetTest {

    @Test
    void oneSlotPerCoreButOneAndTwoOnATwoCoreBox() {
        assertThat(AnalysisBudget.defaultSize(1)).isEqualTo(1);
        assertThat(AnalysisBudget.defaultSize(2)).isEqualTo(2);
        assertThat(AnalysisBudget.defaultSize(4)).isEqualTo(3);
        assertThat(AnalysisBudget.defaultSize(16)).isEqualTo(15);
    }

    @Test
    void aFullBudgetSaysNoWithinTheWait() throws InterruptedException {
        AnalysisBudget budget = new AnalysisBudget(2);
        assertThat(budget.tryEnter(0)).isTrue();
        assertThat(budget.tryEnter(0)).isTrue();
        long t0 = System.nanoTime();
        assertThat(budget.tryEnter(50)).isFalse();
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(40);
        budget.leave();
        assertThat(budget.tryEnter(0)).isTrue();
    }
}
