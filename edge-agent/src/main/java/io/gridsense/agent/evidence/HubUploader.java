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

    /** The hub path under which an alert's snapshot is stored; the alert refers to it. */
    public static String evidencePath(String alertId) {
        return "/api/evidence/" + alertId + "/snapshot.jpg";
    }

    /** Uploads an alert snapshot, trying up to {@code attempts} times; true when the hub stored it. */
    public boolean uploadEvidence(String alertId, byte[] jpeg, int attempts) {
        long waitMs = 500;
        for (int i = 1; i <= attempts; i++) {
            try {
                int status = put(evidencePath(alertId), jpeg);
                if (status / 100 == 2) {
                    return true;
                }
                log.warn("event=evidence_upload_refused alert={} status={} attempt={}", alertId, status, i);
                if (status == 401 || status == 403 || status == 413) {
                    return false; // retrying will not change the answer
                }
            } catch (IOException e) {
                log.warn("event=evidence_upload_failed alert={} attempt={} error=\"{}\"", alertId, i, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            sleep(waitMs);
            waitMs = Math.min(waitMs * 2, 8000);
        }
        return false;
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
        HttpRequest.Builder req = HttpRequest.newBuilder(hub.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null && !token.isBlank()) {
            req.header("Authorization", "Bearer " + token);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
