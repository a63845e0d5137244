package io.gridsense.analytics.people;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes small ONNX models for tests, byte by byte in the protobuf wire format, with the field numbers of the
 * public onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto). No model is
 * downloaded and no ONNX tooling is needed: the test builds the network whose outputs it can predict.
 */
final class TinyOnnx {
    /** TensorProto.DataType values. */
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private TinyOnnx() {
    }

    /** A protobuf message under construction. */
    static final class Msg {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        private void tag(int field, int wire) {
            varint(((long) field << 3) | wire);
        }

        Msg integer(int field, long v) {
            tag(field, 0);
            varint(v);
            return this;
        }

        Msg bytes(int field, byte[] b) {
            tag(field, 2);
            varint(b.length);
            out.write(b, 0, b.length);
            return this;
        }

        Msg string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Msg message(int field, Msg m) {
            return bytes(field, m.toBytes());
        }

        Msg float32(int field, float f) {
            tag(field, 5);
            int bits = Float.floatToIntBits(f);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }

    /** TensorProto: dims (1), data_type (2), name (8), raw_data (9, little-endian). */
    static Msg floatTensor(String name, long[] dims, float[] values) {
        Msg t = new Msg();
        for (long d : dims) {
            t.integer(1, d);
        }
        t.integer(2, FLOAT).string(8, name);
        byte[] raw = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToIntBits(values[i]);
            for (int k = 0; k < 4; k++) {
                raw[4 * i + k] = (byte) (bits >>> (8 * k));
            }
        }
        return t.bytes(9, raw);
    }

    static Msg int64Tensor(String name, long[] values) {
        Msg t = new Msg().integer(1, values.length).integer(2, INT64).string(8, name);
        byte[] raw = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < 8; k++) {
                raw[8 * i + k] = (byte) (values[i] >>> (8 * k));
            }
        }
        return t.bytes(9, raw);
    }

    /** NodeProto: input (1), output (2), name (3), op_type (4), attribute (5). */
    static Msg node(String op, String name, String[] inputs, String[] outputs, Msg... attributes) {
        Msg n = new Msg();
        for (String i : inputs) {
            n.string(1, i);
        }
        for (String o : outputs) {
            n.string(2, o);
        }
        n.string(3, name).string(4, op);
        for (Msg a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    /** AttributeProto with a list of ints: name (1), ints (8), type (20) = INTS (7). */
    static Msg ints(String name, long... values) {
        Msg a = new Msg().string(1, name);
        for (long v : values) {
            a.integer(8, v);
        }
        return a.integer(20, 7);
    }

    /** ValueInfoProto for a float tensor: name (1), type (2) = TypeProto{tensor_type (1){elem_type (1), shape (2)}}. */
    static Msg floatValue(String name, long... dims) {
        Msg shape = new Msg();
        for (long d : dims) {
            shape.message(1, new Msg().integer(1, d));
        }
        Msg tensorType = new Msg().integer(1, FLOAT).message(2, shape);
        return new Msg().string(1, name).message(2, new Msg().message(1, tensorType));
    }

    /**
     * ModelProto: ir_version (1) = 7, producer_name (2), graph (7), opset_import (8) = {domain "" , version 11}.
     * GraphProto: node (1), name (2), initializer (5), input (11), output (12).
     */
    static byte[] model(Msg[] nodes, Msg[] initializers, Msg input, Msg output) {
        Msg g = new Msg();
        for (Msg n : nodes) {
            g.message(1, n);
        }
        g.string(2, "tiny");
        for (Msg i : initializers) {
            g.message(5, i);
        }
        g.message(11, input).message(12, output);
        return new Msg().integer(1, 7).string(2, "gridsense-test").message(7, g)
                .message(8, new Msg().string(1, "").integer(2, 11)).toBytes();
    }
}
