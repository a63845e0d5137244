package io.gridsense.agent.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;

/**
 * One file of the outbox's log: records of {@code [length][crc32c][type][payload]}. Reading stops at the
 * first record that is cut short or fails its checksum — what a power cut mid-write leaves behind — and
 * reports where, so the tail can be cut off and the file appended to again.
 */
final class SegmentFile {

    static final byte APPEND = 1;
    static final byte ACK = 2;
    private static final int HEADER = 4 + 4 + 1;
    /** Larger records are corruption, not alerts: the wire contract caps a message at 64 KiB. */
    private static final int MAX_RECORD = 1 << 20;

    private SegmentFile() {
    }

    /** Encodes one record. */
    static ByteBuffer record(byte type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
        CRC32C crc = new CRC32C();
        crc.update(type);
        crc.update(payload);
        b.putInt(payload.length).putInt((int) crc.getValue()).put(type).put(payload).flip();
        return b;
    }

    static ByteBuffer ack(String alertId) {
        return record(ACK, alertId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Calls {@code each} for every valid record in order and returns the byte offset after the last valid
     * one; the file is longer than that when its tail is torn.
     */
    static long read(Path file, BiConsumer<Byte, byte[]> each) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (pos + HEADER <= size) {
                header.clear();
                ch.read(header, pos);
                header.flip();
                int len = header.getInt();
                int crcValue = header.getInt();
                byte type = header.get();
                if (len < 0 || len > MAX_RECORD || pos + HEADER + len > size || (type != APPEND && type != ACK)) {
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(len);
                ch.read(body, pos + HEADER);
                CRC32C crc = new CRC32C();
                crc.update(type);
                crc.update(body.array());
                if ((int) crc.getValue() != crcValue) {
                    break;
                }
                each.accept(type, body.array());
                pos += HEADER + len;
            }
            return pos;
        }
    }
}
