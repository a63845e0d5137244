package io.gridsense.agent.onvif.device;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gridsense.agent.onvif.OnvifException;
import io.gridsense.agent.onvif.OnvifNs;
import io.gridsense.agent.onvif.SoapEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The agent's ONVIF device: device, media and PTZ services over SOAP 1.2 on the JDK's HTTP server, so a
 * third-party NVR or VMS can add the streams the agent hands out. Every call but the pre-auth ones needs a
 * WS-Security UsernameToken or HTTP Digest; a request with neither gets a Digest challenge.
 */
public final class OnvifDeviceServer implements AutoCloseable {

    public static final String DEVICE_PATH = "/onvif/device_service";
    public static final String MEDIA_PATH = "/onvif/media_service";
    public static final String PTZ_PATH = "/onvif/ptz_service";
    public static final String SNAPSHOT_PATH = "/onvif/snapshot";
    private static final Logger log = LoggerFactory.getLogger(OnvifDeviceServer.class);
    private static final int MAX_REQUEST = 256 * 1024;

    private final HttpServer http;
    private final ExecutorService executor;
    private final String base;
    private final DeviceAuth auth;
    private final DeviceOperations device;
    private final MediaOperations media;
    private final PtzOperations ptz;
    private final StreamCatalog catalog;

    private OnvifDeviceServer(HttpServer http, ExecutorService executor, String base, DeviceIdentity identity,
                              StreamCatalog catalog, PtzControl ptz, Clock clock) {
        this.http = http;
        this.executor = executor;
        this.base = base;
        this.catalog = catalog;
        this.auth = new DeviceAuth(identity.user(), identity.password(), clock);
        this.device = new DeviceOperations(identity, clock);
        this.media = new MediaOperations(catalog);
        this.ptz = new PtzOperations(catalog, ptz);
    }

    /**
     * Listens on {@code bind} and names its services at {@code http://advertisedHost:port}; port 0 picks a free
     * one.
     */
    public static OnvifDeviceServer start(InetSocketAddress bind, String advertisedHost, DeviceIdentity identity,
                                          StreamCatalog catalog, PtzControl ptz, Clock clock) throws IOException {
        HttpServer http = HttpServer.create(bind, 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "onvif-device");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        String base = "http://" + advertisedHost + ":" + http.getAddress().getPort();
        OnvifDeviceServer s = new OnvifDeviceServer(http, executor, base, identity, catalog, ptz, clock);
        http.createContext(DEVICE_PATH, ex -> s.soap(ex, "device"));
        http.createContext(MEDIA_PATH, ex -> s.soap(ex, "media"));
        http.createContext(PTZ_PATH, ex -> s.soap(ex, "ptz"));
        http.createContext(SNAPSHOT_PATH, s::snapshot);
        http.start();
        log.info("event=onvif_device_started url={} streams={}", base + DEVICE_PATH, catalog.streams().size());
        return s;
    }

    /** The device service's address, as announced in discovery. */
    public URI deviceServiceUri() {
        return URI.create(base + DEVICE_PATH);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The scopes this device announces. */
    public List<String> scopes() {
        return device.scopeList();
    }

    private void soap(HttpExchange ex, String service) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "POST SOAP 1.2 here".getBytes());
                return;
            }
            SoapEnvelope req;
            try (InputStream in = ex.getRequestBody()) {
                req = SoapEnvelope.parse(in.readNBytes(MAX_REQUEST));
            } catch (OnvifException e) {
                fault(ex, 400, new DeviceFault(true, "WellFormed", "not a SOAP 1.2 envelope"));
                return;
            }
            Element payload = req.payload();
            String op = payload == null ? "" : payload.getLocalName();
            boolean preAuth = "device".equals(service) && DeviceOperations.PRE_AUTH.contains(op);
            if (!preAuth) {
                DeviceAuth.Result r = auth.check(ex.getRequestHeaders().getFirst("Authorization"), req.header(), "POST");
                if (r != DeviceAuth.Result.OK) {
                    refuse(ex, r, req, op);
                    return;
                }
            }
            SoapEnvelope answer = SoapEnvelope.create();
            try {
                switch (service) {
                    case "device" -> device.answer(op, payload, answer.body(), base);
                    case "media" -> media.answer(op, payload, answer.body(), base);
                    default -> ptz.answer(op, payload, answer.body());
                }
            } catch (DeviceFault f) {
                log.info("event=onvif_fault service={} op={} subcode={} reason=\"{}\"", service, op, f.subcode(), f.getMessage());
                fault(ex, f.code().equals("Sender") ? 400 : 500, f);
                return;
            }
            log.debug("event=onvif_request service={} op={} remote={}", service, op, ex.getRemoteAddress().getAddress());
            send(ex, 200, "application/soap+xml; charset=utf-8", answer.toBytes());
        } catch (RuntimeException e) {
            // one bad request must never take the service down
            log.warn("event=onvif_request_failed service={} error=\"{}\"", service, e.toString());
        }
    }

    private void refuse(HttpExchange ex, DeviceAuth.Result r, SoapEnvelope req, String op) throws IOException {
        boolean token = req.header() != null && io.gridsense.agent.onvif.UsernameToken.read(req.header()) != null;
        log.warn("event=onvif_auth_refused op={} remote={} reason={}", op, ex.getRemoteAddress().getAddress(),
                r == DeviceAuth.Result.NO_CREDENTIALS ? "no_credentials" : token ? "bad_username_token" : "bad_digest");
        if (token) {
            // ONVIF: a rejected WS-Security header is a sender fault ter:NotAuthorized on HTTP 400
            fault(ex, 400, new DeviceFault(true, "NotAuthorized", "Sender not authorized"));
            return;
        }
        ex.getResponseHeaders().add("WWW-Authenticate", auth.challenge());
        fault(ex, 401, new DeviceFault(true, "NotAuthorized", "Sender not authorized"));
    }

    private void snapshot(HttpExchange ex) throws IOException {
        try (ex) {
            if (auth.check(ex.getRequestHeaders().getFirst("Authorization"), null, ex.getRequestMethod()) != DeviceAuth.Result.OK) {
                ex.getResponseHeaders().add("WWW-Authenticate", auth.challenge());
                send(ex, 401, "text/plain", "401 Unauthorized".getBytes());
                return;
            }
            String query = ex.getRequestURI().getQuery();
            String token = query != null && query.startsWith("token=") ? java.net.URLDecoder.decode(query.substring(6),
                    java.nio.charset.StandardCharsets.UTF_8) : "";
            Optional<byte[]> jpeg = catalog.snapshot(token);
            if (jpeg.isEmpty()) {
                send(ex, 404, "text/plain", "no picture yet".getBytes());
            } else {
                send(ex, 200, "image/jpeg", jpeg.get());
            }
        }
    }

    private static void fault(HttpExchange ex, int status, DeviceFault f) throws IOException {
        SoapEnvelope env = SoapEnvelope.create();
        env.fault(f.code(), OnvifNs.ERROR, f.subcode(), f.getMessage());
        send(ex, status, "application/soap+xml; charset=utf-8", env.toBytes());
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        log.info("event=onvif_device_stopped url={}", base + DEVICE_PATH);
    }
}
