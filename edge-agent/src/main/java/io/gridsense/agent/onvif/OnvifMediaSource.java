package io.gridsense.agent.onvif;

import io.gridsense.agent.camera.FfmpegMediaSource;
import io.gridsense.agent.camera.MediaSource;
import io.gridsense.agent.camera.PullSettings;
import java.io.IOException;
import java.time.Clock;
import org.bytedeco.javacv.Frame;

/**
 * A camera given as {@code onvif://user:pass@host[:port]/profile}: each time it is opened, the profile's
 * stream URI is asked of the camera afresh (it may change after a camera reboot), then pulled by FFmpeg. A
 * failure to resolve is an ordinary open failure, so it gets the camera's backoff and plain-words status.
 */
public final class OnvifMediaSource implements MediaSource {

    private final String onvifUrl;
    private final PullSettings settings;
    private final OnvifResolver resolver;
    private FfmpegMediaSource stream;

    public OnvifMediaSource(String onvifUrl, PullSettings settings, Clock clock) {
        this.onvifUrl = onvifUrl;
        this.settings = settings;
        this.resolver = new OnvifResolver(settings.ioTimeout(), clock);
    }

    @Override
    public void open() throws IOException {
        close();
        String rtsp = resolver.resolve(onvifUrl);
        FfmpegMediaSource s = new FfmpegMediaSource(rtsp, false, settings);
        s.open();
        stream = s;
    }

    @Override
    public Frame grab() throws IOException {
        if (stream == null) {
            throw new IOException("source not open");
        }
        return stream.grab();
    }

    @Override
    public Frame grab(boolean picture) throws IOException {
        if (stream == null) {
            throw new IOException("source not open");
        }
        return stream.grab(picture);
    }

    @Override
    public long corruptFrames() {
        return stream == null ? 0 : stream.corruptFrames();
    }

    @Override
    public StreamInfo info() {
        return stream == null ? null : stream.info();
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
