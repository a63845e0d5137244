package io.gridsense.agent;

import io.gridsense.agent.command.AgentActions;
import io.gridsense.agent.command.CommandException;
import io.gridsense.agent.config.AgentConfig;
import io.gridsense.agent.config.AgentConfigLoader;
import io.gridsense.agent.config.CameraConfig;
import io.gridsense.agent.onvif.OnvifException;
import io.gridsense.agent.onvif.OnvifResolver;
import io.gridsense.agent.evidence.HubUploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The agent's side of each hub command: version, snapshot, camera restart, PTZ, and config changes that
 * take effect without a restart (cameras and rules). A config that changes who the agent is or where it
 * connects is refused: those need a restart, and saying so beats half-applying it.
 */
final class AgentCommands implements AgentActions {

    private final AgentConfig startConfig;
    private final Path configFile;
    private final CameraFleet fleet;
    private final Function<String, Picture> latest;

    /** A camera's latest live picture (JPEG) and when it was taken. */
    record Picture(byte[] jpeg, Instant at) {
    }
    private final HubUploader hub;
    private final Clock clock;
    private final AgentConfigLoader loader = new AgentConfigLoader(System::getenv);

    AgentCommands(AgentConfig startConfig, Path configFile, CameraFleet fleet, Function<String, Picture> latest,
                  HubUploader hub, Clock clock) {
        this.startConfig = startConfig;
        this.configFile = configFile;
        this.fleet = fleet;
        this.latest = latest;
        this.hub = hub;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> version() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("version", EdgeAgent.VERSION);
        r.put("agentId", startConfig.agentId());
        r.put("java", System.getProperty("java.version"));
        r.put("cameras", fleet.slots().stream().map(s -> s.config().id()).toList());
        return r;
    }

    @Override
    public Map<String, Object> snapshot(String cameraId) throws CommandException {
        requireCamera(cameraId);
        Picture p = latest.apply(cameraId);
        if (p == null) {
            throw new CommandException("camera " + cameraId + " has delivered no picture yet");
        }
        hub.uploadTile(cameraId, p.jpeg());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", "/api/cameras/" + cameraId + "/snapshot.jpg");
        r.put("bytes", p.jpeg().length);
        r.put("takenAt", p.at().toString()); // the live picture is at most two seconds old
        return r;
    }

    @Override
    public Map<String, Object> restartCamera(String cameraId) throws CommandException {
        if (!fleet.restart(cameraId)) {
            throw unknown(cameraId);
        }
        return Map.of("restarted", cameraId);
    }

    @Override
    public Map<String, Object> ptzMove(String cameraId, double pan, double tilt, double zoom, long timeoutMillis) throws CommandException {
        OnvifResolver.Target t = ptz(cameraId);
        if (Math.abs(pan) > 1 || Math.abs(tilt) > 1 || Math.abs(zoom) > 1) {
            throw new CommandException("pan, tilt and zoom speeds must be within -1..1");
        }
        try {
            t.client().continuousMove(t.profile().token(), pan, tilt, zoom, Duration.ofMillis(Math.max(100, timeoutMillis)));
        } catch (OnvifException e) {
            throw new CommandException("PTZ move refused by camera " + cameraId + ": " + e.getMessage());
        }
        return Map.of("moving", cameraId, "profile", t.profile().token());
    }

    @Override
    public Map<String, Object> ptzStop(String cameraId) throws CommandException {
        OnvifResolver.Target t = ptz(cameraId);
        try {
            t.client().stop(t.profile().token());
        } catch (OnvifException e) {
            throw new CommandException("PTZ stop refused by camera " + cameraId + ": " + e.getMessage());
        }
        return Map.of("stopped", cameraId);
    }

    /** The camera's ONVIF PTZ target: only cameras configured as onvif:// have one the agent knows. */
    private OnvifResolver.Target ptz(String cameraId) throws CommandException {
        CameraConfig c = fleet.get(cameraId).map(CameraFleet.Slot::config).orElseThrow(() -> unknown(cameraId));
        String onvif = OnvifResolver.isOnvif(c.url()) ? c.url() : OnvifResolver.isOnvif(c.mainUrl()) ? c.mainUrl() : null;
        if (onvif == null) {
            throw new CommandException("camera " + cameraId + " has no PTZ service known to the agent (only onvif:// cameras can move)");
        }
        try {
            return new OnvifResolver(startConfig.pull().ioTimeout(), clock).target(onvif);
        } catch (OnvifException e) {
            throw new CommandException("camera " + cameraId + " did not answer over ONVIF: " + e.getMessage());
        }
    }

    @Override
    public Map<String, Object> applyConfig(String yaml, String source) throws CommandException {
        AgentConfig next;
        try {
            next = loader.parse(yaml, source);
        } catch (AgentConfigLoader.ConfigException e) {
            throw new CommandException(e.getMessage());
        }
        requireSameIdentity(next);
        Map<String, Object> summary = new LinkedHashMap<>(fleet.apply(next.cameras()));
        if (configFile != null) {
            // keep the file in step so a restart starts from what the hub applied
            try {
                Path tmp = configFile.resolveSibling(configFile.getFileName() + ".tmp");
                Files.writeString(tmp, yaml);
                Files.move(tmp, configFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                summary.put("savedTo", configFile.toString());
            } catch (IOException e) {
                summary.put("saveError", "applied but not saved: " + e.getMessage());
            }
        }
        return summary;
    }

    @Override
    public Map<String, Object> reloadConfig() throws CommandException {
        if (configFile == null) {
            throw new CommandException("this agent was started without a config file, so there is nothing to reload");
        }
        AgentConfig next;
        try {
            next = loader.read(configFile);
        } catch (AgentConfigLoader.ConfigException e) {
            throw new CommandException("kept the running config: " + e.getMessage());
        }
        requireSameIdentity(next);
        return new LinkedHashMap<>(fleet.apply(next.cameras()));
    }

    private void requireSameIdentity(AgentConfig next) throws CommandException {
        List<String> changed = new java.util.ArrayList<>();
        if (!next.site().equals(startConfig.site())) {
            changed.add("site");
        }
        if (!next.agentId().equals(startConfig.agentId())) {
            changed.add("agentId");
        }
        if (!next.mqtt().serverUri().equals(startConfig.mqtt().serverUri())
                || !Objects.equals(next.mqtt().username(), startConfig.mqtt().username())) {
            changed.add("mqtt");
        }
        if (!next.hub().url().equals(startConfig.hub().url())) {
            changed.add("hub.url");
        }
        if (!next.dataDir().equals(startConfig.dataDir())) {
            changed.add("dataDir");
        }
        if (!changed.isEmpty()) {
            throw new CommandException("not applied: " + changed + " changed, which needs an agent restart");
        }
    }

    private void requireCamera(String cameraId) throws CommandException {
        if (fleet.get(cameraId).isEmpty()) {
            throw unknown(cameraId);
        }
    }

    private static CommandException unknown(String cameraId) {
        return new CommandException("no camera " + cameraId + " on this agent");
    }
}
