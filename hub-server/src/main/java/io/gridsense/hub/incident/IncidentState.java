package io.gridsense.hub.incident;

import java.util.EnumSet;
import java.util.Set;

/**
 * The closed loop of GB/T 30428 (信息收集-案卷建立-任务派遣-任务处理-处理反馈-核查结案-综合评价) as incident states.
 * Only REPORTED → ACCEPTED is driven by the hub so far; the rest of the loop is a later issue, but the legal
 * transitions are fixed here so that no caller can skip a step.
 */
public enum IncidentState {
    REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, HANDLED, CLOSED, EVALUATED;

    /** States a transition may go to from this one. */
    public Set<IncidentState> next() {
        return switch (this) {
            case REPORTED -> EnumSet.of(ACCEPTED, CLOSED);          // closed directly: a false alarm
            case ACCEPTED -> EnumSet.of(DISPATCHED, IN_PROGRESS, CLOSED);
            case DISPATCHED -> EnumSet.of(IN_PROGRESS);
            case IN_PROGRESS -> EnumSet.of(HANDLED);
            case HANDLED -> EnumSet.of(CLOSED, IN_PROGRESS);        // back to work when verification fails (返工)
            case CLOSED -> EnumSet.of(EVALUATED);
            case EVALUATED -> EnumSet.noneOf(IncidentState.class);
        };
    }

    public boolean canGoTo(IncidentState target) {
        return next().contains(target);
    }

    /** Whether new alerts may still merge into an incident in this state. */
    public boolean isOpen() {
        return this != CLOSED && this != EVALUATED;
    }
}
