/** HTTP: thin controllers over the experiment service, errors as RFC 9457 problem details. */
package org.concurrencylab.web;
