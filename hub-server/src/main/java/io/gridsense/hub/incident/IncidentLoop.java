package io.gridsense.hub.incident;

import java.time.Instant;

/**
 * Where an incident stands in the closed loop beyond its alerts: who reported it and how, the command level
 * handling it, the assignee, the deadline, the time of each step, rework, supervision (督办) and escalation,
 * and the evaluation.
 *
 * @param source      ALERT (from an edge alert) or MANUAL (reported by a gridworker or an operator)
 * @param category    the deadline category: the alert type's name unless a manual report said otherwise
 * @param gridPath    the grid and its ancestors as "/a/b/c/": what scope checks match on
 * @param onTime      set on closing: closed before the deadline and never supervised
 */
public record IncidentLoop(
        String source,
        String category,
        String description,
        String reportedBy,
        CommandLevel level,
        String gridPath,
        String assignee,
        Instant dispatchedAt,
        Instant deadlineAt,
        Instant arrivedAt,
        Instant handledAt,
        Instant closedAt,
        Instant evaluatedAt,
        Instant supervisedAt,
        int reworkCount,
        int supervisions,
        int escalations,
        Integer rating,
        Boolean onTime,
        String feedbackNote,
        String feedbackPhoto) {

    /** The loop of a fresh incident. */
    public static IncidentLoop fresh(String source, String category, String description, String reportedBy, String gridPath) {
        return new IncidentLoop(source, category, description, reportedBy, CommandLevel.VILLAGE, gridPath, null, null,
                null, null, null, null, null, null, 0, 0, 0, null, null, null, null);
    }
}
