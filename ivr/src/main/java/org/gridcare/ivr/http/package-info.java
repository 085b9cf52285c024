/** The IVR's HTTP operations (see openapi/ivr.yaml): the current menu and its reload. */
package org.gridcare.ivr.http;
