package io.gridsense.agent.onvif.device;

import io.gridsense.agent.onvif.PtzPreset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A PTZ that remembers the commands it got, with fixed presets: the stand-in for streams without a motor
 * behind them, and what tests read back.
 */
public final class RecordingPtz implements PtzControl {

    private final List<PtzPreset> presets;
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());

    public RecordingPtz(List<PtzPreset> presets) {
        this.presets = List.copyOf(presets);
    }

    @Override
    public void continuousMove(String profileToken, double pan, double tilt, double zoom, Duration timeout) {
        commands.add("move " + profileToken + " " + pan + " " + tilt + " " + zoom + (timeout == null ? "" : " " + timeout));
    }

    @Override
    public void stop(String profileToken) {
        commands.add("stop " + profileToken);
    }

    @Override
    public List<PtzPreset> presets(String profileToken) {
        return presets;
    }

    @Override
    public boolean gotoPreset(String profileToken, String presetToken) {
        boolean known = presets.stream().anyMatch(p -> p.token().equals(presetToken));
        if (known) {
            commands.add("goto " + profileToken + " " + presetToken);
        }
        return known;
    }

    /** The commands received so far, oldest first. */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }
}
