package io.gridsense.hub.web;

import io.gridsense.hub.access.Principal;
import io.gridsense.hub.access.Role;
import io.gridsense.hub.evidence.EvidenceStore;
import io.gridsense.protocol.Topic;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Evidence of alerts (JPEG snapshots, MP4 clips) and live camera tiles: agents upload, operators (and pushed workers) read. */
final class EvidenceRoutes {

    private static final Logger log = LoggerFactory.getLogger(EvidenceRoutes.class);
    /** Larger snapshots are refused with 413: a sub-stream JPEG is tens of kilobytes. */
    static final int MAX_JPEG_BYTES = 2 * 1024 * 1024;
    /** A clip of ten-odd seconds of a main stream at a few Mbit/s stays well under this. */
    static final int MAX_CLIP_BYTES = 64 * 1024 * 1024;

    /** What an upload must be: its size limit, a check of its first bytes, and its content type. */
    private record Kind(int maxBytes, java.util.function.Predicate<Buffer> looksRight, String contentType, String name) {
    }

    private static final Kind JPEG = new Kind(MAX_JPEG_BYTES, b -> b.length() >= 3 && (b.getByte(0) & 0xff) == 0xFF
            && (b.getByte(1) & 0xff) == 0xD8 && (b.getByte(2) & 0xff) == 0xFF, "image/jpeg", "a JPEG image");
    // an MP4 (ISO BMFF) file opens with a box whose type, at bytes 4..7, is "ftyp"
    private static final Kind MP4 = new Kind(MAX_CLIP_BYTES, b -> b.length() >= 8 && b.getString(4, 8).equals("ftyp"),
            "video/mp4", "an MP4 video");

    private final WebDeps d;
    private final Http http;
    private final Auth auth;

    EvidenceRoutes(WebDeps deps, Http http, Auth auth) {
        this.d = deps;
        this.http = http;
        this.auth = auth;
    }

    void mount(Router r) {
        r.put("/api/evidence/:alertId/snapshot.jpg")
                .handler(ctx -> upload(ctx, ctx.pathParam("alertId"), EvidenceStore.alertSnapshot(ctx.pathParam("alertId")), JPEG));
        r.put("/api/evidence/:alertId/clip.mp4")
                .handler(ctx -> upload(ctx, ctx.pathParam("alertId"), EvidenceStore.alertClip(ctx.pathParam("alertId")), MP4));
        r.put("/api/cameras/:cameraId/snapshot.jpg")
                .handler(ctx -> upload(ctx, ctx.pathParam("cameraId"), EvidenceStore.cameraSnapshot(ctx.pathParam("cameraId")), JPEG));
        r.get("/api/evidence/:alertId/snapshot.jpg").blockingHandler(ctx -> getAlertEvidence(ctx, JPEG), false);
        r.get("/api/evidence/:alertId/clip.mp4").blockingHandler(ctx -> getAlertEvidence(ctx, MP4), false);
        r.get("/api/cameras/:cameraId/snapshot.jpg").blockingHandler(this::getCameraSnapshot, false);
    }

    /**
     * Checks the agent token before reading the body (so strangers cannot make the hub buffer 2 MB), then reads
     * at most {@link #MAX_JPEG_BYTES} and stores the JPEG off the event loop.
     */
    private void upload(RoutingContext ctx, String id, String key, Kind kind) {
        HttpServerRequest req = ctx.request();
        if (auth.require(ctx, Role.AGENT) == null) {
            return;
        }
        if (!Topic.isId(id)) {
            http.error(ctx, 400, "ids are 1..64 of [A-Za-z0-9_-]");
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 12
                && Long.parseLong(length) > kind.maxBytes()) {
            tooLarge(ctx, kind);
            return;
        }
        Buffer body = Buffer.buffer();
        req.handler(chunk -> {
            if (ctx.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > kind.maxBytes()) {
                tooLarge(ctx, kind);
            } else {
                body.appendBuffer(chunk);
            }
        });
        req.endHandler(v -> {
            if (ctx.response().ended()) {
                return;
            }
            ctx.vertx().executeBlocking(() -> {
                store(ctx, key, body, kind);
                return null;
            }, false).onFailure(ctx::fail);
        });
    }

    private void tooLarge(RoutingContext ctx, Kind kind) {
        ctx.response().putHeader("Connection", "close");
        http.error(ctx, 413, "body too large: " + kind.name() + " of at most " + kind.maxBytes() + " bytes");
    }

    private void store(RoutingContext ctx, String key, Buffer b, Kind kind) {
        if (!kind.looksRight().test(b)) {
            http.error(ctx, 415, "the body must be " + kind.name());
            return;
        }
        d.evidence().put(key, b.getBytes());
        log.info("event=evidence_stored key={} bytes={}", key, b.length());
        http.json(ctx, 201, java.util.Map.of("stored", "/api/" + key, "bytes", b.length()));
    }

    private void getAlertEvidence(RoutingContext ctx, Kind kind) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.WORKER);
        if (p == null) {
            return;
        }
        String alertId = ctx.pathParam("alertId");
        if (!Topic.isId(alertId)) {
            http.error(ctx, 400, "ids are 1..64 of [A-Za-z0-9_-]");
            return;
        }
        if (p.role() == Role.WORKER && !d.db().read(c -> d.pushes().wasPushedAlert(c, alertId, p.subject()))) {
            auth.forbid(ctx, "alert " + alertId + " belongs to no incident pushed to worker " + p.subject());
            return;
        }
        send(ctx, d.evidence().get(kind == MP4 ? EvidenceStore.alertClip(alertId) : EvidenceStore.alertSnapshot(alertId)), kind);
    }

    private void getCameraSnapshot(RoutingContext ctx) {
        if (auth.require(ctx, Role.OPERATOR, Role.ADMIN) == null) {
            return;
        }
        String cameraId = ctx.pathParam("cameraId");
        if (!Topic.isId(cameraId)) {
            http.error(ctx, 400, "ids are 1..64 of [A-Za-z0-9_-]");
            return;
        }
        send(ctx, d.evidence().get(EvidenceStore.cameraSnapshot(cameraId)), JPEG);
    }

    private void send(RoutingContext ctx, Optional<byte[]> bytes, Kind kind) {
        if (bytes.isEmpty()) {
            http.error(ctx, 404, "no such evidence (yet: agents upload it after the alert)");
            return;
        }
        ctx.response().putHeader("Content-Type", kind.contentType()).putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(bytes.get()));
    }
}
