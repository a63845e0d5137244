package io.gridsense.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;

/** Response helpers: JSON bodies through the hub's Jackson mapper and one-line JSON errors. */
final class Http {

    private final ObjectMapper mapper;

    Http(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void json(RoutingContext ctx, int status, Object body) {
        String text;
        try {
            text = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(text);
    }

    void ok(RoutingContext ctx, Object body) {
        json(ctx, 200, body);
    }

    /** A one-line JSON error: {"error":"..."}. */
    void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, java.util.Map.of("error", message));
    }

    /** An int query parameter clamped to 1..max, or the default. */
    static int limit(RoutingContext ctx, int dflt, int max) {
        String v = ctx.request().getParam("limit");
        if (v == null) {
            return dflt;
        }
        try {
            return Math.max(1, Math.min(max, Integer.parseInt(v)));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
