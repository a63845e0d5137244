package io.gridsense.hub;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A hub in a JVM of its own, for tests that kill one mid-stream: {@code HubProcess <jdbcUrl> <clientId> <group>
 * <dataDir> [<brokerUri>]} (the machine's Mosquitto by default), prints HUB-READY once subscribed, and runs until
 * killed.
 */
public final class HubProcess {

    private HubProcess() {
    }

    public static void main(String[] args) throws Exception {
        HubConfig config = HubConfig.defaults(Path.of(args[3]))
                .withDatabase(args[0], TestDatabases.PG_USER, "")
                .withMqtt(args.length > 4 ? args[4] : HubHarness.BROKER, null, null, args[1], args[2], Duration.ofMinutes(2))
                .withHttp("127.0.0.1", 0);
        HubServer hub = HubServer.start(config);
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!hub.mqttConnected() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        Thread.sleep(300); // the subscription follows the connection by a round trip
        System.out.println("HUB-READY " + hub.httpPort());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }

    /** Starts one in a new JVM with this JVM's class path; its output goes to a log file beside the data. */
    static Process launch(String jdbcUrl, String clientId, String group, Path dataDir) throws Exception {
        return launch(jdbcUrl, clientId, group, dataDir, HubHarness.BROKER);
    }

    /** {@link #launch(String, String, String, Path)} on another broker. */
    static Process launch(String jdbcUrl, String clientId, String group, Path dataDir, String broker) throws Exception {
        java.nio.file.Files.createDirectories(dataDir);
        Path log = dataDir.resolve("hub.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), HubProcess.class.getName(), jdbcUrl, clientId,
                group, dataDir.toString(), broker)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < end) {
            if (java.nio.file.Files.readString(log).contains("HUB-READY")) {
                return p;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("hub process died: " + java.nio.file.Files.readString(log));
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new IllegalStateException("hub process not ready in 40 s: " + java.nio.file.Files.readString(log));
    }
}
