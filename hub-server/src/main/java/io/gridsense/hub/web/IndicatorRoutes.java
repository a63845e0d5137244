package io.gridsense.hub.web;

import io.gridsense.hub.access.Principal;
import io.gridsense.hub.access.Role;
import io.gridsense.hub.grid.GridLevel;
import io.gridsense.hub.indicator.IndicatorRow;
import io.gridsense.hub.indicator.IndicatorService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The loop's indicators within the caller's scope: {@code GET /api/indicators?level=street&from=&to=} as JSON,
 * {@code GET /api/indicators.csv?…} as CSV (default: the last 30 days, per grid).
 */
final class IndicatorRoutes {

    private final WebDeps d;
    private final Http http;
    private final Auth auth;

    IndicatorRoutes(WebDeps deps, Http http, Auth auth) {
        this.d = deps;
        this.http = http;
        this.auth = auth;
    }

    void mount(Router r) {
        r.get("/api/indicators").blockingHandler(ctx -> serve(ctx, false), false);
        r.get("/api/indicators.csv").blockingHandler(ctx -> serve(ctx, true), false);
    }

    private void serve(RoutingContext ctx, boolean csv) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN, Role.MEDIATOR);
        if (p == null) {
            return;
        }
        List<IndicatorRow> rows;
        try {
            GridLevel level = GridLevel.parse(Optional.ofNullable(ctx.request().getParam("level")).orElse("grid"));
            Instant to = Optional.ofNullable(IncidentQuery.time(ctx.request().getParam("to"))).orElse(d.clock().instant());
            Instant from = Optional.ofNullable(IncidentQuery.time(ctx.request().getParam("from")))
                    .orElse(to.minus(Duration.ofDays(30)));
            rows = d.indicators().compute(d.access().pathPrefix(p), level, from, to);
        } catch (IllegalArgumentException e) {
            http.error(ctx, 400, e.getMessage());
            return;
        }
        if (csv) {
            ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"indicators.csv\"")
                    .end("\uFEFF" + IndicatorService.csv(rows)); // the BOM makes Excel read the Chinese names right
        } else {
            http.ok(ctx, rows);
        }
    }
}
