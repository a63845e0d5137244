package io.gridsense.agent.onvif.device;

import java.util.List;
import java.util.Optional;

/** What the device service offers: the streams (one profile each) and, where it has one, a JPEG snapshot. */
public interface StreamCatalog {

    /** The streams now offered, in a stable order. */
    List<PublishedStream> streams();

    /** A current JPEG picture of the stream with this token, when one is at hand. */
    default Optional<byte[]> snapshot(String token) {
        return Optional.empty();
    }
}
