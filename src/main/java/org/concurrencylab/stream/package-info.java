/**
 * Live event streams: typed events on typed topics (an experiment, a study), numbered per topic,
 * written to each subscriber by a writer of its own, bounded by {@code lab.streams.*}. Nothing here
 * knows HTTP: {@code web} opens Server-Sent Event streams and hands them in as {@link
 * org.concurrencylab.stream.EventSink}s, and listens to the application's events to publish.
 *
 * <p>Publishing is cheap and never waits for a client: an event is numbered and queued for each
 * subscriber, and each subscriber's queue is drained by a virtual thread of its own.
 */
package org.concurrencylab.stream;
