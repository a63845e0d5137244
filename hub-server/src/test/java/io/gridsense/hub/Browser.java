package io.gridsense.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Headless Chromium driven over the DevTools protocol from Java (no npm): navigate, evaluate JavaScript
 * (clicks, form fills, DOM reads), set a file input, and take PNG screenshots.
 */
final class Browser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    Browser(int width, int height, boolean mobile) throws Exception {
        profile = Files.createTempDirectory("cdp-profile");
        process = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (System.nanoTime() > end || !process.isAlive()) {
                throw new IllegalStateException("chromium did not open its DevTools port: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        String pageWs = null;
        for (JsonNode t : targets) {
            if ("page".equals(t.path("type").asText())) {
                pageWs = t.path("webSocketDebuggerUrl").asText();
            }
        }
        ws = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Listener()).get(10, TimeUnit.SECONDS);
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", mobile));
    }

    /** Sends one command and waits for its result. */
    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        ws.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode r = f.get(30, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    void open(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
        waitFor("the page is loaded", () -> "complete".equals(evalString("document.readyState")));
    }

    /** Evaluates an expression (promises awaited) and returns its JSON value. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("JS failed: " + r.get("exceptionDetails").toString());
        }
        return r.path("result").path("value");
    }

    String evalString(String expression) {
        try {
            return eval(expression).asText();
        } catch (Exception e) {
            return "";
        }
    }

    boolean exists(String css) {
        return "true".equals(evalString("!!document.querySelector(" + JSON.valueToTree(css) + ")"));
    }

    void click(String css) throws Exception {
        waitFor(css + " is there and enabled", () -> "true".equals(evalString("(() => { const e = document.querySelector("
                + JSON.valueToTree(css) + "); return !!e && !e.disabled; })()")));
        eval("document.querySelector(" + JSON.valueToTree(css) + ").click()");
    }

    void fill(String css, String value) throws Exception {
        eval("(() => { const e = document.querySelector(" + JSON.valueToTree(css) + "); e.value = " + JSON.valueToTree(value)
                + "; e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); })()");
    }

    /** Puts a file into an {@code <input type=file>} as a user picking it would. */
    void setFile(String css, Path file) throws Exception {
        JsonNode doc = call("DOM.getDocument", Map.of());
        int nodeId = call("DOM.querySelector", Map.of("nodeId", doc.path("root").path("nodeId").asInt(), "selector", css))
                .path("nodeId").asInt();
        call("DOM.setFileInputFiles", Map.of("nodeId", nodeId, "files", List.of(file.toAbsolutePath().toString())));
    }

    String text() {
        return evalString("document.body.innerText");
    }

    void screenshot(Path png) throws Exception {
        Files.createDirectories(png.toAbsolutePath().getParent());
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
    }

    static void waitFor(String what, BooleanSupplier ok) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            ws.abort();
        } finally {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buf = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(buf.toString());
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                        if (f != null) {
                            f.complete(m);
                        }
                    }
                } catch (Exception e) {
                    // an event we cannot read is not one we wait for
                }
                buf.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
