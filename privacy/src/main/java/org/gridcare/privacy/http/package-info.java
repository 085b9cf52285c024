/** Handlers of {@code openapi/privacy.yaml}: the data-subject rights over HTTP (administrators). */
package org.gridcare.privacy.http;
