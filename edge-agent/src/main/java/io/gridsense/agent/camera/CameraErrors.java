package io.gridsense.agent.camera;

import java.util.Locale;
import java.util.regex.Pattern;

/** Turns FFmpeg's errors into the plain words a camera's status shows, and hides credentials in URLs. */
public final class CameraErrors {

    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private CameraErrors() {
    }

    /** The URL with any {@code user:password@} replaced, safe to print and log. */
    public static String redact(String url) {
        return url == null ? null : USERINFO.matcher(url).replaceAll("***@");
    }

    /** One line a person can act on. */
    public static String plainWords(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String low = m.toLowerCase(Locale.ROOT);
        if (low.contains("401") || low.contains("unauthorized")) {
            return "401 Unauthorized: check the camera's user name and password";
        }
        if (low.contains("connection refused")) {
            return "connection refused: nothing listens on the camera's port";
        }
        if (low.contains("timed out") || low.contains("timeout") || low.contains("-110")) {
            return "timed out: the camera accepted the connection but sent nothing";
        }
        if (low.contains("no such file") || low.contains("-2)")) {
            return "not found: no such file or stream";
        }
        if (low.contains("404") || low.contains("not found")) {
            return "404 Not Found: check the stream path";
        }
        if (low.contains("invalid data")) {
            return "invalid data: the source does not carry a video stream FFmpeg understands";
        }
        return redact(m.replace('\n', ' '));
    }
}
