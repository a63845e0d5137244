package io.gridsense.deploy;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Debian's headless Chromium driven by Playwright, for the end-to-end test to open the hub's pages, assert on
 * them with locators and keep screenshots to look at. The browser is the system one installed by {@code .ci/run}:
 * nothing is downloaded at run time.
 */
final class PageShots implements AutoCloseable {

    /** Debian's Chromium: the one browser the tests use. */
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private PageShots(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts Chromium; a machine without it fails here with what to do (the test never skips the pages). */
    static PageShots start() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError(CHROMIUM + " is missing: the page checks need Debian's chromium (and fonts-noto-cjk);"
                    + " run .ci/run, which installs them");
        }
        // the pages answer within a second; 15 s (not Playwright's 5) leaves room on a busy two-core CI machine
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            // Debian's launcher turns GPU rasterisation on; without a GPU that is software GL, too slow on a busy
            // two-core machine for the board's animated map (screenshots and Playwright's frame-based waits timed out)
            return new PageShots(pw, pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                    .setHeadless(true).setArgs(List.of("--disable-gpu"))));
        } catch (PlaywrightException e) {
            pw.close();
            throw new AssertionError("Playwright could not start " + CHROMIUM + " (run .ci/run to install it): " + e.getMessage(), e);
        }
    }

    /** The command centre's wide screen. */
    Page desktop(String url) {
        return open(url, new Browser.NewContextOptions().setViewportSize(1600, 1000));
    }

    /** A gridworker's phone: a small touch screen. */
    Page phone(String url) {
        return open(url, new Browser.NewContextOptions().setViewportSize(420, 860).setIsMobile(true).setHasTouch(true));
    }

    private Page open(String url, Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options.setDeviceScaleFactor(1).setLocale("zh-CN"));
        Page page = context.newPage();
        // the pages report failed calls with alert(), which Playwright would dismiss without a word
        page.onPageError(e -> problems.add(url + " uncaught: " + e));
        page.onDialog(d -> {
            problems.add(url + " " + d.type() + ": " + d.message());
            d.dismiss();
        });
        page.navigate(url);
        return page;
    }

    /** Uncaught script errors and alerts seen on any page so far. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The whole page, not only the viewport, as a PNG to look at. */
    static void screenshot(Page page, Path png) {
        page.screenshot(new Page.ScreenshotOptions().setPath(png).setFullPage(true));
    }

    @Override
    public void close() {
        playwright.close();
    }
}
