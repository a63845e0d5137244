package io.gridsense.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gridsense.hub.access.Principal;
import io.gridsense.hub.access.Role;
import io.gridsense.hub.grid.Grid;
import io.gridsense.hub.incident.Incident;
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
        if (auth.require(ctx, Role.OPERATOR, Role.ADMIN) != null) {
            http.ok(ctx, d.db().read(d.cameras()::all));
        }
    }

    private void alerts(RoutingContext ctx) {
        if (auth.require(ctx, Role.OPERATOR, Role.ADMIN) != null) {
            int limit = Http.limit(ctx, 100, 1000);
            http.ok(ctx, d.db().read(c -> d.alerts().recent(c, limit)));
        }
    }

    private void incidents(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.WORKER);
        if (p == null) {
            return;
        }
        int limit = Http.limit(ctx, 100, 1000);
        List<Incident> list = p.role().readsAll()
                ? d.db().read(c -> d.incidents().recent(c, limit))
                : d.db().read(c -> d.incidents().recentForWorker(c, p.subject(), limit)); // a worker: only theirs
        http.ok(ctx, list);
    }

    private void incident(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.WORKER);
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
            m.put("pushedToCaller", p.role() == Role.WORKER && d.pushes().wasPushed(c, id, p.subject()));
            return Optional.of(m);
        });
        if (body.isEmpty()) {
            http.error(ctx, 404, "no incident " + id);
        } else if (p.role() == Role.WORKER && !(Boolean) body.get().get("pushedToCaller")) {
            auth.forbid(ctx, "incident " + id + " was not pushed to worker " + p.subject());
        } else {
            body.get().remove("pushedToCaller");
            http.ok(ctx, body.get());
        }
    }

    private void grids(RoutingContext ctx) {
        if (auth.require(ctx, Role.OPERATOR, Role.ADMIN) == null) {
            return;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Grid g : d.grids().all()) {
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
        if (auth.require(ctx, Role.OPERATOR, Role.ADMIN) != null) {
            http.ok(ctx, d.db().read(d.workers()::all));
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
        if (auth.require(ctx, Role.OPERATOR, Role.ADMIN) != null) {
            int limit = Http.limit(ctx, 100, 1000);
            http.ok(ctx, d.db().read(c -> d.deadLetters().recent(c, limit)));
        }
    }
}
