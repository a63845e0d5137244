package io.gridsense.analytics.scene;

/**
 * The kinds of generated evaluation clip. Positives: GATHERING, DISPERSING, FIGHT. The rest are negatives, several
 * of them hard on purpose (close or fast people who are neither gathering nor fighting, a shaking camera).
 */
public enum Scenario {
    /** 2-5 people crossing, some in pairs. */
    WALKING,
    /** 5-7 people in an orderly line that shuffles forward now and then: dense, but a queue, not a gathering. */
    QUEUE,
    /** People arrive one by one and stand together in a loose group, then leave. */
    GATHERING,
    /** A group already standing together breaks up and people walk off in all directions. */
    DISPERSING,
    /** A group of 3-4 runs past together, back and forth. */
    JOGGING,
    /** Three children run about and change direction all the time: fast, disordered, close, but play. */
    PLAYING,
    /** Two people meet, talk, then fight (lunges, flailing arms); passers-by. */
    FIGHT,
    /** A badly mounted camera shaking in the wind, with a pair chatting and people walking by. */
    SHAKY,
    /** The empty plaza. */
    EMPTY
}
