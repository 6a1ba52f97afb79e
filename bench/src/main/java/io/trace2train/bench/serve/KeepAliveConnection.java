package io.trace2train.bench.serve;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection on a plain blocking socket, for the load client: the measuring equipment must cost
 * little CPU beside the service it measures, and a general HTTP client (its selector thread, per-request objects and
 * copies) cost as much per item as the service did. A request goes out as bytes built once (headers included); the
 * answer is read as its status line, headers, then exactly its {@code Content-Length} bytes or its chunks. Not
 * thread-safe: one connection per client thread.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** An answer: its status, body, and {@code Retry-After} header (null when absent). */
    record Response(int status, byte[] body, String retryAfter) {

        Response {
            requireNonNull(body, "body");
        }
    }

    private final InetSocketAddress address;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveConnection(InetSocketAddress address) {
        this.address = requireNonNull(address, "address");
    }

    /**
     * A POST request's bytes, headers and body, ready to send (any number of times).
     *
     * @param hostHeader the {@code Host} header's value
     */
    static byte[] post(String path, String hostHeader, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /**
     * Sends {@code request} and reads its answer. A connection the server closed while idle is opened again and the
     * request sent once more (nothing of the answer had been read, so the server had not taken it).
     */
    Response exchange(byte[] request) throws IOException {
        boolean reused = socket != null;
        try {
            return send(request);
        } catch (Unanswered e) {
            close();
            if (!reused) {
                throw e;
            }
            return send(request);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The request could not be sent, or the connection ended before a byte of its answer. */
    private static final class Unanswered extends IOException {

        Unanswered(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Response send(byte[] request) throws IOException {
        if (socket == null) {
            Socket opened = new Socket();
            opened.setTcpNoDelay(true);
            opened.connect(address);
            socket = opened;
            in = opened.getInputStream();
            out = opened.getOutputStream();
            position = 0;
            limit = 0;
        }
        String status;
        try {
            out.write(request);
            out.flush();
            status = line();
        } catch (java.net.SocketException e) {
            throw new Unanswered("the connection to " + address + " failed: " + e.getMessage(), e);
        }
        if (status == null) {
            throw new Unanswered("the server closed the connection before answering", null);
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean closes = parts[0].equals("HTTP/1.0");
        String retryAfter = null;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                throw new IOException("a malformed header: " + header);
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                case "retry-after" -> retryAfter = value;
                default -> {
                }
            }
        }
        byte[] body;
        if (chunked) {
            body = chunks();
        } else if (length >= 0) {
            body = new byte[Math.toIntExact(length)];
            read(body, body.length);
        } else {
            // no length and no chunks: the body ends with the connection
            body = rest();
            closes = true;
        }
        if (closes) {
            close();
        }
        return new Response(code, body, retryAfter);
    }

    /** A chunked body, its chunks joined (the trailers read and dropped). */
    private byte[] chunks() throws IOException {
        byte[] body = new byte[0];
        while (true) {
            String size = line();
            if (size == null) {
                throw new EOFException("the connection ended inside a chunked body");
            }
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers carry nothing the client needs
                }
                return body;
            }
            int at = body.length;
            body = Arrays.copyOf(body, at + n);
            readInto(body, at, n);
            String end = line();
            if (end == null || !end.isEmpty()) {
                throw new IOException("a chunk of " + n + " bytes is not followed by CRLF");
            }
        }
    }

    private byte[] rest() throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.write(buffer, position, limit - position);
        position = limit;
        in.transferTo(all);
        return all.toByteArray();
    }

    private void read(byte[] into, int n) throws IOException {
        readInto(into, 0, n);
    }

    private void readInto(byte[] into, int offset, int n) throws IOException {
        int buffered = Math.min(n, limit - position);
        System.arraycopy(buffer, position, into, offset, buffered);
        position += buffered;
        // what is not buffered yet is read straight into place, not through the buffer
        for (int done = buffered; done < n; ) {
            int read = in.read(into, offset + done, n - done);
            if (read < 0) {
                throw new EOFException("the connection ended " + (n - done) + " bytes before the body's end");
            }
            done += read;
        }
    }

    /** A line of the head (ASCII, CRLF or LF ended, without its end), or null at the connection's end. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (line.isEmpty()) {
                        return null;
                    }
                    throw new EOFException("the connection ended inside a line: " + line);
                }
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) (b & 0xff));
        }
    }

    @Override
    public void close() throws IOException {
        Socket open = socket;
        socket = null;
        in = null;
        out = null;
        position = 0;
        limit = 0;
        if (open != null) {
            open.close();
        }
    }
}
