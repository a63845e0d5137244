package io.gridsense.agent.onvif.device;

import io.gridsense.agent.onvif.PtzPreset;
import java.time.Duration;
import java.util.List;

/** What PTZ requests on the device service turn into: the real camera's motor, a forwarder, or a recorder. */
public interface PtzControl {

    /** Moves at speeds in -1..1 until stopped or until {@code timeout} (null: no limit). */
    void continuousMove(String profileToken, double pan, double tilt, double zoom, Duration timeout);

    void stop(String profileToken);

    List<PtzPreset> presets(String profileToken);

    /** Returns false when the preset does not exist. */
    boolean gotoPreset(String profileToken, String presetToken);
}
