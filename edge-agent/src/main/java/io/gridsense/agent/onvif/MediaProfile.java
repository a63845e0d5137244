package io.gridsense.agent.onvif;

/** One media profile (GetProfiles): its token, name, video encoding and size, and PTZ configuration if any. */
public record MediaProfile(String token, String name, String encoding, int width, int height, String ptzConfigurationToken) {

    /** Whether the profile has a PTZ configuration, so PTZ commands apply to it. */
    public boolean hasPtz() {
        return ptzConfigurationToken != null;
    }
}
