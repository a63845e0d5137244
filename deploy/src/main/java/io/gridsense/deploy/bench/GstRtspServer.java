package io.gridsense.deploy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GStreamer's RTSP server (python3-gst-1.0, the script the camera tests use) on a free loopback port, serving
 * MPEG-TS clips on named mounts, optionally behind digest auth; for the camera benchmark and the CLI tests.
 */
public final class GstRtspServer implements AutoCloseable {

    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final int port;

    private GstRtspServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the server with {@code mounts} ("name=clip.ts:h264"), the script copied into {@code dir}; with digest
     * auth when {@code user} is not null. Every client gets its own pipeline playing its clip from the start.
     */
    public static GstRtspServer start(Path dir, List<String> mounts, String user, String password) throws IOException {
        Path script = dir.resolve("rtsp_server.py");
        try (InputStream in = GstRtspServer.class.getResourceAsStream("rtsp_server.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString(), Integer.toString(port)));
        if (user != null) {
            cmd.addAll(List.of("--user", user, "--password", password));
        }
        cmd.addAll(mounts);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("ready")) {
            p.destroyForcibly();
            throw new IOException("the GStreamer RTSP server did not start (install gstreamer1.0-rtsp "
                    + "gir1.2-gst-rtsp-server-1.0 python3-gst-1.0): " + line);
        }
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // keep the pipe from filling
                }
            } catch (IOException ignored) {
                // the server exited
            }
        }, "rtsp-server-output");
        drain.setDaemon(true);
        drain.start();
        return new GstRtspServer(p, port);
    }

    /** Copies an H.264 MP4 into the MPEG-TS the server reads (no re-encoding). */
    public static Path toMpegTs(Path mp4, Path ts) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", mp4.toString(), "-c", "copy", "-bsf:v",
                "h264_mp4toannexb", "-f", "mpegts", ts.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("ffmpeg could not copy " + mp4 + " to MPEG-TS: " + out);
        }
        return ts;
    }

    public int port() {
        return port;
    }

    /** The URL of a mount, with credentials when given. */
    public String url(String mount, String userInfo) {
        return "rtsp://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port + "/" + mount;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
