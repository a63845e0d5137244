package io.gridsense.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.agent.camera.CameraErrors;
import org.junit.jupiter.api.Test;

class CameraErrorsTest {

    @Test
    void credentialsAreRedacted() {
        assertThat(CameraErrors.redact("rtsp://admin:s3cret@10.0.0.5:554/sub")).isEqualTo("rtsp://***@10.0.0.5:554/sub");
        assertThat(CameraErrors.redact("rtsp://10.0.0.5/sub")).isEqualTo("rtsp://10.0.0.5/sub");
    }

    @Test
    void ffmpegErrorsBecomePlainWords() {
        assertThat(CameraErrors.plainWords(new Exception("avformat_open_input() error -1094995529: Could not open input "
                + "\"rtsp://a:b@h/x\". (Has setFormat() been called?) 401 Unauthorized")))
                .startsWith("401 Unauthorized");
        assertThat(CameraErrors.plainWords(new Exception("avformat_open_input() error -111: Connection refused")))
                .startsWith("connection refused");
    }

    @Test
    void digitsOfAPortAreNotAStatusCode() {
        assertThat(CameraErrors.plainWords(new Exception("Could not open input \"rtsp://127.0.0.1:40123/cam\": timed out")))
                .startsWith("timed out");
        assertThat(CameraErrors.plainWords(new Exception("rtsp://10.0.0.8:34041/x: Connection refused")))
                .startsWith("connection refused");
    }
}
