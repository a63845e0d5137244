package io.gridsense.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridsense.hub.access.Principal;
import io.gridsense.hub.access.Role;
import io.gridsense.hub.worker.Position;
import io.gridsense.hub.worker.Worker;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gridworker app's side: duty on/off, position reports (one, or a backlog in {"positions":[…]}), and the
 * trajectory of a time range for playback. A worker touches only their own; operators read and set duty
 * within their grid scope.
 */
final class WorkerRoutes {

    private final WebDeps d;
    private final Http http;
    private final Auth auth;

    WorkerRoutes(WebDeps deps, Http http, Auth auth) {
        this.d = deps;
        this.http = http;
        this.auth = auth;
    }

    void mount(Router r) {
        r.route("/api/workers/:workerId/duty").handler(BodyHandler.create().setBodyLimit(4096));
        r.put("/api/workers/:workerId/duty").blockingHandler(this::duty, false);
        r.post("/api/workers/:workerId/duty").blockingHandler(this::duty, false);
        r.post("/api/workers/:workerId/positions").handler(BodyHandler.create().setBodyLimit(256 * 1024));
        r.post("/api/workers/:workerId/positions").blockingHandler(this::positions, false);
        r.get("/api/workers/:workerId/trajectory").blockingHandler(this::trajectory, false);
    }

    /** The principal if they may act on this worker (self, admin, or — when operatorsToo — an operator in scope). */
    private Principal allowed(RoutingContext ctx, String workerId, boolean operatorsToo) {
        Principal p = operatorsToo ? auth.require(ctx, Role.WORKER, Role.ADMIN, Role.OPERATOR)
                : auth.require(ctx, Role.WORKER, Role.ADMIN);
        if (p == null) {
            return null;
        }
        if (p.role() == Role.WORKER && !p.subject().equals(workerId)) {
            auth.forbid(ctx, "a worker reports and reads only their own");
            return null;
        }
        if (p.role() == Role.OPERATOR) {
            Optional<Worker> w = d.db().read(c -> d.workers().find(c, workerId));
            if (w.isEmpty() || !d.access().gridInScope(p, w.get().gridCode())) {
                auth.forbid(ctx, "worker " + workerId + " is outside the caller's grid scope");
                return null;
            }
        }
        return p;
    }

    private void duty(RoutingContext ctx) {
        String id = ctx.pathParam("workerId");
        if (allowed(ctx, id, true) == null) {
            return;
        }
        JsonNode b = body(ctx);
        if (!b.path("onDuty").isBoolean()) {
            http.error(ctx, 400, "body must be {\"onDuty\": true|false}");
            return;
        }
        Optional<Worker> w = d.workerService().setDuty(id, b.get("onDuty").asBoolean());
        if (w.isEmpty()) {
            http.error(ctx, 404, "no worker " + id);
        } else {
            http.ok(ctx, w.get());
        }
    }

    private void positions(RoutingContext ctx) {
        String id = ctx.pathParam("workerId");
        if (allowed(ctx, id, false) == null) {
            return;
        }
        JsonNode b = body(ctx);
        List<Position> batch = new ArrayList<>();
        try {
            for (JsonNode n : b.has("positions") ? b.get("positions") : List.of(b)) {
                if (!n.path("lat").isNumber() || !n.path("lon").isNumber()) {
                    throw new IllegalArgumentException("each position needs numeric lat and lon");
                }
                Instant at = n.hasNonNull("at") ? IncidentQuery.time(n.get("at").asText()) : d.clock().instant();
                batch.add(new Position(at, n.get("lat").asDouble(), n.get("lon").asDouble(),
                        n.path("accuracy").isNumber() ? n.get("accuracy").asDouble() : null));
            }
            Optional<Worker> w = d.workerService().report(id, batch);
            if (w.isEmpty()) {
                http.error(ctx, 404, "no worker " + id);
            } else {
                http.ok(ctx, Map.of("stored", batch.size(), "worker", w.get()));
            }
        } catch (IllegalArgumentException e) {
            http.error(ctx, 400, e.getMessage());
        }
    }

    /** {@code ?from=&to=} (ISO instants or dates; default the last 24 h) → {workerId, from, to, positions:[…]}. */
    private void trajectory(RoutingContext ctx) {
        String id = ctx.pathParam("workerId");
        if (allowed(ctx, id, true) == null) {
            return;
        }
        try {
            // by default up to now, and the minute of phone clock skew that reports may carry
            Instant to = Optional.ofNullable(IncidentQuery.time(ctx.request().getParam("to")))
                    .orElse(d.clock().instant().plusSeconds(61));
            Instant from = Optional.ofNullable(IncidentQuery.time(ctx.request().getParam("from")))
                    .orElse(to.minus(Duration.ofHours(24)));
            int limit = Http.limit(ctx, 5000, 50000);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workerId", id);
            m.put("from", from);
            m.put("to", to);
            m.put("positions", d.workerService().trajectory(id, from, to, limit));
            http.ok(ctx, m);
        } catch (IllegalArgumentException e) {
            http.error(ctx, 400, e.getMessage());
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
}
