package io.gridsense.hub.incident;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The operations of the closed loop, each with the states it starts from and the state it leads to. */
public enum LoopAction {
    ACCEPT(IncidentState.ACCEPTED, IncidentState.REPORTED),
    REJECT(IncidentState.REJECTED, IncidentState.REPORTED, IncidentState.ACCEPTED, IncidentState.DISPATCHED,
            IncidentState.IN_PROGRESS),
    DISPATCH(IncidentState.DISPATCHED, IncidentState.ACCEPTED),
    ARRIVE(IncidentState.IN_PROGRESS, IncidentState.DISPATCHED),
    FEEDBACK(IncidentState.HANDLED, IncidentState.IN_PROGRESS),
    VERIFY(IncidentState.CLOSED, IncidentState.HANDLED),
    REWORK(IncidentState.IN_PROGRESS, IncidentState.HANDLED),
    EVALUATE(IncidentState.EVALUATED, IncidentState.CLOSED);

    private final IncidentState to;
    private final Set<IncidentState> from;

    LoopAction(IncidentState to, IncidentState first, IncidentState... more) {
        this.to = to;
        this.from = EnumSet.of(first, more);
        for (IncidentState f : from) {
            if (!f.canGoTo(to)) { // the two tables must agree: fail at class load, not in production
                throw new IllegalStateException(name() + ": " + f + " -> " + to + " is not a legal transition");
            }
        }
    }

    public IncidentState to() {
        return to;
    }

    public Set<IncidentState> from() {
        return from;
    }

    public boolean allowedFrom(IncidentState s) {
        return from.contains(s);
    }

    /** The lower-case name used in URLs ("/api/incidents/{id}/dispatch"). */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action named by a URL segment, or null. */
    public static LoopAction fromPath(String s) {
        for (LoopAction a : values()) {
            if (a.path().equals(s)) {
                return a;
            }
        }
        return null;
    }
}
