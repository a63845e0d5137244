package io.gridsense.agent.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Digest access authentication (RFC 7616, compatible with RFC 2617's MD5): the client's answer to a
 * {@code WWW-Authenticate: Digest} challenge, and the server's challenge and check.
 */
public final class HttpDigest {

    private static final Pattern PARAM = Pattern.compile("(\\w+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]+))");
    private static final SecureRandom RANDOM = new SecureRandom();

    private HttpDigest() {
    }

    /** The parameters of a {@code Digest …} header (challenge or credentials), keys in lower case. */
    public static Map<String, String> parse(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null) {
            return out;
        }
        String h = header.trim();
        if (h.regionMatches(true, 0, "Digest", 0, 6)) {
            h = h.substring(6);
        }
        Matcher m = PARAM.matcher(h);
        while (m.find()) {
            out.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2).replace("\\\"", "\"") : m.group(3));
        }
        return out;
    }

    /** The {@code Authorization} header answering {@code challenge} for one request. */
    public static String authorization(String challenge, String method, String uri, String user, String password) {
        Map<String, String> c = parse(challenge);
        String algorithm = c.getOrDefault("algorithm", "MD5");
        String realm = c.getOrDefault("realm", "");
        String nonce = c.getOrDefault("nonce", "");
        String qop = c.get("qop");
        boolean auth = qop != null && Pattern.compile("(^|,)\\s*auth\\s*(,|$)").matcher(qop).find();
        String cnonce = HexFormat.of().formatHex(randomBytes(8));
        String nc = "00000001";
        String response = response(algorithm, user, realm, password, method, uri, nonce, auth ? nc : null, cnonce,
                auth ? "auth" : null);
        StringBuilder b = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append("\", algorithm=")
                .append(algorithm).append(", response=\"").append(response).append('"');
        if (auth) {
            b.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        if (c.containsKey("opaque")) {
            b.append(", opaque=\"").append(c.get("opaque")).append('"');
        }
        return b.toString();
    }

    /** A fresh challenge for {@code realm} with qop=auth and MD5, which every ONVIF client understands. */
    public static String challenge(String realm, String nonce) {
        return "Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + nonce + "\"";
    }

    /** A random server nonce. */
    public static String newNonce() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    /** Whether {@code authorization} proves {@code password} for this method (the nonce is checked by the caller). */
    public static boolean verify(String authorization, String method, String password) {
        Map<String, String> a = parse(authorization);
        String expected = response(a.getOrDefault("algorithm", "MD5"), a.getOrDefault("username", ""),
                a.getOrDefault("realm", ""), password, method, a.getOrDefault("uri", ""), a.getOrDefault("nonce", ""),
                a.get("nc"), a.get("cnonce"), a.get("qop"));
        String given = a.getOrDefault("response", "");
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private static String response(String algorithm, String user, String realm, String password, String method,
                                   String uri, String nonce, String nc, String cnonce, String qop) {
        String alg = algorithm.toUpperCase(Locale.ROOT).startsWith("SHA-256") ? "SHA-256" : "MD5";
        String ha1 = hash(alg, user + ":" + realm + ":" + password);
        if (algorithm.toUpperCase(Locale.ROOT).endsWith("-SESS")) {
            ha1 = hash(alg, ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = hash(alg, method + ":" + uri);
        return qop == null ? hash(alg, ha1 + ":" + nonce + ":" + ha2)
                : hash(alg, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    private static String hash(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
