package io.gridsense.deploy.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker that a test starts on its own loopback port, stops, restarts and kills, with
 * persistence on so sessions and queued QoS 1 messages survive a restart, as in production.
 */
final class MosquittoProcess implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final List<String> extraConfig;
    private Process process;

    MosquittoProcess(Path dir, List<String> extraConfig) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.port = freePort();
        this.extraConfig = extraConfig;
    }

    int port() {
        return port;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException {
        Path conf = dir.resolve("mosquitto.conf");
        StringBuilder c = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append("persistence true\n")
                .append("persistence_location ").append(dir).append("/\n")
                .append("autosave_interval 1\n")
                .append("max_queued_messages 100000\n")
                // run as whoever runs the test: as root Mosquitto would switch to the mosquitto user, which
                // cannot write into the test's private temporary folder
                .append("user ").append(System.getProperty("user.name")).append('\n')
                .append("log_dest file ").append(dir.resolve("mosquitto.log")).append('\n');
        if (extraConfig.stream().noneMatch(l -> l.startsWith("allow_anonymous") || l.startsWith("password_file"))) {
            c.append("allow_anonymous true\n");
        }
        extraConfig.forEach(l -> c.append(l).append('\n'));
        Files.writeString(conf, c.toString());
        process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!listening()) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new IOException("mosquitto did not start on port " + port + ": " + Files.readString(dir.resolve("stdout.log")));
            }
            Thread.sleep(50);
        }
    }

    /** A clean stop (SIGTERM): Mosquitto saves its persistence file. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    private boolean listening() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
