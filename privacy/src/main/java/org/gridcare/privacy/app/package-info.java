/**
 * Data-protection use cases over ports: the retention run (per category, dry run or for real), the data-subject
 * rights (access export, erasure with its checks, legal hold, objection to SMS). Vert.x {@code Future}s; SQL only
 * behind {@link org.gridcare.privacy.app.PersonalData}, files behind the file ports.
 */
package org.gridcare.privacy.app;
