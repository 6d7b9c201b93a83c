package org.concurrencylab.bench;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * The anchor the worker JVM is compared with: a JVM that does nothing but copy its stdin to its
 * stdout, byte for byte, as soon as bytes arrive. No dependencies and no flags (it is started as
 * {@code java -cp <test-classes> org.concurrencylab.bench.BareEcho}), so its start-up is the JVM's
 * own with the JDK's default CDS archive, and its round trip is the pipes' plus one read and one
 * write. Raw file streams rather than System.in/out: no buffering or charset work to pay for.
 */
public final class BareEcho {

    private BareEcho() {}

    public static void main(String[] args) throws IOException {
        FileInputStream in = new FileInputStream(FileDescriptor.in);
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) > 0) {
            out.write(buffer, 0, read);
        }
    }
}
