/**
 * The interleavings explorer: a tiny program per thread (read, add, write; check then act; two
 * locks), every schedule of their steps enumerated on a model of the shared state, the outcomes,
 * and the shortest schedule that goes wrong, step by step. Plain computation: no threads run, so
 * the same request always gives the same answer, and no Spring.
 */
package org.concurrencylab.interleavings;
