package dev.drift.ops.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds a small POSIX (ustar) tar in memory: enough for image layers and a root file system
 * to import, without a compression library. Fixed owner and mtime keep the bytes, and so the
 * digests, a function of the contents alone.
 */
public final class TarArchive {

    private static final int BLOCK = 512;
    private static final long MTIME = 1_700_000_000L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public TarArchive directory(String name) {
        writeHeader(name.endsWith("/") ? name : name + "/", 0, '5', 0755);
        return this;
    }

    public TarArchive file(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        writeHeader(name, bytes.length, '0', 0644);
        out.writeBytes(bytes);
        pad(bytes.length);
        return this;
    }

    /** The archive with its end-of-archive marker (two zero blocks). */
    public byte[] toBytes() {
        ByteArrayOutputStream finished = new ByteArrayOutputStream();
        finished.writeBytes(out.toByteArray());
        finished.writeBytes(new byte[2 * BLOCK]);
        return finished.toByteArray();
    }

    private void writeHeader(String name, long size, char type, int mode) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IllegalArgumentException("tar entry name longer than 100 bytes: " + name);
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0); // uid
        octal(header, 116, 8, 0); // gid
        octal(header, 124, 12, size);
        octal(header, 136, 12, MTIME);
        header[156] = (byte) type;
        ascii(header, 257, "ustar\0");
        ascii(header, 263, "00");
        ascii(header, 265, "root");
        ascii(header, 297, "root");
        // The checksum is computed with its own field read as eight spaces.
        ascii(header, 148, "        ");
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        ascii(header, 148, String.format("%06o\0 ", checksum));
        out.writeBytes(header);
    }

    private void pad(int length) {
        int remainder = length % BLOCK;
        if (remainder != 0) {
            out.writeBytes(new byte[BLOCK - remainder]);
        }
    }

    /** Writes value as zero-padded octal digits followed by NUL, filling the field. */
    private static void octal(byte[] header, int offset, int width, long value) {
        String digits = String.format("%0" + (width - 1) + "o", value);
        ascii(header, offset, digits + "\0");
    }

    private static void ascii(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
