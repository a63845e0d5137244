package io.gridsense.hub.web;

import io.gridsense.hub.access.Principal;
import io.gridsense.hub.access.Role;
import io.gridsense.hub.incident.Incident;
import io.gridsense.hub.incident.IncidentConflictException;
import io.gridsense.hub.incident.IncidentNotFoundException;
import io.gridsense.hub.push.PushRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** State-changing API: accepting an incident, acknowledging a push. */
final class ActionRoutes {

    private static final Logger log = LoggerFactory.getLogger(ActionRoutes.class);

    private final WebDeps d;
    private final Http http;
    private final Auth auth;

    ActionRoutes(WebDeps deps, Http http, Auth auth) {
        this.d = deps;
        this.http = http;
        this.auth = auth;
    }

    void mount(Router r) {
        r.post("/api/incidents/:id/accept").blockingHandler(this::accept, false);
        r.post("/api/pushes/:pushId/ack").blockingHandler(this::ack, false);
    }

    /** REPORTED → ACCEPTED by an operator, or by a worker the incident was pushed to (whose pushes are then acked). */
    private void accept(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.WORKER);
        if (p == null) {
            return;
        }
        String id = ctx.pathParam("id");
        String actor = p.role().name().toLowerCase() + ":" + p.subject();
        Incident accepted;
        try {
            accepted = d.db().tx(c -> {
                if (p.role() == Role.WORKER && !d.pushes().wasPushed(c, id, p.subject())) {
                    return null;
                }
                Incident i = d.incidentService().accept(c, id, actor);
                if (p.role() == Role.WORKER) {
                    d.pushes().ackIncident(c, id, p.subject(), d.clock().instant());
                }
                return i;
            });
        } catch (IncidentNotFoundException e) {
            http.error(ctx, 404, e.getMessage());
            return;
        } catch (IncidentConflictException e) {
            http.error(ctx, 409, e.getMessage());
            return;
        }
        if (accepted == null) {
            auth.forbid(ctx, "incident " + id + " was not pushed to worker " + p.subject());
            return;
        }
        d.events().incidentChanged(accepted, "accepted");
        http.ok(ctx, accepted);
    }

    private void ack(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.WORKER, Role.ADMIN);
        if (p == null) {
            return;
        }
        String pushId = ctx.pathParam("pushId");
        Optional<PushRecord> push = d.db().read(c -> d.pushes().find(c, pushId));
        if (push.isEmpty()) {
            http.error(ctx, 404, "no push " + pushId);
            return;
        }
        if (p.role() == Role.WORKER && !push.get().workerId().equals(p.subject())) {
            auth.forbid(ctx, "push " + pushId + " belongs to another worker");
            return;
        }
        boolean first = d.db().tx(c -> d.pushes().ack(c, pushId, d.clock().instant()));
        log.info("event=push_acked push={} worker={} first={}", pushId, push.get().workerId(), first);
        http.ok(ctx, Map.of("pushId", pushId, "acked", true));
    }
}
