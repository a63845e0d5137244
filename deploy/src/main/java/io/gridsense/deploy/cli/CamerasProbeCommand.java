package io.gridsense.deploy.cli;

import io.gridsense.agent.camera.CameraErrors;
import io.gridsense.agent.camera.PullSettings;
import io.gridsense.agent.camera.StreamProbe;
import io.gridsense.agent.onvif.OnvifException;
import io.gridsense.agent.onvif.OnvifResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gridsense cameras probe URL}: opens one stream and prints codec, size, rates and the first frame's time. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Opens rtsp://… (or onvif://user:pass@host[:port]/profile, resolved first) the way the agent",
            "would, prints codec, size, frame rate and the first frame's time, and saves that frame as a JPEG.",
            "Exit status 1 with the reason in plain words when the camera cannot be read."})
public final class CamerasProbeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URL", description = "rtsp://, onvif:// or a file")
    String url;

    @Option(names = "--snapshot", defaultValue = "snapshot.jpg", description = "where to save the first frame; default ${DEFAULT-VALUE}")
    Path snapshot;

    @Option(names = "--seconds", defaultValue = "3", description = "how long to measure the frame rate; default ${DEFAULT-VALUE}")
    int seconds;

    @Option(names = "--udp", description = "RTP over UDP instead of TCP")
    boolean udp;

    @Option(names = "--timeout", defaultValue = "5", description = "socket timeout in seconds; default ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Override
    public Integer call() {
        String shown = CameraErrors.redact(url);
        PullSettings settings = PullSettings.defaults().withIoTimeout(Duration.ofSeconds(timeoutSeconds))
                .withTransport(udp ? PullSettings.Transport.UDP : PullSettings.Transport.TCP);
        try {
            String stream = url;
            if (OnvifResolver.isOnvif(url)) {
                stream = new OnvifResolver(Duration.ofSeconds(timeoutSeconds), Clock.systemUTC()).resolve(url);
                System.out.println("resolved " + shown + " -> " + CameraErrors.redact(stream));
            }
            StreamProbe.Result r = new StreamProbe(settings, Clock.systemUTC()).probe(stream, Duration.ofSeconds(seconds), snapshot);
            System.out.println("camera      " + shown);
            System.out.println("codec       " + r.codec());
            System.out.println("size        " + r.width() + "x" + r.height());
            System.out.printf("fps         %.2f nominal, %.2f measured over %d s%n", r.nominalFps(), r.measuredFps(), seconds);
            System.out.println("first frame " + r.firstFrameAt() + " (" + r.firstFrameAfter().toMillis() + " ms after connecting)");
            System.out.println("corrupt     " + r.corruptFrames() + " of " + r.framesRead() + " frames");
            System.out.println("snapshot    " + (r.snapshot() == null ? "not saved" : r.snapshot().toAbsolutePath()));
            return 0;
        } catch (OnvifException e) {
            System.err.println("gridsense cameras probe: " + shown + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("gridsense cameras probe: " + shown + ": " + CameraErrors.redact(e.getMessage()));
            return 1;
        }
    }
}
