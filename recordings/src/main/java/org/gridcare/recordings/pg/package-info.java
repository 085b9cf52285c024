/** PostgreSQL adapter of the recording catalogue and audit log (Vert.x reactive client). */
package org.gridcare.recordings.pg;
