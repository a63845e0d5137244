"""A GStreamer RTSP server for the edge agent's tests: serves MPEG-TS clips (H.264 or H.265) on loopback.

Usage: rtsp_server.py PORT [--user U --password P] MOUNT=CLIP.ts[:h264|h265] ...
Each client gets its own pipeline that plays the clip from the start in real time. Prints "ready PORT" once
listening. Run with the system python (/usr/bin/python3), which has the GStreamer bindings.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


def main(argv):
    Gst.init(None)
    port = argv[1]
    user = password = None
    mounts = []
    i = 2
    while i < len(argv):
        if argv[i] == "--user":
            user = argv[i + 1]
            i += 2
        elif argv[i] == "--password":
            password = argv[i + 1]
            i += 2
        else:
            mounts.append(argv[i])
            i += 1

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    if user:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "user")
        # digest, as real cameras ask for it
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        auth.add_digest(user, password, token)
        server.set_auth(auth)

    for spec in mounts:
        mount, clip = spec.split("=", 1)
        codec = "h264"
        if ":" in clip and clip.rsplit(":", 1)[1] in ("h264", "h265"):
            clip, codec = clip.rsplit(":", 1)
        pay = "rtph264pay" if codec == "h264" else "rtph265pay"
        # the parser puts the parameter sets in front of every key frame; the payloader must not add them again:
        # with both adding them, FFmpeg received every key frame split in two access units one RTP tick apart and
        # concealed the missing slices as smear that lasted the whole GOP (false motion on an empty scene)
        launch = (f"( filesrc location={clip} ! tsdemux ! {codec}parse config-interval=-1 ! "
                  f"{pay} name=pay0 pt=96 config-interval=0 )")
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(launch)
        factory.set_shared(False)
        if user:
            factory.add_role_from_structure(Gst.Structure.new_from_string(
                "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))
        server.get_mount_points().add_factory("/" + mount, factory)

    if server.attach(None) == 0:
        print("cannot listen on port " + port, flush=True)
        return 1
    print("ready " + port, flush=True)
    GLib.MainLoop().run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
