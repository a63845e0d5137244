package io.gridsense.agent.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the agent's config file and calls back when it changes (editors often write a file in several
 * steps, so changes are gathered for half a second first). It watches the folder, because an editor may
 * replace the file instead of writing into it.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final WatchService watch;
    private final Thread thread;

    public ConfigWatcher(Path file, Runnable onChange) throws IOException {
        this.file = file.toAbsolutePath();
        this.watch = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watch, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        this.thread = new Thread(() -> loop(onChange), "config-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Runnable onChange) {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean ours = false;
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.context() instanceof Path p && p.getFileName().equals(file.getFileName())) {
                        ours = true;
                    }
                }
                key.reset();
                if (ours) {
                    Thread.sleep(500);
                    // drain what the same save produced
                    WatchKey more;
                    while ((more = watch.poll()) != null) {
                        more.pollEvents();
                        more.reset();
                    }
                    log.info("event=config_file_changed file={}", file);
                    onChange.run();
                }
            }
        } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("event=config_watch_failed file={} reason=\"{}\"", file, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
        thread.interrupt();
    }
}
