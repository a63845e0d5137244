package io.gridsense.agent.evidence;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads pictures to the hub over HTTP with the agent's bearer token: alert evidence (retried, because
 * an alert's snapshot matters) and live camera tiles (best effort, the next one comes in two seconds).
 */
public final class HubUploader {

    private static final Logger log = LoggerFactory.getLogger(HubUploader.class);

    private final URI hub;
    private final String token;
    private final HttpClient http;

    public HubUploader(URI hub, String token) {
        this.hub = hub;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The hub path of one piece of an alert's evidence ({@code snapshot.jpg}, {@code clip.mp4}). */
    public static String evidencePath(String alertId, String name) {
        return "/api/evidence/" + alertId + "/" + name;
    }

    /** Uploads one piece of evidence once; the HTTP status, or an exception when the hub could not be reached. */
    public int upload(String alertId, String name, byte[] body) throws IOException, InterruptedException {
        String type = name.endsWith(".mp4") ? "video/mp4" : "image/jpeg";
        return put(evidencePath(alertId, name), body, type);
    }

    /** Uploads a live tile once; failures are logged at debug level since the next tile follows soon. */
    public void uploadTile(String cameraId, byte[] jpeg) {
        try {
            int status = put("/api/cameras/" + cameraId + "/snapshot.jpg", jpeg);
            if (status / 100 != 2) {
                log.debug("event=tile_upload_refused camera={} status={}", cameraId, status);
            }
        } catch (IOException e) {
            log.debug("event=tile_upload_failed camera={} error=\"{}\"", cameraId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int put(String path, byte[] body) throws IOException, InterruptedException {
        return put(path, body, "image/jpeg");
    }

    private int put(String path, byte[] body, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(hub.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null && !token.isBlank()) {
            req.header("Authorization", "Bearer " + token);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
