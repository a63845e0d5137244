package io.gridsense.agent.config;

import io.gridsense.agent.camera.CameraErrors;
import io.gridsense.analytics.rules.RuleSet;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.Topic;

/**
 * One camera: its id, a human name, where its video comes from — {@code url} is the analysis stream (a
 * camera's sub-stream, {@code rtsp://…} or a file), {@code mainUrl} the full-quality stream opened only for
 * evidence clips (null: the same as {@code url}) — where it stands (WGS-84, used by the hub to find its
 * grid) and its rules. {@code loop} replays a file source forever in real time, as the demo cameras do.
 */
public record CameraConfig(String id, String name, String url, String mainUrl, boolean loop, GeoPoint location, RuleSet rules) {

    public CameraConfig(String id, String name, String url, boolean loop, GeoPoint location, RuleSet rules) {
        this(id, name, url, null, loop, location, rules);
    }

    public CameraConfig {
        AgentConfig.require(Topic.isId(id), "camera id must be 1..64 characters of [A-Za-z0-9_-], got '" + id + "'");
        AgentConfig.require(url != null && !url.isBlank(), "camera " + id + ": url is missing");
        AgentConfig.require(location != null, "camera " + id + ": location (lat, lon) is missing");
        name = name == null || name.isBlank() ? id : name;
        rules = rules == null ? RuleSet.defaults() : rules;
    }

    /** The stream evidence clips are cut from. */
    public String evidenceUrl() {
        return mainUrl != null && !mainUrl.isBlank() ? mainUrl : url;
    }

    /** The URL with any {@code user:password@} hidden, safe to print and log. */
    public String redactedUrl() {
        return CameraErrors.redact(url);
    }

    /** Never print the camera's credentials. */
    @Override
    public String toString() {
        return "CameraConfig[id=" + id + ", name=" + name + ", url=" + redactedUrl() + ", mainUrl=" + CameraErrors.redact(mainUrl) + ", loop=" + loop
                + ", location=" + location + ", rules=" + rules + "]";
    }
}
