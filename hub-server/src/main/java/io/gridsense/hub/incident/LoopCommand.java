package io.gridsense.hub.incident;

/**
 * One request to move an incident along the loop: the action, who asks (an audit actor such as
 * "operator:op-1"), and what the action needs — a note (reject, feedback, rework), a photo path (feedback),
 * an assignee (dispatch) or a rating 1–5 (evaluate).
 */
public record LoopCommand(LoopAction action, String actor, String note, String evidence, String assignee, Integer rating) {

    public static LoopCommand of(LoopAction action, String actor) {
        return new LoopCommand(action, actor, null, null, null, null);
    }
}
