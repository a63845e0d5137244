package io.gridsense.analytics;

/** The behaviours the analyzers recognise. */
public enum BehaviorType {
    GATHERING,
    FIGHT
}
