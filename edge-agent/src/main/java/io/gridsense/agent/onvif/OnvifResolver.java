package io.gridsense.agent.onvif;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Turns a camera given as {@code onvif://user:pass@host[:port]/profile} into its RTSP URL at start: asks the
 * device for its profiles, picks the named one (by token or name; the first when none is named) and puts the
 * credentials into the stream URI, since cameras ask for them again on RTSP.
 */
public final class OnvifResolver {

    private final Duration timeout;
    private final Clock clock;

    public OnvifResolver(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Whether {@code url} is an {@code onvif://} camera address. */
    public static boolean isOnvif(String url) {
        return url != null && url.regionMatches(true, 0, "onvif://", 0, 8);
    }

    /** A connected client and the profile that an {@code onvif://} address names, for PTZ and stream lookups. */
    public record Target(OnvifClient client, MediaProfile profile) {
    }

    /** Connects to the camera an {@code onvif://user:pass@host[:port]/profile} address names and picks the profile. */
    public Target target(String onvifUrl) throws OnvifException {
        URI u = URI.create(onvifUrl);
        String user = null;
        String password = null;
        if (u.getRawUserInfo() != null) {
            String[] up = u.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(up[0], StandardCharsets.UTF_8);
            password = up.length > 1 ? URLDecoder.decode(up[1], StandardCharsets.UTF_8) : "";
        }
        int port = u.getPort() < 0 ? 80 : u.getPort();
        String wanted = u.getPath() == null || u.getPath().length() <= 1 ? null : u.getPath().substring(1);
        OnvifClient client = new OnvifClient(URI.create("http://" + u.getHost() + ":" + port + "/onvif/device_service"),
                user, password, timeout, clock).connect();
        List<MediaProfile> profiles = client.getProfiles();
        MediaProfile chosen = profiles.stream()
                .filter(p -> wanted == null || wanted.equals(p.token()) || wanted.equals(p.name()))
                .findFirst()
                .orElseThrow(() -> new OnvifException(OnvifException.Kind.FAULT, "no profile '" + wanted + "' on "
                        + u.getHost() + "; it has " + profiles.stream().map(MediaProfile::token).toList()));
        return new Target(client, chosen);
    }

    /** The RTSP URL (credentials included) of the profile that {@code onvifUrl} names. */
    public String resolve(String onvifUrl) throws OnvifException {
        URI u = URI.create(onvifUrl);
        Target t = target(onvifUrl);
        URI stream = t.client().getStreamUri(t.profile().token());
        if (u.getRawUserInfo() == null || stream.getRawUserInfo() != null) {
            return stream.toString();
        }
        return stream.getScheme() + "://" + u.getRawUserInfo() + "@" + stream.getRawAuthority() + stream.getRawPath()
                + (stream.getRawQuery() == null ? "" : "?" + stream.getRawQuery());
    }
}
