package io.gridsense.hub.access;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies signed, expiring bearer tokens: {@code base64url(2|role|expiry|scope|subject).base64url(HMAC-SHA256)}
 * (scope empty for the whole hub; tokens of the older three-part form {@code role|expiry|subject} still verify).
 * Stateless, so every hub sharing the secret accepts the tokens of the others. Tokens are never logged.
 */
public final class TokenService {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    public TokenService(byte[] secret, Clock clock) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("token secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.clock = clock;
    }

    /** A token for subject in role, valid for ttl from now, without a grid scope (the whole hub). */
    public String issue(String subject, Role role, Duration ttl) {
        return issue(subject, role, null, ttl);
    }

    /** A token for subject in role limited to the subtree of grid {@code scope} (null: the whole hub). */
    public String issue(String subject, Role role, String scope, Duration ttl) {
        if (subject == null || subject.isEmpty() || role == null || ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("subject, role and a non-negative ttl are required");
        }
        if (scope != null && (scope.isEmpty() || scope.contains("|"))) {
            throw new IllegalArgumentException("a scope is a grid code");
        }
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String body = "2|" + role.name() + "|" + expiry + "|" + (scope == null ? "" : scope) + "|" + subject;
        String payload = B64.encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(sign(payload));
    }

    /** The principal of a genuine, unexpired token; empty for anything else (never throws). */
    public Optional<Principal> verify(String token) {
        if (token == null || token.length() > 2048) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] given = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, sign(payload))) { // constant time
                return Optional.empty();
            }
            String text = new String(B64D.decode(payload), StandardCharsets.UTF_8);
            String[] parts = text.startsWith("2|") ? text.substring(2).split("\\|", 4) : text.split("\\|", 3);
            if (parts.length != 3 && parts.length != 4) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            if (!clock.instant().isBefore(expires)) {
                return Optional.empty();
            }
            if (parts.length == 3) {
                return Optional.of(new Principal(parts[2], Role.valueOf(parts[0]), expires));
            }
            String scope = parts[2].isEmpty() ? null : parts[2];
            return Optional.of(new Principal(parts[3], Role.valueOf(parts[0]), expires, scope));
        } catch (IllegalArgumentException e) { // bad base64, number or role
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
