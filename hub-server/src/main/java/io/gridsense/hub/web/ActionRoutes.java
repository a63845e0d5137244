package io.gridsense.hub.web;

import io.gridsense.hub.access.Principal;
import io.gridsense.hub.access.Role;
import io.gridsense.hub.push.PushRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Acknowledging a push (the loop's own actions are {@link LoopRoutes}). */
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
        r.post("/api/pushes/:pushId/ack").blockingHandler(this::ack, false);
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
