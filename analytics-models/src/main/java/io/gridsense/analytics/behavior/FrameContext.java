package io.gridsense.analytics.behavior;

import io.gridsense.analytics.Box;
import io.gridsense.analytics.density.Occupancy;
import io.gridsense.analytics.tracking.Track;
import java.time.Instant;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * What the analyzers get for one frame: the tracked people and motion blobs (normalised boxes), the tracks behind
 * the people (same order; empty when unknown, e.g. in unit tests), the size of the analysed frame (for
 * aspect-correct distances) and the small blurred grey frame, owned by the pipeline and valid only during the
 * call (may be null in unit tests), and the occupancy (null unless a rule asked for density; valid only during the
 * call).
 */
public record FrameContext(Instant at, int width, int height, double motionFraction, List<Box> people,
                           List<Box> motionBoxes, Mat grey, List<Track> tracks, Occupancy occupancy) {
    public FrameContext {
        people = List.copyOf(people);
        motionBoxes = List.copyOf(motionBoxes);
        tracks = List.copyOf(tracks);
    }

    /** A context without occupancy. */
    public FrameContext(Instant at, int width, int height, double motionFraction, List<Box> people,
                        List<Box> motionBoxes, Mat grey, List<Track> tracks) {
        this(at, width, height, motionFraction, people, motionBoxes, grey, tracks, null);
    }

    /** A context without track velocities. */
    public FrameContext(Instant at, int width, int height, double motionFraction, List<Box> people,
                        List<Box> motionBoxes, Mat grey) {
        this(at, width, height, motionFraction, people, motionBoxes, grey, List.of());
    }

    /** How fast person i moves, in their own heights per second (0 when there is no track). */
    public double speedInHeights(int i) {
        if (i >= tracks.size()) {
            return 0;
        }
        return tracks.get(i).speedInHeights(width, height);
    }

    /**
     * How fast person i has been moving: the smaller of the filter's speed and the net displacement over the last
     * ~2 s (both in own heights per second), so that a standing person's jitter does not make them a walker; a
     * walker's displacement adds up within a second, and someone who sets off counts as standing for about a
     * second longer (0 when there is no track).
     */
    public double settledSpeedInHeights(int i) {
        double now = speedInHeights(i);
        if (i >= tracks.size() || Double.isNaN(tracks.get(i).recentSpeed())) {
            return now;
        }
        return Math.min(now, tracks.get(i).recentSpeed());
    }
}
