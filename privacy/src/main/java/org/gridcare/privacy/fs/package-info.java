/** File adapters: the voicemail directory and the zip of an access export (blocking I/O on worker threads). */
package org.gridcare.privacy.fs;
