package io.gridsense.hub;

import io.gridsense.hub.camera.Camera;
import io.gridsense.hub.incident.Incident;

/** What the hub announces to live viewers (command-centre boards) after a change is committed. */
public interface HubEvents {

    /** An incident was created, merged with another alert, or changed state; action says which. */
    void incidentChanged(Incident incident, String action);

    /** A camera's status changed. */
    void cameraChanged(Camera camera);

    /** Events that go nowhere (tests, tools). */
    HubEvents NONE = new HubEvents() {
        @Override
        public void incidentChanged(Incident incident, String action) {
        }

        @Override
        public void cameraChanged(Camera camera) {
        }
    };
}
