package io.gridsense.agent.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.w3c.dom.Element;

/**
 * WS-Security UsernameToken with PasswordDigest, as ONVIF devices require:
 * {@code Base64(SHA-1(nonce + created + password))}, where nonce is the raw bytes and created the UTC time
 * string. Writes the token into a SOAP header, and checks one that a client sent.
 */
public final class UsernameToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The token fields as they travel: user, digest and nonce in Base64, created as ISO-8601 UTC. */
    public record Fields(String username, String passwordDigest, String nonceBase64, String created) {
    }

    private UsernameToken() {
    }

    /** The digest of the specification: Base64(SHA-1(nonce + created + password)). */
    public static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** A fresh token for {@code user} at {@code deviceTime} (local time corrected by the device's clock offset). */
    public static Fields create(String user, String password, Instant deviceTime) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String created = deviceTime.truncatedTo(ChronoUnit.MILLIS).toString();
        return new Fields(user, digest(nonce, created, password), Base64.getEncoder().encodeToString(nonce), created);
    }

    /** Writes {@code <wsse:Security><wsse:UsernameToken>…} into the SOAP header. */
    public static void write(Element header, Fields t) {
        Element security = Xml.add(header, OnvifNs.WSSE, "wsse:Security");
        security.setAttributeNS(OnvifNs.SOAP, "s:mustUnderstand", "1");
        Element token = Xml.add(security, OnvifNs.WSSE, "wsse:UsernameToken");
        Xml.add(token, OnvifNs.WSSE, "wsse:Username", t.username());
        Xml.add(token, OnvifNs.WSSE, "wsse:Password", t.passwordDigest()).setAttribute("Type", OnvifNs.PASSWORD_DIGEST);
        Xml.add(token, OnvifNs.WSSE, "wsse:Nonce", t.nonceBase64()).setAttribute("EncodingType", OnvifNs.BASE64_BINARY);
        Xml.add(token, OnvifNs.WSU, "wsu:Created", t.created());
    }

    /** The token in a request's header, or null when it carries none. */
    public static Fields read(Element header) {
        Element token = Xml.find(header, OnvifNs.WSSE, "UsernameToken");
        if (token == null) {
            return null;
        }
        return new Fields(Xml.text(token, "Username"), Xml.text(token, "Password"), Xml.text(token, "Nonce"),
                Xml.text(token, "Created"));
    }

    /** Whether the token proves knowledge of {@code password}; compared in constant time. */
    public static boolean verify(Fields t, String password) {
        if (t.passwordDigest() == null || t.nonceBase64() == null || t.created() == null) {
            return false;
        }
        byte[] nonce;
        try {
            nonce = Base64.getDecoder().decode(t.nonceBase64());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = digest(nonce, t.created(), password).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, t.passwordDigest().getBytes(StandardCharsets.US_ASCII));
    }
}
