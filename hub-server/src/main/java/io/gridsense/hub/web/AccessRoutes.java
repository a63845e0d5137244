package io.gridsense.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridsense.hub.access.Principal;
import io.gridsense.hub.access.Role;
import io.gridsense.hub.access.User;
import io.gridsense.hub.access.UserService;
import io.gridsense.hub.incident.CommandLevel;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login (user name + password → signed token with role and grid scope; failed attempts throttled per user name
 * and per client address), the caller's own identity, and user administration for admins.
 */
final class AccessRoutes {

    private static final Logger log = LoggerFactory.getLogger(AccessRoutes.class);

    private final WebDeps d;
    private final Http http;
    private final Auth auth;

    AccessRoutes(WebDeps deps, Http http, Auth auth) {
        this.d = deps;
        this.http = http;
        this.auth = auth;
    }

    void mount(Router r) {
        r.post("/api/login").handler(BodyHandler.create().setBodyLimit(4096));
        r.post("/api/login").blockingHandler(this::login, false);
        r.get("/api/me").handler(this::me);
        r.get("/api/users").blockingHandler(this::list, false);
        r.post("/api/users").handler(BodyHandler.create().setBodyLimit(4096));
        r.post("/api/users").blockingHandler(this::save, false);
    }

    private void login(RoutingContext ctx) {
        JsonNode b = json(ctx);
        String user = LoopRoutes.text(b, "username", "");
        String password = LoopRoutes.text(b, "password", "");
        String userKey = "user:" + user.toLowerCase(java.util.Locale.ROOT);
        String ipKey = "ip:" + ctx.request().remoteAddress().hostAddress();
        Duration wait = max(d.throttle().retryAfter(userKey), d.throttle().retryAfter(ipKey));
        if (!wait.isZero()) {
            long secs = Math.max(1, wait.toSeconds());
            log.warn("event=login_throttled user={} ip={} retry_s={}", user, ipKey.substring(3), secs);
            ctx.response().putHeader("Retry-After", String.valueOf(secs));
            http.error(ctx, 429, "too many failed logins: retry in " + secs + " s");
            return;
        }
        Optional<UserService.Login> ok = d.users().login(user, password.toCharArray());
        if (ok.isEmpty()) {
            d.throttle().failed(userKey);
            d.throttle().failed(ipKey);
            log.warn("event=login_failed user={} ip={}", user, ipKey.substring(3)); // never the password
            http.error(ctx, 401, "wrong user name or password");
            return;
        }
        d.throttle().succeeded(userKey);
        User u = ok.get().user();
        log.info("event=login user={} role={} scope={}", u.username(), u.role(), u.scopeCode());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", ok.get().token());
        m.put("user", u);
        http.ok(ctx, m);
    }

    private void me(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.values());
        if (p != null) {
            http.ok(ctx, p);
        }
    }

    private void list(RoutingContext ctx) {
        if (auth.require(ctx, Role.ADMIN) != null) {
            http.ok(ctx, d.db().read(c -> d.userRepo().all(c)));
        }
    }

    private void save(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.ADMIN);
        if (p == null) {
            return;
        }
        JsonNode b = json(ctx);
        try {
            String level = LoopRoutes.text(b, "level", null);
            User u = new User(LoopRoutes.text(b, "username", null), Role.valueOf(LoopRoutes.text(b, "role", "")),
                    LoopRoutes.text(b, "scope", null), level == null ? null : CommandLevel.valueOf(level),
                    LoopRoutes.text(b, "displayName", null), b.path("disabled").asBoolean(false));
            d.users().save(u, LoopRoutes.text(b, "password", "").toCharArray());
            log.info("event=user_saved_by_admin admin={} user={}", p.subject(), u.username());
            http.json(ctx, 201, u);
        } catch (IllegalArgumentException e) {
            http.error(ctx, 400, e.getMessage());
        }
    }

    private JsonNode json(RoutingContext ctx) {
        try {
            String s = ctx.body() == null ? null : ctx.body().asString();
            JsonNode n = s == null || s.isBlank() ? null : d.mapper().readTree(s);
            return n == null || !n.isObject() ? d.mapper().createObjectNode() : n;
        } catch (Exception e) {
            return d.mapper().createObjectNode();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
