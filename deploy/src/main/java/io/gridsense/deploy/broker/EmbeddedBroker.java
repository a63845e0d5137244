package io.gridsense.deploy.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The demo's in-process MQTT 5 broker (HiveMQ Community Edition, embedded), listening on loopback only.
 * Production sites use an external broker (Mosquitto, EMQX, HiveMQ) with authentication and TLS.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    /** Starts a broker on 127.0.0.1:port (0 picks a free port) with its state under {@code folder}. */
    public static EmbeddedBroker start(Path folder, int port) throws Exception {
        int chosen = port == 0 ? freePort() : port;
        Path conf = Files.createDirectories(folder.resolve("conf"));
        Path data = Files.createDirectories(folder.resolve("data"));
        Path extensions = Files.createDirectories(folder.resolve("extensions"));
        writeConfig(conf.resolve("config.xml"), chosen);
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                // keep our logback configuration: HiveMQ would otherwise install its own for the whole JVM
                .withoutLoggingBootstrap()
                .build();
        long t0 = System.nanoTime();
        hivemq.start().get(60, TimeUnit.SECONDS);
        log.info("event=broker_started port={} ms={}", chosen, (System.nanoTime() - t0) / 1_000_000);
        return new EmbeddedBroker(hivemq, chosen);
    }

    public int port() {
        return port;
    }

    /** The URI MQTT clients connect to. */
    public String serverUri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        hivemq.stop().get(30, TimeUnit.SECONDS);
        hivemq.close();
        log.info("event=broker_stopped port={}", port);
    }

    /** Whether something already listens on the port, so the caller can say so before starting. */
    public static boolean inUse(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), (int) Duration.ofMillis(300).toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago; the machine's own Mosquitto holds 1883. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HiveMQ's config.xml: one loopback TCP listener, and no phoning home (there is no internet here). */
    private static void writeConfig(Path file, int port) throws IOException {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element root = doc.createElement("hivemq");
            doc.appendChild(root);
            Element listeners = child(doc, root, "listeners");
            Element tcp = child(doc, listeners, "tcp-listener");
            child(doc, tcp, "port").setTextContent(Integer.toString(port));
            child(doc, tcp, "bind-address").setTextContent("127.0.0.1");
            Element stats = child(doc, root, "anonymous-usage-statistics");
            child(doc, stats, "enabled").setTextContent("false");
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                transformer.transform(new DOMSource(doc), new StreamResult(out));
            }
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IOException("cannot write broker config " + file + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Document doc, Element parent, String name) {
        Element e = doc.createElement(name);
        parent.appendChild(e);
        return e;
    }
}
