package io.gridsense.agent.onvif;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts SOAP envelopes over HTTP (java.net.http) and answers an HTTP Digest challenge when the device asks
 * for one; turns network failures into {@link OnvifException}s with plain words.
 */
public final class SoapTransport {

    private final HttpClient http;
    private final Duration timeout;
    private final String user;
    private final String password;

    public SoapTransport(Duration timeout, String user, String password) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.user = user;
        this.password = password;
    }

    /** Posts {@code request} to {@code endpoint} and returns the answer envelope; SOAP faults are thrown. */
    public SoapEnvelope call(URI endpoint, String action, SoapEnvelope request) throws OnvifException {
        byte[] body = request.toBytes();
        HttpResponse<byte[]> response = post(endpoint, action, body, null);
        if (response.statusCode() == 401 && user != null) {
            Optional<String> challenge = response.headers().allValues("WWW-Authenticate").stream()
                    .filter(h -> h.regionMatches(true, 0, "Digest", 0, 6)).findFirst();
            if (challenge.isPresent()) {
                String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
                response = post(endpoint, action, body, HttpDigest.authorization(challenge.get(), "POST", path, user, password));
            }
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new OnvifException(OnvifException.Kind.NOT_AUTHORIZED,
                    response.statusCode() + " " + (response.statusCode() == 401 ? "Unauthorized" : "Forbidden")
                            + ": check the ONVIF user name and password");
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.contains("xml") && response.statusCode() != 200 && response.statusCode() != 400 && response.statusCode() != 500) {
            throw new OnvifException(OnvifException.Kind.NOT_ONVIF, "not an ONVIF device: HTTP " + response.statusCode()
                    + " from " + endpoint.getHost() + ":" + endpoint.getPort());
        }
        SoapEnvelope answer = SoapEnvelope.parse(response.body());
        answer.throwIfFault();
        return answer;
    }

    private HttpResponse<byte[]> post(URI endpoint, String action, byte[] body, String authorization) throws OnvifException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/soap+xml; charset=utf-8; action=\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new OnvifException(OnvifException.Kind.TIMEOUT, "timed out connecting to " + hostPort(endpoint), e);
        } catch (HttpTimeoutException e) {
            throw new OnvifException(OnvifException.Kind.TIMEOUT, "timed out: " + hostPort(endpoint)
                    + " accepted the connection but did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new OnvifException(OnvifException.Kind.UNREACHABLE, "connection refused: nothing listens on "
                    + hostPort(endpoint), e);
        } catch (IOException e) {
            throw new OnvifException(OnvifException.Kind.NOT_ONVIF, "not an ONVIF device at " + hostPort(endpoint)
                    + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnvifException(OnvifException.Kind.TIMEOUT, "interrupted", e);
        }
    }

    private static String hostPort(URI u) {
        return u.getHost() + ":" + (u.getPort() < 0 ? 80 : u.getPort());
    }
}
