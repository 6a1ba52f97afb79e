package io.trace2train.backends.jlama;

import java.io.OutputStream;

/** Discards bytes: the weights are read only for their digest. */
final class OutputStreamSink extends OutputStream {

    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
    }
}
