package io.gridsense.deploy.cli;

import io.gridsense.analytics.scene.Scenario;
import io.gridsense.analytics.scene.SceneSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridsense scenes}: renders a labelled set of evaluation clips (all logic in analytics-models' SceneSet). */
@Command(name = "scenes", mixinStandardHelpOptions = true,
        description = {
            "Renders labelled clips of articulated people walking, queuing, gathering, dispersing, jogging, playing and",
            "fighting, with lighting changes, camera shake, occlusion, noise and compression, into --out, with",
            "labels.csv (clip,type,start_s,end_s; a clip with no row is a negative) and clips.csv (what each clip is).",
            "Keep the seeds you evaluate on apart from the seeds you train on."})
public final class ScenesCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--count", defaultValue = "24", description = "number of clips; default ${DEFAULT-VALUE}")
    int count;

    @Option(names = "--seed", defaultValue = "1000", description = "seed of the set; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--seconds", defaultValue = "36", description = "length of each clip; default ${DEFAULT-VALUE}")
    int seconds;

    @Option(names = "--scenario", description = "render only this kind of clip (${COMPLETION-CANDIDATES}) instead of"
            + " cycling through them all: a set of one hard case to look into")
    Scenario only;

    @Override
    public Integer call() throws Exception {
        SceneSet.Format std = SceneSet.Format.standard();
        SceneSet.generate(out, count, seed, new SceneSet.Format(std.width(), std.height(), std.fps(),
                Duration.ofSeconds(seconds)), only, System.out);
        System.out.println("wrote " + count + " clips and labels.csv to " + out.toAbsolutePath());
        return 0;
    }
}
