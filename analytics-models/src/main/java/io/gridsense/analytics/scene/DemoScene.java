package io.gridsense.analytics.scene;

/** The labelled demo/test scenes that {@link SceneVideo} renders. */
public enum DemoScene {
    /** 2-3 people cross at walking pace and never stop together: a negative for both rules. */
    WALKING,
    /** People walk in, ~6 stand together in a loose, lively group for most of the clip, then disperse. */
    GATHERING,
    /** Two people close together flailing, lunging and pushing; a bystander walks past. */
    FIGHT,
    /** The background alone, with sensor noise and a slow lighting change. */
    EMPTY
}
