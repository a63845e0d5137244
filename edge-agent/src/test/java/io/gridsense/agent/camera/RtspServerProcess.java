package io.gridsense.agent.camera;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real GStreamer RTSP server (tests/resources/rtsp/rtsp_server.py, run by the system python that has the
 * GStreamer bindings) on loopback, which a test can kill and start again on the same port.
 */
final class RtspServerProcess implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";

    private final int port;
    private final List<String> args;
    private Process process;

    private RtspServerProcess(int port, List<String> args) {
        this.port = port;
        this.args = args;
    }

    /** Starts a server for {@code mounts} (mount name to clip, codec after a colon); with auth when user is set. */
    static RtspServerProcess start(Map<String, String> mounts, String user, String password) throws IOException {
        Path script = Path.of("src/test/resources/rtsp/rtsp_server.py").toAbsolutePath();
        List<String> a = new ArrayList<>();
        if (user != null) {
            a.addAll(List.of("--user", user, "--password", password));
        }
        mounts.forEach((m, clip) -> a.add(m + "=" + clip));
        RtspServerProcess s = new RtspServerProcess(freePort(), List.copyOf(withScript(script, a)));
        s.start();
        return s;
    }

    private static List<String> withScript(Path script, List<String> rest) {
        List<String> l = new ArrayList<>();
        l.add(script.toString());
        l.add("PORT");
        l.addAll(rest);
        return l;
    }

    int port() {
        return port;
    }

    String url(String mount) {
        return "rtsp://127.0.0.1:" + port + "/" + mount;
    }

    String url(String mount, String user, String password) {
        return "rtsp://" + user + ":" + password + "@127.0.0.1:" + port + "/" + mount;
    }

    /** Starts the server (again) and waits until it listens. */
    void start() throws IOException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new IOException(PYTHON + " is missing: install python3-gst-1.0 gstreamer1.0-rtsp");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON);
        for (String a : args) {
            cmd.add("PORT".equals(a) ? Integer.toString(port) : a);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("ready")) {
            p.destroyForcibly();
            throw new IOException("GStreamer RTSP server did not start (needs gstreamer1.0-rtsp python3-gst-1.0 "
                    + "gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good gstreamer1.0-plugins-bad): " + line);
        }
        // keep draining its output so it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "rtsp-server-out");
        drain.setDaemon(true);
        drain.start();
        process = p;
    }

    /** Kills the server at once (SIGKILL), as a camera that loses power would vanish. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
