package io.gridsense.agent.camera;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns FFmpeg's errors into the plain words a camera's status shows, and hides credentials in URLs. */
public final class CameraErrors {

    /** The start of the plain words for a refused password; {@link #isAuthFailure} looks for it. */
    public static final String UNAUTHORIZED = "401 Unauthorized: check the camera's user name and password";

    /** The plain words for a camera that accepted the connection and then said nothing. */
    public static final String TIMED_OUT = "timed out: the camera accepted the connection but sent nothing";

    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final Set<String> SCHEMES = Set.of("rtsp", "rtsps", "file", "http", "https");
    // FFmpeg's AVERROR codes as JavaCV prints them ("... error -825242872: ..."); FFERRTAG(0xF8,'4','0','1') etc.
    private static final String HTTP_401 = "-825242872";
    private static final String HTTP_403 = "-858797304";
    private static final String HTTP_404 = "-875574520";
    private static final String PROTOCOL_NOT_FOUND = "-1330794744";

    private CameraErrors() {
    }

    /** The URL with any {@code user:password@} replaced, safe to print and log. */
    public static String redact(String url) {
        return url == null ? null : USERINFO.matcher(url).replaceAll("***@");
    }

    /** Why a camera URL cannot be pulled at all, before any connection is tried; null when it may be. */
    public static String unsupportedUrl(String url) {
        if (url == null || url.isBlank()) {
            return "no camera URL: give rtsp://host[:port]/path";
        }
        int colon = url.indexOf("://");
        if (colon < 0) {
            return null; // a file path
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return "not an RTSP URL: scheme '" + scheme + "' is not supported; give rtsp://host[:port]/path";
        }
        try {
            URI u = URI.create(url);
            if (!"file".equals(scheme) && (u.getHost() == null || u.getHost().isBlank())) {
                return "not a valid camera URL: no host in " + redact(url);
            }
        } catch (IllegalArgumentException e) {
            return "not a valid camera URL: " + redact(url);
        }
        return null;
    }

    /** Whether the plain words say the camera refused the credentials (retrying soon would not help). */
    public static boolean isAuthFailure(String plainWords) {
        return plainWords != null && (plainWords.startsWith("401") || plainWords.startsWith("403"));
    }

    /** The plain words for a stream that stopped delivering pictures. */
    public static String noFrames(Duration silentFor) {
        return "no frames for " + Math.max(1, Math.round(silentFor.toMillis() / 1000.0)) + " s: the camera stopped sending";
    }

    /** An RTSP/HTTP status code standing alone, not digits inside a port number or an address ("…:40123/…"). */
    private static boolean hasStatus(String text, String code) {
        return java.util.regex.Pattern.compile("(?<![\\w:./-])" + code + "(?!\\w)").matcher(text).find();
    }

    /** One line a person can act on. */
    public static String plainWords(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String low = m.toLowerCase(Locale.ROOT);
        if (hasStatus(low, "401") || low.contains("unauthorized") || low.contains(HTTP_401)) {
            return UNAUTHORIZED;
        }
        if (low.contains(HTTP_403) || low.contains("403 forbidden")) {
            return "403 Forbidden: the user may not view this stream";
        }
        if (low.contains("connection refused") || low.contains("error -111")) {
            return "connection refused: nothing listens on the camera's port";
        }
        if (low.contains("timed out") || low.contains("timeout") || low.contains("error -110")) {
            return TIMED_OUT;
        }
        if (low.contains("error -113") || low.contains("error -101") || low.contains("unreachable")) {
            return "host unreachable: check the camera's address and the network";
        }
        if (low.contains(HTTP_404) || hasStatus(low, "404") || low.contains("stream not found")) {
            return "404 Not Found: check the stream path";
        }
        if (low.contains("no such file") || low.contains("error -2:")) {
            return "not found: no such file or stream";
        }
        if (low.contains(PROTOCOL_NOT_FOUND) || low.contains("protocol not found")) {
            return "not an RTSP URL: FFmpeg has no protocol for it; give rtsp://host[:port]/path";
        }
        if (low.contains("invalid data") || low.contains("-1094995529")) {
            return "invalid data: the source does not carry a video stream FFmpeg understands";
        }
        if (low.contains("error -104") || low.contains("connection reset") || low.contains("end of file")) {
            return "connection closed by the camera";
        }
        return redact(m.replace('\n', ' '));
    }
}
