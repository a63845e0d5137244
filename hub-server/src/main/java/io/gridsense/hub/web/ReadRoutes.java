package io.gridsense.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gridsense.hub.access.Principal;
import io.gridsense.hub.access.Role;
import io.gridsense.hub.grid.Grid;
import io.gridsense.hub.incident.Incident;
import io.gridsense.hub.incident.IncidentFilter;
import io.gridsense.hub.push.PushRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read-only API: cameras, alerts, incidents, grids, workers, pushes, dead letters. */
final class ReadRoutes {

    private final WebDeps d;
    private final Http http;
    private final Auth auth;

    ReadRoutes(WebDeps deps, Http http, Auth auth) {
        this.d = deps;
        this.http = http;
        this.auth = auth;
    }

    void mount(Router r) {
        r.get("/api/cameras").blockingHandler(this::cameras, false);
        r.get("/api/alerts").blockingHandler(this::alerts, false);
        r.get("/api/incidents").blockingHandler(this::incidents, false);
        r.get("/api/incidents/:id").blockingHandler(this::incident, false);
        r.get("/api/grids").blockingHandler(this::grids, false);
        r.get("/api/workers").blockingHandler(this::workers, false);
        r.get("/api/workers/:workerId/pushes").blockingHandler(this::workerPushes, false);
        r.get("/api/dead-letters").blockingHandler(this::deadLetters, false);
    }

    private void cameras(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN);
        if (p != null) {
            http.ok(ctx, d.db().read(d.cameras()::all).stream().filter(cam -> d.access().gridInScope(p, cam.gridCode())).toList());
        }
    }

    private void alerts(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN);
        if (p != null) {
            int limit = Http.limit(ctx, 100, 1000);
            http.ok(ctx, d.db().read(c -> d.alerts().recent(c, d.access().pathPrefix(p), limit)));
        }
    }

    /**
     * Incidents, newest first: an operator's or mediator's within their grid scope, narrowed by
     * {@code ?state=A,B&category=&level=&grid=&from=&to=&supervised=true&assignee=&limit=}; a gridworker's
     * only those pushed, dispatched to or reported by them.
     */
    private void incidents(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.WORKER, Role.MEDIATOR);
        if (p == null) {
            return;
        }
        int limit = Http.limit(ctx, 100, 1000);
        if (p.role() == Role.WORKER) {
            http.ok(ctx, d.db().read(c -> d.incidents().recentForWorker(c, p.subject(), limit)));
            return;
        }
        IncidentFilter f;
        try {
            f = IncidentQuery.parse(ctx, d.access().pathPrefix(p), d.grids(), limit);
        } catch (IllegalArgumentException e) {
            http.error(ctx, 400, e.getMessage());
            return;
        }
        http.ok(ctx, d.db().read(c -> d.incidents().list(c, f)));
    }

    private void incident(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.WORKER, Role.MEDIATOR);
        if (p == null) {
            return;
        }
        String id = ctx.pathParam("id");
        Optional<Map<String, Object>> body = d.db().read(c -> {
            Optional<Incident> i = d.incidents().find(c, id);
            if (i.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("incident", i.get());
            m.put("events", d.incidents().events(c, id));
            m.put("allowed", d.access().canRead(c, p, i.get()));
            return Optional.of(m);
        });
        if (body.isEmpty()) {
            http.error(ctx, 404, "no incident " + id);
        } else if (!(Boolean) body.get().get("allowed")) {
            auth.forbid(ctx, p.role() == Role.WORKER ? "incident " + id + " was not pushed to worker " + p.subject()
                    : "incident " + id + " is outside the caller's grid scope");
        } else {
            body.get().remove("allowed");
            http.ok(ctx, body.get());
        }
    }

    /** Grids: a scoped caller gets its subtree and the ancestors of its scope (to draw the map around it). */
    private void grids(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.MEDIATOR);
        if (p == null) {
            return;
        }
        String scopePath = d.access().pathPrefix(p);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Grid g : d.grids().all()) {
            if (scopePath != null && !d.access().gridInScope(p, g.code()) && !scopePath.contains("/" + g.code() + "/")) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", g.code());
            m.put("name", g.name());
            m.put("level", g.level().wireName());
            m.put("parentCode", g.parentCode());
            try {
                m.put("geometry", d.mapper().readTree(g.geometry()));
            } catch (JsonProcessingException e) {
                m.put("geometry", null);
            }
            out.add(m);
        }
        http.ok(ctx, out);
    }

    private void workers(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.MEDIATOR);
        if (p != null) {
            http.ok(ctx, d.db().read(d.workers()::all).stream().filter(w -> d.access().gridInScope(p, w.gridCode())).toList());
        }
    }

    private void workerPushes(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.WORKER);
        if (p == null) {
            return;
        }
        String workerId = ctx.pathParam("workerId");
        if (p.role() == Role.WORKER && !p.subject().equals(workerId)) {
            auth.forbid(ctx, "a worker reads only their own pushes");
            return;
        }
        if (p.role() == Role.OPERATOR && d.access().pathPrefix(p) != null && !d.db().read(c -> d.workers().find(c, workerId))
                .map(w -> d.access().gridInScope(p, w.gridCode())).orElse(false)) {
            auth.forbid(ctx, "worker " + workerId + " is outside the caller's grid scope");
            return;
        }
        int limit = Http.limit(ctx, 50, 500);
        List<Map<String, Object>> out = d.db().read(c -> {
            List<Map<String, Object>> l = new ArrayList<>();
            for (PushRecord pr : d.pushes().forWorker(c, workerId, limit)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("push", pr);
                Incident i = d.incidents().find(c, pr.incidentId()).orElse(null);
                m.put("incident", i);
                // a worker may not list the grids, but should read the name of the one they were sent to
                m.put("gridName", i == null ? null : d.grids().byCode(i.gridCode()).map(Grid::name).orElse(null));
                l.add(m);
            }
            return l;
        });
        http.ok(ctx, out);
    }

    private void deadLetters(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN);
        if (p != null && d.access().pathPrefix(p) != null) {
            auth.forbid(ctx, "dead letters span the whole hub: admins and unscoped operators only");
        } else if (p != null) {
            int limit = Http.limit(ctx, 100, 1000);
            http.ok(ctx, d.db().read(c -> d.deadLetters().recent(c, limit)));
        }
    }
}
