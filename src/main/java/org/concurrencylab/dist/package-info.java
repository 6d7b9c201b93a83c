/**
 * How the lab starts fast from {@code target/dist} (and the image): the training run whose classes
 * the JDK's AOT cache holds, so that later starts load them ready-made.
 */
package org.concurrencylab.dist;
