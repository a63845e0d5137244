package io.gridsense.hub.web;

import io.gridsense.hub.access.Principal;
import io.gridsense.hub.access.Role;
import io.gridsense.protocol.Topic;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hub's HTTP side on Vert.x Web: the API, the WebSockets and the static pages. */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final String WEB_ROOT = "io/gridsense/hub/web";

    private final WebDeps d;
    private final Http http;
    private final Auth auth;
    private HttpServer server;

    public WebServer(WebDeps deps) {
        this.d = deps;
        this.http = new Http(deps.mapper());
        this.auth = new Auth(deps.tokens(), http);
    }

    /** Builds the routes and listens; returns the bound port. */
    public int start(Vertx vertx, String host, int port) {
        Router r = Router.router(vertx);
        r.get("/api/health").blockingHandler(this::health, false);
        new ReadRoutes(d, http, auth).mount(r);
        new ActionRoutes(d, http, auth).mount(r);
        new LoopRoutes(d, http, auth).mount(r);
        new AccessRoutes(d, http, auth).mount(r);
        new WorkerRoutes(d, http, auth).mount(r);
        new IndicatorRoutes(d, http, auth).mount(r);
        new EvidenceRoutes(d, http, auth).mount(r);
        r.route("/api/*").handler(ctx -> http.error(ctx, 404, "no such endpoint"));
        r.get("/ws/board").handler(this::boardSocket);
        r.get("/ws/worker/:workerId").handler(this::workerSocket);
        StaticHandler pages = StaticHandler.create(WEB_ROOT).setCachingEnabled(false);
        r.get("/").handler(ctx -> ctx.reroute("/static/index.html"));
        r.get("/worker/:workerId").handler(ctx -> ctx.reroute("/static/worker.html"));
        r.get("/indicators").handler(ctx -> ctx.reroute("/static/indicators.html"));
        r.get("/map").handler(ctx -> ctx.reroute("/static/map.html"));
        r.get("/static/*").handler(pages);
        r.route().failureHandler(this::failure);
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                            .setMaxWebSocketFrameSize(65536).setCompressionSupported(true))
                    .requestHandler(r).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        log.info("event=http_listening host={} port={}", host, server.actualPort());
        return server.actualPort();
    }

    private void health(RoutingContext ctx) {
        boolean db = d.db().healthy();
        boolean mqtt = d.mqttConnected().getAsBoolean();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", db ? "UP" : "DOWN"); // the broker may be away for a while: the hub still serves and queues
        m.put("db", db ? "UP" : "DOWN");
        m.put("mqtt", mqtt ? "UP" : "DOWN");
        http.json(ctx, db ? 200 : 503, m);
    }

    private void boardSocket(RoutingContext ctx) {
        Principal p = auth.require(ctx, Role.OPERATOR, Role.ADMIN);
        if (p != null) {
            ctx.request().toWebSocket().onSuccess(ws -> d.sockets().addBoard(ws, p.subject()))
                    .onFailure(e -> log.warn("event=ws_upgrade_failed path=/ws/board error=\"{}\"", e.getMessage()));
        }
    }

    private void workerSocket(RoutingContext ctx) {
        String workerId = ctx.pathParam("workerId");
        Principal p = auth.require(ctx, Role.WORKER, Role.ADMIN);
        if (p == null) {
            return;
        }
        if (!Topic.isId(workerId) || (p.role() == Role.WORKER && !p.subject().equals(workerId))) {
            auth.forbid(ctx, "a worker listens only to their own pushes");
            return;
        }
        ctx.request().toWebSocket().onSuccess(ws -> d.sockets().addWorker(workerId, ws))
                .onFailure(e -> log.warn("event=ws_upgrade_failed worker={} error=\"{}\"", workerId, e.getMessage()));
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500) {
            log.error("event=http_error method={} path={} error=\"{}\"", ctx.request().method(), ctx.request().path(),
                    Optional.ofNullable(ctx.failure()).map(Throwable::toString).orElse("status " + status), ctx.failure());
        }
        if (!ctx.response().ended()) {
            http.error(ctx, status, status == 413 ? "body too large (JPEG ≤ 2 MB)" : status >= 500 ? "internal error" : "request failed");
        }
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("event=http_close_failed error=\"{}\"", e.toString());
            }
        }
    }
}
