package io.gridsense.agent.command;

import java.util.Map;

/** What the agent can be asked to do over MQTT; each returns the reply's result or fails in plain words. */
public interface AgentActions {

    Map<String, Object> version();

    /** Takes a picture now and uploads it as the camera's live tile. */
    Map<String, Object> snapshot(String cameraId) throws CommandException;

    Map<String, Object> restartCamera(String cameraId) throws CommandException;

    /** Starts a continuous PTZ move at the given speeds (-1..1) for at most {@code timeoutMillis}. */
    Map<String, Object> ptzMove(String cameraId, double pan, double tilt, double zoom, long timeoutMillis) throws CommandException;

    Map<String, Object> ptzStop(String cameraId) throws CommandException;

    /** Applies config text (the YAML of the agent's file); cameras and rules change without a restart. */
    Map<String, Object> applyConfig(String yaml, String source) throws CommandException;

    /** Reads the agent's config file again. */
    Map<String, Object> reloadConfig() throws CommandException;
}
