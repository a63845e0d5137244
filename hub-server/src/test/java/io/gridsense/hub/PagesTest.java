package io.gridsense.hub;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.gridsense.hub.access.Role;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.Topic;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages in headless Chromium driven by Playwright, clicked through as people would: the gridworker's phone
 * takes a pushed case (accept → arrive → feedback with a photo → done), the command-centre board filters and
 * runs the loop (accept → dispatch; verify → evaluate), the indicators page and the map with a trajectory.
 * Screenshots go to target/screenshots. Every page must run without an uncaught script error or an alert().
 */
class PagesTest {

    static final Path SHOTS = Paths.get("target", "screenshots");
    /** Debian's Chromium, installed by .ci/run: the tests never download a browser. */
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static HubHarness h;
    static String operator;
    static String base;
    static Playwright playwright;
    static Browser chromium;

    @BeforeAll
    static void start() throws Exception {
        // the pages answer within a second; 15 s (not Playwright's 5) leaves room on a busy two-core CI machine
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        requireChromium();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = launchSystemChromium(playwright);
        h = new HubHarness();
        operator = h.token("op-pages", Role.OPERATOR);
        base = h.url("");
    }

    /** A machine without Chromium fails the page tests with what to do; they never skip. */
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError(CHROMIUM + " is missing: the page tests need Debian's chromium (and fonts-noto-cjk);"
                    + " run .ci/run, which installs them");
        }
    }

    /** Launches /usr/bin/chromium headless. */
    static Browser launchSystemChromium(Playwright pw) {
        try {
            // Debian's launcher turns GPU rasterisation on; without a GPU that is software GL, too slow on a busy
            // two-core machine for the board's animated map (screenshots and Playwright's frame-based waits timed out)
            return pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                    .setArgs(List.of("--disable-gpu")));
        } catch (PlaywrightException e) {
            throw new AssertionError("Playwright could not start " + CHROMIUM + " (run .ci/run to install it): " + e.getMessage(), e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (playwright != null) {
                playwright.close();
            }
        } finally {
            if (h != null) {
                h.close();
            }
        }
    }

    @Test
    void theGridworkerPhoneRunsTheCaseAndTheBoardClosesIt() throws Exception {
        String cam = "cam-page-" + h.run;
        h.publish(Topic.alerts(h.site, "agent-p").path(), h.codec.encode(TestData.alert("A" + h.run + "-PG", h.site,
                "agent-p", cam, AlertType.FIGHT, Instant.now(), 4, TestData.SW)));
        HubHarness.await("incident", () -> incidentOf(cam) != null);
        String id = incidentOf(cam);
        Path photo = Files.createTempFile("feedback", ".jpg");
        BufferedImage img = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 120, 60));
        g.fillRect(0, 0, 320, 180);
        g.dispose();
        ImageIO.write(img, "jpg", photo.toFile());

        withPage(phoneContext(), phone -> {
            phone.navigate(base + "/worker/w-01?token=" + h.token("w-01", Role.WORKER));
            assertThat(phone.locator("#title")).hasText("网格员 Gridworker · w-01");
            Locator card = phone.locator("#case-" + id);
            assertThat(card.locator(".type")).hasText("打架斗殴 Fight");
            assertThat(card.locator(".state")).hasText("待受理 Reported");
            phone.locator("#accept-" + id).click();
            assertThat(card.locator(".state")).hasText("已派遣 Dispatched");
            phone.locator("#arrive-" + id).click();
            assertThat(card.locator(".state")).hasText("处置中 In progress");
            phone.locator("#note-" + id).fill("人群已疏散 crowd dispersed, nobody hurt");
            phone.locator("#photo-" + id).setInputFiles(photo);
            shot(phone, "worker-feedback.png");
            phone.locator("#feedback-" + id).click();
            assertThat(card.locator(".done")).hasText("已完成 Done · 待核查 awaiting verification");
            assertThat(card.locator(".state")).hasText("已处置 Handled");
            assertThat(card.locator(".err")).isEmpty();
            shot(phone, "worker-done.png");
        });
        JsonNode handled = h.json(h.get("/api/incidents/" + id, operator));
        assertThat(handled.path("incident").path("state").asText()).isEqualTo("HANDLED");
        assertThat(handled.path("incident").path("loop").path("assignee").asText()).isEqualTo("w-01");
        assertThat(handled.path("incident").path("loop").path("feedbackNote").asText()).isEqualTo("人群已疏散 crowd dispersed, nobody hurt");
        String photoPath = handled.path("incident").path("loop").path("feedbackPhoto").asText();
        assertThat(photoPath).startsWith("/api/incidents/" + id + "/photos/");
        assertThat(h.getBytes(photoPath, operator).body()).isEqualTo(Files.readAllBytes(photo));

        // the board: filter on HANDLED, open the case (the worker's note and photo shown), verify it, evaluate it
        withPage(boardContext(1300), board -> {
            board.navigate(base + "/?token=" + operator);
            assertThat(board.locator("#row-" + id)).isVisible();
            board.locator("#f-state").selectOption("HANDLED");
            // the filter is applied by the server: wait for that answer rather than for a row count that may already hold
            board.waitForResponse(r -> r.url().contains("/api/incidents?") && r.url().contains("state=HANDLED"),
                    () -> board.locator("#f-apply").click());
            assertThat(board.locator("#incidents tr")).hasCount(1);
            assertThat(board.locator("#row-" + id + " .state")).hasText("已处置 Handled");
            board.locator("#row-" + id).click();
            assertThat(board.locator("#d-title")).containsText("已处置 Handled");
            assertThat(board.locator("#d-facts")).containsText("人群已疏散 crowd dispersed, nobody hurt");
            // the feedback photo is on the board, decoded at its own size
            board.waitForFunction("() => { const p = document.querySelector('#d-facts img.photo');"
                    + " return !!p && p.complete && p.naturalWidth === 320; }");
            board.locator("#act-verify").click();
            assertThat(board.locator("#d-title")).containsText("已结案 Closed");
            assertThat(board.locator("#d-trail")).containsText("VERIFY");
            board.locator("#act-evaluate").click();
            assertThat(board.locator("#d-title")).containsText("已评价 Evaluated");
            assertThat(board.locator("#d-error")).isEmpty();
            shot(board, "board-loop.png");
            Locator trail = board.locator("#d-trail");
            for (String action : List.of("ACCEPT", "DISPATCH", "ARRIVE", "FEEDBACK", "VERIFY", "EVALUATE", "worker:w-01")) {
                assertThat(trail).containsText(action);
            }
        });
        assertThat(h.json(h.get("/api/incidents/" + id, operator)).path("incident").path("state").asText()).isEqualTo("EVALUATED");
    }

    @Test
    void theBoardAcceptsAndDispatchesAManualReport() throws Exception {
        String id = h.json(h.post("/api/incidents", operator, Map.of("type", "GATHERING", "category", "DISPUTE",
                "description", "邻里纠纷 neighbours quarrelling", "lat", TestData.NE.lat(), "lon", TestData.NE.lon()))).path("id").asText();
        withPage(boardContext(1300), board -> {
            board.navigate(base + "/?token=" + operator);
            board.locator("#f-category").fill("DISPUTE");
            board.waitForResponse(r -> r.url().contains("/api/incidents?") && r.url().contains("category=DISPUTE"),
                    () -> board.locator("#f-apply").click());
            Locator row = board.locator("#row-" + id);
            assertThat(row).isVisible();
            row.click();
            assertThat(board.locator("#d-facts")).containsText("邻里纠纷 neighbours quarrelling");
            board.locator("#act-accept").click();
            // the accept re-renders the panel (the click's answer and the board socket's event): pick the worker only
            // once that is over, or a late re-render resets the choice
            assertThat(board.locator("#act-dispatch")).isVisible();
            assertThat(board.locator("#d-title")).containsText("已受理 Accepted");
            assertThat(board.locator("#d-trail")).containsText("ACCEPT");
            board.locator("#d-assignee").selectOption("w-10");
            board.locator("#act-dispatch").click();
            assertThat(board.locator("#d-trail")).containsText("to=w-10");
            assertThat(board.locator("#d-title")).containsText("已派遣 Dispatched");
            assertThat(row.locator(".state")).hasText("已派遣 Dispatched");
            assertThat(row.locator("td").nth(7)).hasText("w-10");
            assertThat(board.locator("#d-error")).isEmpty();
            shot(board, "board-dispatch.png");
        });
        JsonNode i = h.json(h.get("/api/incidents/" + id, operator)).path("incident");
        assertThat(i.path("state").asText()).isEqualTo("DISPATCHED");
        assertThat(i.path("loop").path("assignee").asText()).isEqualTo("w-10");
    }

    @Test
    void indicatorsPageAndMapWithATrajectory() throws Exception {
        assertThat(h.post("/api/incidents", operator, Map.of("type", "FIGHT", "description", "for the indicators",
                "lat", TestData.SE.lat(), "lon", TestData.SE.lon())).statusCode()).isEqualTo(201);
        Instant now = Instant.now();
        List<Map<String, Object>> track = List.of(
                Map.of("lat", 30.2712, "lon", 120.1512, "at", now.minusSeconds(40).toString()),
                Map.of("lat", 30.2722, "lon", 120.1525, "at", now.minusSeconds(20).toString()),
                Map.of("lat", 30.2741, "lon", 120.1538, "at", now.toString()));
        assertThat(h.post("/api/workers/w-02/positions", h.token("w-02", Role.WORKER), Map.of("positions", track)).statusCode())
                .isEqualTo(200);
        withPage(boardContext(1000), b -> {
            b.navigate(base + "/map?token=" + operator + "&worker=w-02");
            assertThat(b.locator("#map polyline.track")).hasCount(1);
            assertThat(b.locator("#map circle.track-pt")).hasCount(3);
            assertThat(b.locator("#count")).hasText("3 个轨迹点 positions");
            assertThat(b.locator("#worker")).hasValue("w-02");
            // the marker starts at the newest point; the slider moves it back to the oldest
            String[] points = b.locator("#map polyline.track").getAttribute("points").split(" ");
            Locator here = b.locator("#here");
            assertThat(xy(here)).containsExactly(xy(points[2]), within(0.1));
            String newestX = here.getAttribute("cx");
            b.locator("#slider").fill("0");
            assertThat(here).not().hasAttribute("cx", newestX);
            assertThat(xy(here)).containsExactly(xy(points[0]), within(0.1));
            shot(b, "map-trajectory.png");

            b.navigate(base + "/indicators?token=" + operator);
            assertThat(b.locator("#rows tr.total td").first()).hasText("合计 Total");
            b.locator("#level").selectOption("street");
            b.waitForResponse(r -> r.url().contains("/api/indicators?level=street"), () -> b.locator("#form button").click());
            assertThat(b.locator("#rows")).containsText("北山街道");
            assertThat(b.locator("#csv")).hasAttribute("href", Pattern.compile("/api/indicators\\.csv\\?level=street&"));
            shot(b, "indicators.png");
        });
    }

    /** Where a map marker is drawn. */
    private static double[] xy(Locator circle) {
        return new double[] {Double.parseDouble(circle.getAttribute("cx")), Double.parseDouble(circle.getAttribute("cy"))};
    }

    /** One "x,y" pair of an SVG points list. */
    private static double[] xy(String pair) {
        String[] v = pair.split(",");
        return new double[] {Double.parseDouble(v[0]), Double.parseDouble(v[1])};
    }

    /** The gridworker's phone: a small touch screen. */
    private static BrowserContext phoneContext() {
        return chromium.newContext(new Browser.NewContextOptions().setViewportSize(412, 915).setDeviceScaleFactor(1)
                .setIsMobile(true).setHasTouch(true).setLocale("zh-CN"));
    }

    /** The command centre's wide screen. */
    private static BrowserContext boardContext(int height) {
        return chromium.newContext(new Browser.NewContextOptions().setViewportSize(1600, height).setDeviceScaleFactor(1)
                .setLocale("zh-CN"));
    }

    /**
     * Runs the steps on a fresh page of its own context, then checks that the page threw no uncaught error and
     * raised no alert() (the pages report failed calls that way; Playwright would dismiss it silently).
     */
    private static void withPage(BrowserContext context, Consumer<Page> steps) {
        List<String> problems = new CopyOnWriteArrayList<>();
        try (context) {
            Page page = context.newPage();
            page.onPageError(e -> problems.add("uncaught: " + e));
            page.onDialog(d -> {
                problems.add(d.type() + ": " + d.message());
                d.dismiss();
            });
            steps.accept(page);
        }
        assertThat(problems).as("script errors and alerts on the page").isEmpty();
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name)).setFullPage(true));
    }

    private static String incidentOf(String camera) {
        try {
            for (JsonNode i : h.json(h.get("/api/incidents?limit=1000", operator))) {
                if (camera.equals(i.path("cameraId").asText())) {
                    return i.path("id").asText();
                }
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }
}
