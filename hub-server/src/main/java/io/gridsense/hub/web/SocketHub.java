package io.gridsense.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridsense.hub.HubEvents;
import io.gridsense.hub.camera.Camera;
import io.gridsense.hub.incident.Incident;
import io.gridsense.hub.push.PushChannel;
import io.gridsense.protocol.WorkerPush;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open WebSockets of this hub: command-centre boards get every incident and camera event, a worker's
 * sockets get that worker's pushes. With several hubs each reaches only its own sockets; pushes also go out
 * on MQTT, and a later issue relays board events between hubs.
 */
public final class SocketHub implements HubEvents, PushChannel {

    private static final Logger log = LoggerFactory.getLogger(SocketHub.class);

    /**
     * The hello written once a socket is registered tells its client that every event from then on reaches it: the
     * client's handshake completes before the server has added the socket, and an event in between was lost.
     */
    private static final String HELLO_BOARD = "{\"kind\":\"hello\",\"channel\":\"board\"}";
    private static final String HELLO_WORKER = "{\"kind\":\"hello\",\"channel\":\"worker\"}";

    private final ObjectMapper mapper;
    /**
     * Pushes are written with non-ASCII characters as JSON escapes (the same JSON to any parser): the grid names
     * are Chinese, so the text was a UTF-16 Java string, and prefixing it and encoding it to UTF-8 for the frame
     * took two thirds of a delivery lane's samples in a flight recording at 1,000 alerts/s; an ASCII string takes
     * the JDK's compact (Latin-1) paths.
     */
    private final ObjectWriter pushWriter;
    private final Set<ServerWebSocket> boards = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<ServerWebSocket>> workers = new ConcurrentHashMap<>();

    public SocketHub(ObjectMapper mapper) {
        this.mapper = mapper;
        this.pushWriter = mapper.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    }

    void addBoard(ServerWebSocket ws, String subject) {
        boards.add(ws);
        ws.closeHandler(v -> boards.remove(ws));
        ws.writeTextMessage(HELLO_BOARD);
        log.info("event=ws_board_open subject={} boards={}", subject, boards.size());
    }

    void addWorker(String workerId, ServerWebSocket ws) {
        workers.computeIfAbsent(workerId, k -> ConcurrentHashMap.newKeySet()).add(ws);
        ws.closeHandler(v -> {
            Set<ServerWebSocket> s = workers.get(workerId);
            if (s != null) {
                s.remove(ws);
            }
        });
        ws.writeTextMessage(HELLO_WORKER);
        log.info("event=ws_worker_open worker={}", workerId);
    }

    @Override
    public void incidentChanged(Incident incident, String action) {
        if (boards.isEmpty()) {
            return; // no board open: skip the JSON (thousands of alerts a second would build it for nobody)
        }
        ObjectNode msg = mapper.createObjectNode().put("kind", "incident").put("action", action);
        msg.set("incident", mapper.valueToTree(incident));
        broadcast(boards, msg);
    }

    @Override
    public void cameraChanged(Camera camera) {
        ObjectNode msg = mapper.createObjectNode().put("kind", "camera");
        msg.set("camera", mapper.valueToTree(camera));
        broadcast(boards, msg);
    }

    @Override
    public void deliver(WorkerPush push) {
        Set<ServerWebSocket> sockets = workers.getOrDefault(push.workerId(), Set.of());
        if (!sockets.isEmpty()) {
            String fields;
            try {
                fields = pushWriter.writeValueAsString(push);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            // {"kind":"push", …the push's fields}: the push serialized once and prefixed, instead of a tree copy and
            // a second serialization per push (at 1,000 new incidents a second this thread sends ~3,000 pushes)
            write(sockets, "{\"kind\":\"push\"," + fields.substring(1));
        }
        log.debug("event=ws_push push={} worker={} sockets={}", push.pushId(), push.workerId(), sockets.size());
    }

    private void broadcast(Set<ServerWebSocket> sockets, ObjectNode msg) {
        String text;
        try {
            text = mapper.writeValueAsString(msg);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        write(sockets, text);
    }

    private static void write(Set<ServerWebSocket> sockets, String text) {
        for (ServerWebSocket ws : sockets) {
            if (ws.isClosed()) {
                sockets.remove(ws);
            } else {
                ws.writeTextMessage(text);
            }
        }
    }
}
