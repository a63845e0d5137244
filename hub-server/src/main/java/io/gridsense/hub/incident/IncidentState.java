package io.gridsense.hub.incident;

import java.util.EnumSet;
import java.util.Set;

/**
 * The closed loop of GB/T 30428 as incident states: 信息收集 REPORTED → 案卷建立 ACCEPTED (or REJECTED as a false
 * alarm) → 任务派遣 DISPATCHED → 任务处理 IN_PROGRESS → 处理反馈 HANDLED → 核查结案 CLOSED (or back to IN_PROGRESS:
 * rework) → 综合评价 EVALUATED. No caller can skip a step: {@link LoopAction} is the only way to move.
 */
public enum IncidentState {
    REPORTED, ACCEPTED, REJECTED, DISPATCHED, IN_PROGRESS, HANDLED, CLOSED, EVALUATED;

    /** States a transition may go to from this one. */
    public Set<IncidentState> next() {
        return switch (this) {
            case REPORTED -> EnumSet.of(ACCEPTED, REJECTED);
            case ACCEPTED -> EnumSet.of(DISPATCHED, REJECTED);
            case DISPATCHED -> EnumSet.of(IN_PROGRESS, REJECTED);
            // the gridworker on the spot may still find nothing there: a false alarm
            case IN_PROGRESS -> EnumSet.of(HANDLED, REJECTED);
            case HANDLED -> EnumSet.of(CLOSED, IN_PROGRESS);        // back to work when verification fails (返工)
            case CLOSED -> EnumSet.of(EVALUATED);
            case REJECTED, EVALUATED -> EnumSet.noneOf(IncidentState.class);
        };
    }

    public boolean canGoTo(IncidentState target) {
        return next().contains(target);
    }

    /** Whether new alerts may still merge into an incident in this state. */
    public boolean isOpen() {
        return this != CLOSED && this != EVALUATED && this != REJECTED;
    }

    /** Whether the deadline runs: dispatched and not yet verified. */
    public boolean deadlineRuns() {
        return this == DISPATCHED || this == IN_PROGRESS || this == HANDLED;
    }
}
