package io.gridsense.hub.incident;

import java.time.Instant;

/** A copy of an {@link IncidentLoop} with some fields changed: keeps the steps of the loop readable. */
public final class LoopBuilder {

    private String source;
    private String category;
    private String description;
    private String reportedBy;
    private CommandLevel level;
    private String gridPath;
    private String assignee;
    private Instant dispatchedAt;
    private Instant deadlineAt;
    private Instant arrivedAt;
    private Instant handledAt;
    private Instant closedAt;
    private Instant evaluatedAt;
    private Instant supervisedAt;
    private int reworkCount;
    private int supervisions;
    private int escalations;
    private Integer rating;
    private Boolean onTime;
    private String feedbackNote;
    private String feedbackPhoto;

    public LoopBuilder(IncidentLoop l) {
        source = l.source();
        category = l.category();
        description = l.description();
        reportedBy = l.reportedBy();
        level = l.level();
        gridPath = l.gridPath();
        assignee = l.assignee();
        dispatchedAt = l.dispatchedAt();
        deadlineAt = l.deadlineAt();
        arrivedAt = l.arrivedAt();
        handledAt = l.handledAt();
        closedAt = l.closedAt();
        evaluatedAt = l.evaluatedAt();
        supervisedAt = l.supervisedAt();
        reworkCount = l.reworkCount();
        supervisions = l.supervisions();
        escalations = l.escalations();
        rating = l.rating();
        onTime = l.onTime();
        feedbackNote = l.feedbackNote();
        feedbackPhoto = l.feedbackPhoto();
    }

    public LoopBuilder level(CommandLevel v) { level = v; return this; }
    public LoopBuilder assignee(String v) { assignee = v; return this; }
    public LoopBuilder dispatchedAt(Instant v) { dispatchedAt = v; return this; }
    public LoopBuilder deadlineAt(Instant v) { deadlineAt = v; return this; }
    public LoopBuilder arrivedAt(Instant v) { arrivedAt = v; return this; }
    public LoopBuilder handledAt(Instant v) { handledAt = v; return this; }
    public LoopBuilder closedAt(Instant v) { closedAt = v; return this; }
    public LoopBuilder evaluatedAt(Instant v) { evaluatedAt = v; return this; }
    public LoopBuilder supervisedAt(Instant v) { supervisedAt = v; return this; }
    public LoopBuilder reworkCount(int v) { reworkCount = v; return this; }
    public LoopBuilder supervisions(int v) { supervisions = v; return this; }
    public LoopBuilder escalations(int v) { escalations = v; return this; }
    public LoopBuilder rating(Integer v) { rating = v; return this; }
    public LoopBuilder onTime(Boolean v) { onTime = v; return this; }
    public LoopBuilder feedbackNote(String v) { feedbackNote = v; return this; }
    public LoopBuilder feedbackPhoto(String v) { feedbackPhoto = v; return this; }

    public IncidentLoop build() {
        return new IncidentLoop(source, category, description, reportedBy, level, gridPath, assignee, dispatchedAt,
                deadlineAt, arrivedAt, handledAt, closedAt, evaluatedAt, supervisedAt, reworkCount, supervisions,
                escalations, rating, onTime, feedbackNote, feedbackPhoto);
    }
}
