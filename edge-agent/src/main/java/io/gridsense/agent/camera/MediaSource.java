package io.gridsense.agent.camera;

import java.io.IOException;
import org.bytedeco.javacv.Frame;

/**
 * Where a camera's pictures come from: an RTSP stream or a video file, opened, read frame by frame and
 * closed. One source belongs to one camera thread; implementations need not be thread-safe.
 */
public interface MediaSource extends AutoCloseable {

    /** Connects and reads the stream header; throws with a plain-words message when it cannot. */
    void open() throws IOException;

    /** The next decoded picture, or null at the end of a finite source. The frame is reused by the next call. */
    Frame grab() throws IOException;

    /**
     * The next decoded frame; when {@code picture} is false the source may skip converting it to a picture
     * (the frame then only counts), which is most of the decode cost a camera saves between analysed frames.
     */
    default Frame grab(boolean picture) throws IOException {
        return grab();
    }

    /** What the open stream carries; valid after {@link #open()}, and updated when the stream changes size. */
    StreamInfo info();

    /** Pictures the decoder marked corrupt (concealed errors) since open; 0 where the source cannot tell. */
    default long corruptFrames() {
        return 0;
    }

    @Override
    void close();

    /** A stream's codec, picture size and nominal frame rate. */
    record StreamInfo(String codec, int width, int height, double fps) {
    }
}
