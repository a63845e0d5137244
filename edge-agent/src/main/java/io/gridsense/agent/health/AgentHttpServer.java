package io.gridsense.agent.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's small HTTP listener: {@code GET /healthz} (JSON, 503 when alerts are piling up with no way
 * out) and {@code GET /metrics} (Prometheus). Read-only and on loopback by default, so it needs no login;
 * expose it beyond the box only behind the site's monitoring network.
 */
public final class AgentHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentHttpServer.class);

    /** What /healthz reports: the body, and whether it is healthy (200) or not (503). */
    public record Health(boolean healthy, Map<String, Object> body) {
    }

    private final HttpServer server;

    public AgentHttpServer(String host, int port, Supplier<Health> health, AgentMetrics metrics) throws IOException {
        ObjectMapper json = new ObjectMapper();
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "agent-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/healthz", ex -> {
            if (!get(ex)) {
                return;
            }
            Health h = health.get();
            send(ex, h.healthy() ? 200 : 503, "application/json", json.writeValueAsBytes(h.body()));
        });
        server.createContext("/metrics", ex -> {
            if (!get(ex)) {
                return;
            }
            send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(StandardCharsets.UTF_8));
        });
        server.start();
        log.info("event=agent_http_listening host={} port={}", host, port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static boolean get(HttpExchange ex) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            send(ex, 405, "text/plain", "only GET".getBytes(StandardCharsets.UTF_8));
            return false;
        }
        return true;
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
