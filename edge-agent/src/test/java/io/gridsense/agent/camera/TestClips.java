package io.gridsense.agent.camera;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** MPEG-TS clips the RTSP tests serve, made by Debian's ffmpeg (libx264, libx265) on first use. */
final class TestClips {

    private final Path dir;

    TestClips(Path dir) {
        this.dir = dir;
    }

    /** A moving test pattern, {@code seconds} long, in {@code codec} (h264 or h265). */
    Path pattern(String codec, int width, int height, int fps, int seconds) throws IOException {
        Path out = dir.resolve(codec + "-" + width + "x" + height + "-" + fps + "fps-" + seconds + "s.ts");
        if (!Files.exists(out)) {
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=" + width + "x" + height + ":rate=" + fps, "-t", Integer.toString(seconds),
                    "-pix_fmt", "yuv420p"));
            if ("h265".equals(codec)) {
                cmd.addAll(List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                        "log-level=error:keyint=" + fps + ":repeat-headers=1"));
            } else {
                cmd.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", Integer.toString(fps)));
            }
            cmd.addAll(List.of("-f", "mpegts", out.toString()));
            run(cmd);
        }
        return out;
    }

    /** One H.264 stream whose picture size changes halfway, as when a camera's settings are changed live. */
    Path resolutionSwitch(int seconds) throws IOException {
        Path out = dir.resolve("switch.ts");
        if (!Files.exists(out)) {
            Path a = pattern("h264", 640, 360, 25, seconds / 2);
            Path b = pattern("h264", 320, 180, 25, seconds / 2);
            // MPEG-TS segments concatenate byte for byte; the new SPS arrives with the next key frame
            Files.write(out, Files.readAllBytes(a));
            Files.write(out, Files.readAllBytes(b), java.nio.file.StandardOpenOption.APPEND);
        }
        return out;
    }

    /** An H.264 clip with runs of random bytes written over its payload, as a lossy link would deliver it. */
    Path corrupt(int seconds) throws IOException {
        Path out = dir.resolve("corrupt.ts");
        if (!Files.exists(out)) {
            Files.copy(pattern("h264", 640, 360, 25, seconds), out);
            Random random = new Random(42);
            try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
                long len = f.length();
                for (int i = 0; i < 60; i++) {
                    // keep each 188-byte TS packet's header (sync byte, PID) so the demuxer stays in step
                    long packet = (len / 188) * (i + 1) / 62;
                    byte[] junk = new byte[120];
                    random.nextBytes(junk);
                    f.seek(packet * 188 + 40);
                    f.write(junk);
                }
            }
        }
        return out;
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("ffmpeg failed: " + out);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
