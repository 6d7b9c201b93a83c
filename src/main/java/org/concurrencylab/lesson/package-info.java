/**
 * The lecture's lessons: each idea in plain words with the spec that shows it and what to look at
 * ({@code lessons/lessons.json}, the one list the README's lessons table is checked against), and
 * which experiments were run for which lesson, so a class's results can be put side by side.
 */
package org.concurrencylab.lesson;
