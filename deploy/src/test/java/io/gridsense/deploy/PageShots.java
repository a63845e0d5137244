package io.gridsense.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a page in Debian's headless Chromium: a screenshot to look at and the DOM after the page's scripts
 * ran, to assert on. Chromium is installed by {@code .ci/run}; the flags keep it off the (closed) network.
 */
final class PageShots {

    record Page(Path screenshot, String dom) {
    }

    private PageShots() {
    }

    static Page render(String url, Path png) throws IOException, InterruptedException {
        return render(url, png, "1600,1000");
    }

    static Page renderPhone(String url, Path png) throws IOException, InterruptedException {
        return render(url, png, "420,860");
    }

    private static Page render(String url, Path png, String size) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> common = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=" + size, "--virtual-time-budget=6000");
        List<String> shot = new ArrayList<>(common);
        shot.add("--screenshot=" + png.toAbsolutePath());
        shot.add(url);
        run(shot);
        List<String> dump = new ArrayList<>(common);
        dump.add("--dump-dom");
        dump.add(url);
        String dom = run(dump);
        if (!Files.exists(png) || Files.size(png) < 10_000) {
            throw new IOException("chromium wrote no screenshot of " + url);
        }
        return new Page(png, dom);
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 60 s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
