package org.concurrencylab.ui;

/** A page address naming nothing (an unknown lesson): answered as every missing page is. */
final class MissingPageException extends RuntimeException {

    MissingPageException(String what) {
        super(what);
    }
}
