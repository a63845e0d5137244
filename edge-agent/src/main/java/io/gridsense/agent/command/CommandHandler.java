package io.gridsense.agent.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridsense.protocol.Command;
import io.gridsense.protocol.CommandReply;
import io.gridsense.protocol.Decoded;
import io.gridsense.protocol.Topic;
import io.gridsense.protocol.WireCodec;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the hub's commands on {@code .../cmd} with correlated replies on {@code .../cmd/reply}. Every
 * message gets an answer: a malformed or unknown command an error reply naming what is wrong, never an
 * exception on the MQTT thread. Commands run one at a time on their own thread, in arrival order.
 */
public final class CommandHandler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    private final String site;
    private final String agentId;
    private final WireCodec codec;
    private final AgentActions actions;
    private final BiConsumer<String, CommandReply> publisher;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "commands");
        t.setDaemon(true);
        return t;
    });

    public CommandHandler(String site, String agentId, WireCodec codec, AgentActions actions,
                          BiConsumer<String, CommandReply> publisher, Clock clock) {
        this.site = site;
        this.agentId = agentId;
        this.codec = codec;
        this.actions = actions;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The topic to subscribe to. */
    public String topic() {
        return Topic.command(site, agentId).path();
    }

    /** Called for each message on the command topic; never throws. */
    public void onMessage(String topic, byte[] payload) {
        try {
            executor.execute(() -> handle(topic, payload));
        } catch (RejectedExecutionException e) {
            log.debug("event=command_ignored_shutting_down topic={}", topic);
        }
    }

    private void handle(String topic, byte[] payload) {
        Decoded<Command> decoded = codec.decodeCommand(topic, payload);
        if (decoded instanceof Decoded.Invalid<Command> bad) {
            String id = bestEffortId(payload);
            log.warn("event=command_invalid command={} reason=\"{}\"", id, bad.deadLetter().reason());
            reply(CommandReply.error(id, agentId, "invalid command: " + bad.deadLetter().reason(), clock.instant()));
            return;
        }
        Command c = ((Decoded.Valid<Command>) decoded).value();
        long t0 = System.nanoTime();
        CommandReply reply;
        try {
            reply = CommandReply.ok(c.commandId(), agentId, run(c), clock.instant());
        } catch (CommandException e) {
            reply = CommandReply.error(c.commandId(), agentId, e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            log.error("event=command_crashed command={} type={}", c.commandId(), c.type(), e);
            reply = CommandReply.error(c.commandId(), agentId, "internal error: " + e, clock.instant());
        }
        log.info("event=command_done command={} type={} camera={} ok={} ms={}{}", c.commandId(), c.type(), c.cameraId(),
                reply.ok(), (System.nanoTime() - t0) / 1_000_000, reply.ok() ? "" : " error=\"" + reply.error() + "\"");
        reply(reply);
    }

    private Map<String, Object> run(Command c) throws CommandException {
        return switch (c.type()) {
            case VERSION -> actions.version();
            case SNAPSHOT -> actions.snapshot(camera(c));
            case RESTART_CAMERA -> actions.restartCamera(camera(c));
            case PTZ_MOVE -> actions.ptzMove(camera(c), number(c, "pan"), number(c, "tilt"), number(c, "zoom"),
                    (long) (c.args().containsKey("timeoutMillis") ? number(c, "timeoutMillis") : 1000));
            case PTZ_STOP -> actions.ptzStop(camera(c));
            case APPLY_CONFIG -> {
                Object yaml = c.args().get("yaml");
                if (!(yaml instanceof String text) || text.isBlank()) {
                    throw new CommandException("APPLY_CONFIG needs args.yaml: the agent config as YAML text");
                }
                yield actions.applyConfig(text, "command " + c.commandId());
            }
            case RELOAD_CONFIG -> actions.reloadConfig();
        };
    }

    private static String camera(Command c) throws CommandException {
        if (c.cameraId() == null) {
            throw new CommandException(c.type() + " needs a cameraId");
        }
        return c.cameraId();
    }

    private static double number(Command c, String key) throws CommandException {
        Object v = c.args().getOrDefault(key, 0);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new CommandException("args." + key + " must be a number, got '" + v + "'");
    }

    private String bestEffortId(byte[] payload) {
        try {
            JsonNode n = codec.mapper().readTree(payload);
            String id = n == null ? null : n.path("commandId").asText(null);
            return id != null && Topic.isId(id) ? id : null;
        } catch (Exception e) {
            return null;
        }
    }

    private void reply(CommandReply r) {
        publisher.accept(Topic.commandReply(site, agentId).path(), r);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
