package org.concurrencylab.worker;

import java.io.IOException;

/** The bytes on a worker pipe are not a valid frame (garbage, wrong program, or wrong version). */
public class FrameException extends IOException {

    public FrameException(String message) {
        super(message);
    }
}
