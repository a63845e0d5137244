package io.gridsense.hub;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker that a hub test starts on its own loopback port, for what the machine's broker cannot
 * be configured for: its {@code max_queued_messages} is the default 1,000, so a hub lagging by more than that
 * loses QoS 1 alerts; this one queues {@code maxQueued}. Persistence is off: the tests restart hubs, not brokers.
 */
public final class MosquittoBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;

    private MosquittoBroker(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts {@code mosquitto} with a raised queue limit and waits until it listens. */
    public static MosquittoBroker start(int maxQueued) throws IOException, InterruptedException {
        return start(maxQueued, "");
    }

    /** {@link #start(int)} with more configuration lines (e.g. {@code max_inflight_messages 1000}). */
    public static MosquittoBroker start(int maxQueued, String extraConfig) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("hub-mosquitto");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\n"
                + "allow_anonymous true\n"
                + "persistence false\n"
                + "max_queued_messages " + maxQueued + "\n"
                // run as whoever runs the test: as root Mosquitto would switch to the mosquitto user, which cannot
                // write its log into the test's private temporary folder
                + "user " + System.getProperty("user.name") + "\n"
                + "log_dest file " + dir.resolve("mosquitto.log") + "\n" + extraConfig);
        Process p = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        MosquittoBroker b = new MosquittoBroker(dir, port, p);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!b.listening()) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                b.close();
                throw new IOException("mosquitto did not start on port " + port + ": " + Files.readString(dir.resolve("stdout.log")));
            }
            Thread.sleep(50);
        }
        return b;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    private boolean listening() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
