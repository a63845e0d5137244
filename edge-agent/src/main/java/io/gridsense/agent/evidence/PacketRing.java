package io.gridsense.agent.evidence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;

/**
 * The last seconds of a stream's encoded video packets, by wall-clock arrival time, so a clip can start
 * before the moment it was asked for. Owns clones of the packets and frees them as they age out. Used by
 * one thread only.
 */
final class PacketRing implements AutoCloseable {

    /** A stored packet and when it arrived. */
    record Entry(AVPacket packet, long wallMillis, boolean key) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private final long keepMillis;

    PacketRing(long keepMillis) {
        this.keepMillis = keepMillis;
    }

    /** Stores a clone of {@code packet} (the caller keeps its own) and drops what is older than the window. */
    void add(AVPacket packet, long wallMillis, boolean key) {
        AVPacket copy = avcodec.av_packet_clone(packet);
        if (copy == null) {
            return;
        }
        entries.addLast(new Entry(copy, wallMillis, key));
        // keep at least from the last keyframe before the window, so a clip can always start decodable
        while (entries.size() > 1 && entries.peekFirst().wallMillis() < wallMillis - keepMillis && secondKeyStillOld(wallMillis)) {
            Entry e = entries.pollFirst();
            avcodec.av_packet_free(e.packet());
        }
    }

    private boolean secondKeyStillOld(long now) {
        // drop the head only if a later keyframe is itself older than the window start
        boolean first = true;
        for (Entry e : entries) {
            if (first) {
                first = false;
                continue;
            }
            if (e.key()) {
                return e.wallMillis() <= now - keepMillis;
            }
        }
        return false;
    }

    /** The packets from the last keyframe at or before {@code fromMillis} up to {@code toMillis}. */
    List<Entry> slice(long fromMillis, long toMillis) {
        List<Entry> all = new ArrayList<>(entries);
        int start = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).key() && (all.get(i).wallMillis() <= fromMillis || start < 0)) {
                start = i;
            }
            if (all.get(i).wallMillis() > fromMillis && start >= 0) {
                break;
            }
        }
        List<Entry> out = new ArrayList<>();
        if (start < 0) {
            return out;
        }
        for (int i = start; i < all.size() && all.get(i).wallMillis() <= toMillis; i++) {
            out.add(all.get(i));
        }
        return out;
    }

    int size() {
        return entries.size();
    }

    @Override
    public void close() {
        for (Entry e : entries) {
            avcodec.av_packet_free(e.packet());
        }
        entries.clear();
    }
}
