package io.gridsense.agent.onvif.device;

import io.gridsense.agent.onvif.HttpDigest;
import io.gridsense.agent.onvif.UsernameToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Element;

/**
 * The device service's access check: a WS-Security UsernameToken (PasswordDigest, created within five minutes
 * of the device clock) or HTTP Digest with a nonce this service issued. Either proves the password.
 */
final class DeviceAuth {

    /** The outcome of a check. */
    enum Result { OK, NO_CREDENTIALS, REFUSED }

    static final String REALM = "gridsense";
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final String user;
    private final String password;
    private final Clock clock;
    private final Map<String, Instant> nonces = new ConcurrentHashMap<>();

    DeviceAuth(String user, String password, Clock clock) {
        this.user = user;
        this.password = password;
        this.clock = clock;
    }

    Result check(String authorization, Element soapHeader, String method) {
        UsernameToken.Fields token = soapHeader == null ? null : UsernameToken.read(soapHeader);
        if (token != null) {
            return user.equals(token.username()) && fresh(token.created()) && UsernameToken.verify(token, password)
                    ? Result.OK : Result.REFUSED;
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Digest", 0, 6)) {
            Map<String, String> a = HttpDigest.parse(authorization);
            Instant issued = nonces.get(a.getOrDefault("nonce", ""));
            boolean known = issued != null && Duration.between(issued, clock.instant()).compareTo(WINDOW) < 0;
            return known && user.equals(a.get("username")) && HttpDigest.verify(authorization, method, password)
                    ? Result.OK : Result.REFUSED;
        }
        return Result.NO_CREDENTIALS;
    }

    /** A fresh {@code WWW-Authenticate} value. */
    String challenge() {
        Instant now = clock.instant();
        nonces.values().removeIf(t -> Duration.between(t, now).compareTo(WINDOW) >= 0);
        String nonce = HttpDigest.newNonce();
        nonces.put(nonce, now);
        return HttpDigest.challenge(REALM, nonce);
    }

    private boolean fresh(String created) {
        try {
            Instant c = Instant.parse(created);
            return Duration.between(c, clock.instant()).abs().compareTo(WINDOW) <= 0;
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }
}
