package io.gridsense.analytics.behavior;

import io.gridsense.analytics.BehaviorEvent;
import java.util.List;

/** One behaviour rule applied frame by frame; raises an event when the behaviour has held long enough. */
public interface BehaviorAnalyzer extends AutoCloseable {

    /** Looks at one frame; returns the events raised on it (usually none). */
    List<BehaviorEvent> analyse(FrameContext frame);

    /** Frees native resources. */
    @Override
    default void close() {
    }
}
