package io.gridsense.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridsense.hub.access.Principal;
import io.gridsense.hub.access.Role;
import io.gridsense.hub.db.DataAccessException;
import io.gridsense.hub.incident.Incident;
import io.gridsense.hub.incident.IncidentConflictException;
import io.gridsense.hub.incident.IncidentNotFoundException;
import io.gridsense.hub.incident.LoopAction;
import io.gridsense.hub.incident.LoopCommand;
import io.gridsense.hub.incident.ManualReport;
import io.gridsense.protocol.AlertType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closed loop over HTTP: manual reports, every loop action ({@code POST /api/incidents/{id}/{action}} with
 * a JSON body {note, evidence, assignee, rating}), feedback photos, and the false-alarm export for training.
 * Each call checks the role and the grid scope ({@code IncidentAccess}) inside the transaction that acts.
 */
final class LoopRoutes {

    private static final Logger log = LoggerFactory.getLogger(LoopRoutes.class);

    private final WebDeps d;
    private final Http http;
    private final Auth auth;

    LoopRoutes(WebDeps deps, Http http, Auth auth) {
        this.d = deps;
        this.http = http;
        this.auth = auth;
    }

    void mount(Router r) {
        r.post("/api/incidents/:id/photos").handler(BodyHandler.create().setBodyLimit(EvidenceRoutes.MAX_JPEG_BYTES));
        r.post("/api/incidents/:id/photos").blockingHandler(this::uploadPhoto, false);
        r.get("/api/incidents/:id/photos/:name").blockingHandler(this::getPhoto, false);
        r.post("/api/incidents*").handler(BodyHandler.create().setBodyLimit(65536));
        r.post("/api/incidents").blockingHandler(this::report, false);
        r.post("/api/incidents/:id/:action").blockingHandler(this::act, false);
        r.get("/api/training/false-alarms").blockingHandler(this::falseAlarms, false);
    }

    private void report(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.WORKER);
        if (p == null) {
            return;
        }
        JsonNode b = body(ctx);
        guarded(ctx, () -> {
            ManualReport rep = new ManualReport(AlertType.valueOf(text(b, "type", "GATHERING")), text(b, "category", null),
                    text(b, "description", null), num(b, "lat"), num(b, "lon"), text(b, "gridCode", null),
                    text(b, "photo", null));
            String grid = rep.gridCode() != null ? rep.gridCode()
                    : rep.lat() == null ? null : d.grids().locate(rep.lat(), rep.lon()).map(g -> g.code()).orElse(null);
            if (!d.access().canReport(p, grid)) {
                auth.forbid(ctx, "grid " + grid + " is outside the caller's scope");
                return;
            }
            Incident i = d.db().tx(c -> d.incidentService().report(c, rep, p.actor()));
            d.events().incidentChanged(i, "reported");
            http.json(ctx, 201, i);
        });
    }

    private void act(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.WORKER, Role.MEDIATOR);
        if (p == null) {
            return;
        }
        String id = ctx.pathParam("id");
        LoopAction action = LoopAction.fromPath(ctx.pathParam("action"));
        if (action == null) {
            http.error(ctx, 404, "no such action: " + ctx.pathParam("action"));
            return;
        }
        JsonNode b = body(ctx);
        guarded(ctx, () -> {
            Object[] denied = new Object[1];
            Incident after = d.db().tx(c -> {
                Incident i = d.incidents().find(c, id).orElseThrow(() -> new IncidentNotFoundException(id));
                if (!d.access().canRead(c, p, i)) {
                    denied[0] = "incident " + id + " is outside the caller's scope";
                    return null;
                }
                if (!d.access().canAct(c, p, i, action)) {
                    denied[0] = "role " + p.role() + " may not " + action.path() + " incident " + id;
                    return null;
                }
                if (action == LoopAction.ACCEPT && p.role() == Role.WORKER) {
                    Incident claimed = d.loop().claim(c, id, p.subject(), p.actor()); // a gridworker takes the case
                    d.pushes().ackIncident(c, id, p.subject(), d.clock().instant());
                    return claimed;
                }
                return d.loop().perform(c, id, new LoopCommand(action, p.actor(), text(b, "note", null),
                        text(b, "evidence", null), text(b, "assignee", null),
                        b.hasNonNull("rating") ? b.get("rating").asInt() : null));
            });
            if (after == null) {
                auth.forbid(ctx, (String) denied[0]);
                return;
            }
            d.events().incidentChanged(after, action.path());
            http.ok(ctx, after);
        });
    }

    private void uploadPhoto(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.WORKER, Role.OPERATOR, Role.ADMIN);
        if (p == null) {
            return;
        }
        String id = ctx.pathParam("id");
        byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (bytes.length < 3 || (bytes[0] & 0xff) != 0xFF || (bytes[1] & 0xff) != 0xD8 || (bytes[2] & 0xff) != 0xFF) {
            http.error(ctx, 415, "the body must be a JPEG image");
            return;
        }
        guarded(ctx, () -> {
            boolean allowed = d.db().read(c -> {
                Incident i = d.incidents().find(c, id).orElseThrow(() -> new IncidentNotFoundException(id));
                return d.access().canRead(c, p, i)
                        && (p.role() != Role.WORKER || p.subject().equals(i.loop().assignee()));
            });
            if (!allowed) {
                auth.forbid(ctx, "only the assignee (or an operator in scope) adds photos to incident " + id);
                return;
            }
            String name = UUID.randomUUID().toString().replace("-", "").substring(0, 16) + ".jpg";
            d.evidence().put("incidents/" + id + "/" + name, bytes);
            String path = "/api/incidents/" + id + "/photos/" + name;
            log.info("event=incident_photo_stored incident={} by={} bytes={}", id, p.actor(), bytes.length);
            http.json(ctx, 201, Map.of("photo", path, "bytes", bytes.length));
        });
    }

    private void getPhoto(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.WORKER, Role.OPERATOR, Role.ADMIN, Role.MEDIATOR);
        if (p == null) {
            return;
        }
        String id = ctx.pathParam("id");
        String name = ctx.pathParam("name");
        if (!name.matches("[0-9a-f]{16}\\.jpg")) {
            http.error(ctx, 400, "bad photo name");
            return;
        }
        guarded(ctx, () -> {
            boolean allowed = d.db().read(c -> d.access().canRead(c, p,
                    d.incidents().find(c, id).orElseThrow(() -> new IncidentNotFoundException(id))));
            if (!allowed) {
                auth.forbid(ctx, "incident " + id + " is outside the caller's scope");
                return;
            }
            var jpeg = d.evidence().get("incidents/" + id + "/" + name);
            if (jpeg.isEmpty()) {
                http.error(ctx, 404, "no photo");
            } else {
                ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "no-store")
                        .end(io.vertx.core.buffer.Buffer.buffer(jpeg.get()));
            }
        });
    }

    /** Labelled false alarms, oldest first, paged by id: {@code ?after=<last id>&limit=}. */
    private void falseAlarms(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.ADMIN, Role.OPERATOR);
        if (p == null) {
            return;
        }
        if (d.access().pathPrefix(p) != null) {
            auth.forbid(ctx, "the training export spans the whole hub: admins and unscoped operators only");
            return;
        }
        long after;
        try {
            after = Long.parseLong(ctx.request().getParam("after", "0"));
        } catch (NumberFormatException e) {
            http.error(ctx, 400, "after must be a number");
            return;
        }
        int limit = Http.limit(ctx, 1000, 10000);
        http.ok(ctx, d.db().read(c -> d.falseAlarms().after(c, after, limit)));
    }

    /** Runs a handler body, answering 400/404/409 for the loop's own refusals. */
    private void guarded(RoutingContext ctx, Runnable work) {
        try {
            work.run();
        } catch (IncidentNotFoundException e) {
            http.error(ctx, 404, e.getMessage());
        } catch (IncidentConflictException e) {
            http.error(ctx, 409, e.getMessage());
        } catch (IllegalArgumentException e) {
            http.error(ctx, 400, e.getMessage());
        } catch (DataAccessException e) {
            throw e;
        }
    }

    private JsonNode body(RoutingContext ctx) {
        try {
            String s = ctx.body() == null ? null : ctx.body().asString();
            JsonNode n = s == null || s.isBlank() ? null : d.mapper().readTree(s);
            return n == null || !n.isObject() ? d.mapper().createObjectNode() : n;
        } catch (Exception e) {
            return d.mapper().createObjectNode();
        }
    }

    static String text(JsonNode b, String field, String dflt) {
        JsonNode v = b.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? dflt : v.asText();
    }

    static Double num(JsonNode b, String field) {
        JsonNode v = b.get(field);
        return v == null || v.isNull() || !v.isNumber() ? null : v.asDouble();
    }
}
