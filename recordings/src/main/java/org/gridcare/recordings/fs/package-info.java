/** The recording store on a local file system (java.nio, on Vert.x worker threads). */
package org.gridcare.recordings.fs;
