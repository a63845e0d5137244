package io.gridsense.analytics.realfootage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.gridsense.analytics.Box;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.rules.RuleSet;
import io.gridsense.analytics.people.HogPersonDetector;
import io.gridsense.analytics.people.Nms;
import io.gridsense.analytics.people.SearchRegion;
import io.gridsense.analytics.tracking.Track;
import java.nio.file.Files;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/**
 * HOG's region look on real pedestrians (vtest.avi): told where the tracked people are and how tall, it finds them
 * again; told to look where nobody is, it finds nobody there.
 */
class HogRegionsVtestTest {

    @Test
    void lookingOnlyAroundKnownPeopleFindsThemAgain() throws Exception {
        if (!Files.isRegularFile(VtestTest.VTEST)) {
            fail(VtestTest.VTEST + " is missing: install the Debian package opencv-doc");
        }
        List<Box> tracked = trackedAt(160);
        assertThat(tracked).as("people tracked at frame 160 (hand count 8)").hasSizeGreaterThanOrEqualTo(5);
        try (Mat frame = frame(160); HogPersonDetector hog = new HogPersonDetector()) {
            List<Box> whole = tracked;
            List<SearchRegion> regions = whole.stream()
                    .map(b -> new SearchRegion(b, 0.8 * b.h(), 1.25 * b.h())).toList();
            List<Box> again = hog.detectIn(frame, regions);
            long refound = whole.stream().filter(b -> again.stream().anyMatch(a -> Nms.iou(a, b) > 0.4)).count();
            assertThat(refound).as("of %d people tracked, found again in their regions (%s)",
                    whole.size(), again).isGreaterThanOrEqualTo(whole.size() - 1);
            // Every region person lies in a region: the look does not wander.
            for (Box a : again) {
                assertThat(regions).anyMatch(r -> Nms.intersection(a, r.area()) > 0.3 * a.w() * a.h());
            }
        }
    }

    @Test
    void aRegionWithoutAnyoneInItFindsNobody() throws Exception {
        if (!Files.isRegularFile(VtestTest.VTEST)) {
            fail(VtestTest.VTEST + " is missing: install the Debian package opencv-doc");
        }
        List<Box> whole = trackedAt(160);
        try (Mat frame = frame(160); HogPersonDetector hog = new HogPersonDetector()) {
            // The lawn in the lower left, with a plastic bag on it: nobody walks there in vtest.avi.
            Box empty = new Box(0.03, 0.55, 0.3, 0.35, 1);
            assertThat(whole).noneMatch(b -> Nms.intersection(b, empty) > 0);
            assertThat(hog.detectIn(frame, List.of(new SearchRegion(empty, 0.12, 0.25)))).isEmpty();
        }
    }

    /**
     * The people the agent's pipeline tracks in the open at frame {@code index} of vtest.avi (every second frame
     * analysed): not those its look behind a group found, whom a plain region look cannot see by design.
     */
    private static List<Box> trackedAt(int index) throws Exception {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(VtestTest.VTEST.toFile());
             OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
             CameraPipeline p = CameraPipeline.withDefaults(RuleSet.defaults())) {
            g.start();
            List<Box> people = List.of();
            for (int n = 0; n <= index; n++) {
                Frame f = g.grabImage();
                if (n % 2 == 0) {
                    p.analyse(conv.convert(f), t0.plusMillis(n * 100L));
                    people = p.lastTracks().stream().filter(t -> !t.seenBehind()).map(Track::box).toList();
                }
            }
            g.stop();
            return people;
        }
    }

    /** Frame {@code index} of vtest.avi at the pipeline's analysis width (640). */
    private static Mat frame(int index) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(VtestTest.VTEST.toFile());
             OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
            g.start();
            Frame f = null;
            for (int i = 0; i <= index; i++) {
                f = g.grabImage();
            }
            Mat src = conv.convert(f);
            Mat out = new Mat();
            try (Size size = new Size(640, (int) Math.round(src.rows() * 640.0 / src.cols()))) {
                resize(src, out, size, 0, 0, INTER_AREA);
            }
            g.stop();
            return out;
        }
    }
}
