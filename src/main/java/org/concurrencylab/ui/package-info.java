/**
 * The lab in a browser: server-rendered pages (Thymeleaf templates under {@code templates/}, small
 * plain ES modules and one style sheet under {@code static/}) for students, teachers and admins.
 * The pages call the lab's services directly, as the signed-in user of the page session (see
 * {@code security.PageSecurityConfig}); pictures are the server's own SVG renderers, inlined.
 */
package org.concurrencylab.ui;
