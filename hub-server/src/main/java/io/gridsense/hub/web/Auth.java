package io.gridsense.hub.web;

import io.gridsense.hub.access.Principal;
import io.gridsense.hub.access.Role;
import io.gridsense.hub.access.TokenService;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds and checks the caller's token: {@code Authorization: Bearer …} or {@code ?token=…} (pages pass it on
 * image and WebSocket URLs, where headers cannot be set). 401 without a valid token, 403 for the wrong role.
 */
final class Auth {

    private final TokenService tokens;
    private final Http http;

    Auth(TokenService tokens, Http http) {
        this.tokens = tokens;
        this.http = http;
    }

    /** The caller's principal, if the request carries a valid token. */
    Optional<Principal> principal(HttpServerRequest req) {
        String header = req.getHeader("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        } else if (req.getParam("token") != null) {
            token = req.getParam("token");
        }
        return tokens.verify(token);
    }

    /**
     * The principal if it holds one of the roles; otherwise answers 401 or 403 and returns null (the handler
     * then returns at once).
     */
    Principal require(RoutingContext ctx, Role... roles) {
        Optional<Principal> p = principal(ctx.request());
        if (p.isEmpty()) {
            http.error(ctx, 401, "missing, invalid or expired token");
            return null;
        }
        if (Arrays.stream(roles).noneMatch(r -> r == p.get().role())) {
            http.error(ctx, 403, "role " + p.get().role() + " may not " + ctx.request().method() + " " + ctx.request().path());
            return null;
        }
        return p.get();
    }

    /** Answers 403 for a principal that may not touch this resource. */
    void forbid(RoutingContext ctx, String why) {
        http.error(ctx, 403, why);
    }
}
