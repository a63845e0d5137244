package io.gridsense.hub.push;

import io.gridsense.hub.worker.Worker;

/** One worker chosen for a push, with the distance to the incident (metres, -1 when unknown) and why. */
public record PushTarget(Worker worker, double distanceMeters, PushReason reason) {
}
